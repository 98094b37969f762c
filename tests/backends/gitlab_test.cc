// The GitLab CI backend: goldens for every concept case and example, schema
// validation, determinism, one test per rejection (code and span), and
// run-time round trips of the generated scripts (tests/backends/gitlab_jobsim.py
// runs job scripts the way a runner would, without containers).

#include <gtest/gtest.h>

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "backends/gitlab/conditions.h"
#include "backends/gitlab/names.h"
#include "backends/gitlab/step_job.h"
#include "tests/backends/backend_harness.h"

namespace slipway::test {
namespace {

namespace fs = std::filesystem;

std::string cases_dir() { return source_dir() + "/tests/backends/cases/"; }

const backends::GeneratedFile* ci_file(const TargetRun& run) {
  for (const auto& f : run.output.files)
    if (f.path == ".gitlab-ci.yml") return &f;
  return nullptr;
}

TEST(GitlabGolden, ConceptCases) {
  for (const auto& path : concept_cases()) {
    SCOPED_TRACE(path);
    TargetRun run = run_target("gitlab", path);
    expect_golden("gitlab", case_name(path), run);
    if (!run.output.files.empty()) expect_schema_valid("gitlab", run.output.files);
  }
}

TEST(GitlabGolden, Examples) {
  for (const auto& path : example_files()) {
    SCOPED_TRACE(path);
    TargetRun run = run_target("gitlab", path);
    expect_golden("gitlab", case_name(path), run);
    if (!run.output.files.empty()) expect_schema_valid("gitlab", run.output.files);
  }
}

TEST(Gitlab, OutputIsDeterministic) {
  for (const auto& path : concept_cases()) {
    TargetRun a = run_target("gitlab", path);
    TargetRun b = run_target("gitlab", path);
    ASSERT_EQ(a.output.files.size(), b.output.files.size()) << path;
    for (size_t i = 0; i < a.output.files.size(); ++i)
      EXPECT_EQ(a.output.files[i].content, b.output.files[i].content) << path;
    EXPECT_EQ(a.diagnostics_text(), b.diagnostics_text()) << path;
  }
}

struct Rejection {
  const char* file;
  DiagCode code;
  uint32_t line;
  uint32_t col;
};

TEST(GitlabRejects, EachCodeAtItsSourceConstruct) {
  const Rejection cases[] = {
      {"gitlab_retry_limit.slip", DiagCode::E0540, 3, 8},
      {"gitlab_secret_output.slip", DiagCode::E0541, 7, 7},
      {"gitlab_variable_name.slip", DiagCode::E0542, 3, 3},
      {"gitlab_masked_file.slip", DiagCode::E0543, 3, 3},
      {"gitlab_script_entrypoint.slip", DiagCode::E0544, 5, 17},
      {"gitlab_ready_command.slip", DiagCode::E0545, 8, 14},
      {"gitlab_output_in_service.slip", DiagCode::E0546, 16, 9},
      {"gitlab_literal_dollar.slip", DiagCode::E0548, 4, 11},
      {"gitlab_environment.slip", DiagCode::E0549, 10, 42},
      {"gitlab_hook_allowed_failure.slip", DiagCode::E0550, 7, 16},
      {"gitlab_manual_allow_failure.slip", DiagCode::E0551, 6, 5},
      {"gitlab_condition_build_id.slip", DiagCode::E0552, 10, 43},
      {"gitlab_service_file_secret.slip", DiagCode::E0553, 11, 9},
      {"gitlab_no_run.slip", DiagCode::E0554, 3, 8},
      {"gitlab_manual_hook.slip", DiagCode::E0555, 9, 7},
      {"gitlab_predefined_variable.slip", DiagCode::E0557, 8, 7},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    TargetRun run = run_target("gitlab", cases_dir() + c.file);
    EXPECT_TRUE(run.output.files.empty()) << "a rejected workflow writes no file";
    ASSERT_FALSE(run.output.diagnostics.empty());
    const Diagnostic& d = run.output.diagnostics.front();
    EXPECT_EQ(code_info(d.code).id, code_info(c.code).id) << d.message;
    EXPECT_EQ(d.primary.begin.line, c.line) << d.message;
    EXPECT_EQ(d.primary.begin.col, c.col) << d.message;
    EXPECT_NE(d.message.find("GitLab"), std::string::npos) << "names the target: " << d.message;
    EXPECT_TRUE(d.help.has_value()) << d.message;
  }
}

const char* kOneStep = R"(
workflow ci {
  step hello {
    image "alpine:3.20"
    run ["echo", "hi"]
  }
}
)";

TEST(GitlabRejects, SeveralWorkflows) {
  auto out = compile_target_text("gitlab", std::string(kOneStep) + "workflow other {\n  step x {\n    image \"alpine:3.20\"\n"
                                                          "    run [\"true\"]\n  }\n}\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0501);
  EXPECT_EQ(out.diagnostics[0].primary.begin.line, 8u);
  EXPECT_TRUE(out.files.empty());
}

TEST(GitlabRejects, MoreThanFiftyNeeds) {
  std::string text = "pipeline wide {\n";
  for (int i = 0; i < 51; ++i)
    text += "  step s" + std::to_string(i) + " {\n    image \"alpine:3.20\"\n    run [\"true\"]\n  }\n";
  text += "}\npipeline after {\n  step last {\n    image \"alpine:3.20\"\n    run [\"true\"]\n  }\n}\n"
          "workflow ci {\n  wide -> after\n}\n";
  auto out = compile_target_text("gitlab", text);
  ASSERT_FALSE(out.diagnostics.empty());
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0547);
  EXPECT_NE(out.diagnostics[0].message.find("after:last"), std::string::npos) << out.diagnostics[0].message;
  EXPECT_EQ(out.diagnostics[0].primary.begin.line, 208u);  // `step last`
}

TEST(GitlabRejects, UnknownSetting) {
  auto out = compile_target_text("gitlab", kOneStep, {{"gitlab.runner", "x"}, {"cloudbuild.dir", "ci"}});
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0556);
  auto ok = compile_target_text("gitlab", kOneStep, {{"gitlab.gate_image", "busybox:1.36"}});
  EXPECT_TRUE(ok.diagnostics.empty());
}

TEST(Gitlab, GateImageSetting) {
  auto out = compile_target_text("gitlab", R"(
pipeline p {
  step s {
    image "alpine:3.20"
    run ["true"]
  }
}
workflow ci {
  p manual "Go?"
}
)",
                                 {{"gitlab.gate_image", "busybox:1.36"}});
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  EXPECT_EQ(doc["p:manual-gate"]["image"].as<std::string>(), "busybox:1.36");
  EXPECT_EQ(doc["p:manual-gate"]["manual_confirmation"].as<std::string>(), "Go?");
  EXPECT_EQ(doc["p:s"]["needs"][0]["job"].as<std::string>(), "p:manual-gate");
}

TEST(Gitlab, GlobsBecomeAnchoredRegexes) {
  using backends::gitlab::glob_regex;
  EXPECT_EQ(glob_regex("release/*"), R"(/^release\/[^\/]*$/)");
  EXPECT_EQ(glob_regex("feature/**"), R"(/^feature\/.*$/)");
  EXPECT_EQ(glob_regex("v?.*"), R"(/^v[^\/]\.[^\/]*$/)");
  EXPECT_EQ(glob_regex("[!a-c]x"), R"(/^\[!a-c\]x$/)") << "brackets are literal";
  EXPECT_EQ(glob_regex("x/y z"), R"(/^x\/y z$/)");
}

TEST(Gitlab, LongJobNamesAreCutWithAHash) {
  backends::gitlab::JobNames names;
  std::string id = "pipeline." + std::string(200, 's');
  const std::string& name = names.for_step(id);
  EXPECT_EQ(name.size(), backends::gitlab::kMaxJobName);
  EXPECT_EQ(name.substr(0, 9), "pipeline:");
  EXPECT_EQ(&names.for_step(id), &name) << "one name per step";
  EXPECT_NE(names.for_step(id + "x"), name) << "a different step gets a different name";
  EXPECT_EQ(names.for_gate("production"), "production:manual-gate");
}

TEST(Gitlab, ManyInheritedValuesAreNotedInTheHeader) {
  std::string outputs, reads;
  for (int i = 0; i < 21; ++i) {
    outputs += "      o" + std::to_string(i) + ": string\n";
    reads += "\"${make.o" + std::to_string(i) + "}\", ";
  }
  auto out = compile_target_text("gitlab", "workflow ci {\n  step make {\n    image \"alpine:3.20\"\n    run \"./make.sh\"\n"
                                 "    outputs {\n" + outputs + "    }\n  }\n  step use {\n    image \"alpine:3.20\"\n"
                                 "    run [\"echo\", " + reads + "]\n  }\n}\n");
  ASSERT_EQ(out.files.size(), 1u);
  EXPECT_NE(out.files[0].content.find("# job `ci:use` inherits 21 dotenv values; GitLab self-managed accepts 20"),
            std::string::npos);
}

TEST(Gitlab, DurationsInGitlabForm) {
  using backends::gitlab::gitlab_duration;
  EXPECT_EQ(gitlab_duration(90 * 60 * 1000), "1h 30m");
  EXPECT_EQ(gitlab_duration(1500), "2s");
  EXPECT_EQ(gitlab_duration(2 * 3600 * 1000 + 5000), "2h 5s");
  EXPECT_EQ(gitlab_duration(48LL * 3600 * 1000), "48h");
}

/// Values GitLab reads back from the YAML are exactly the IR's text.
TEST(Gitlab, HostileStringsReadBackExactly) {
  TargetRun run = run_target("gitlab", cases_dir() + "hostile_strings.slip");
  const auto* file = ci_file(run);
  ASSERT_NE(file, nullptr);
  YAML::Node doc = YAML::Load(file->content);
  const ir::Step* shell = run.front->program.workflows[0].instances[0].find_step("ci.echo_script");
  ASSERT_NE(shell, nullptr);
  YAML::Node job = doc["ci:echo_script"];
  for (const auto& e : shell->env) {
    if (!e.value.is_literal()) continue;
    YAML::Node v = job["variables"][e.name];
    ASSERT_TRUE(v.IsDefined()) << e.name;
    std::string text = v.IsMap() ? v["value"].as<std::string>() : v.as<std::string>();
    EXPECT_EQ(text, e.value.literal_text()) << e.name;
    bool has_dollar = text.find('$') != std::string::npos;
    EXPECT_EQ(v.IsMap() && !v["expand"].as<bool>(), has_dollar) << e.name << ": `$` needs expand: false";
  }
  // Verbatim; a multi-line script gains a final newline, which the shell ignores.
  bool found_script = false;
  for (const auto& entry : job["script"])
    found_script |= entry.IsScalar() && (entry.as<std::string>() == shell->script ||
                                         entry.as<std::string>() == shell->script + "\n");
  EXPECT_TRUE(found_script) << "the script is emitted verbatim";
}

struct SimResult {
  int exit_code;
  std::string out;
  std::string err;
};

SimResult simulate(const std::string& yaml, const std::string& jobs, const std::string& env = "") {
  std::string dir = make_temp_dir("slipway-gitlab-sim");
  write_file(dir + "/ci.yml", yaml);
  auto r = run_shell(env + " python3 " + source_dir() + "/tests/backends/gitlab_jobsim.py " + dir + "/ci.yml " + jobs);
  fs::remove_all(dir);
  return {r.exit_code, r.out, r.err};
}

TEST(GitlabRuntime, ValuesReachJobsExactly) {
  if (run_shell("python3 -c 'import yaml' && command -v awk").exit_code != 0) GTEST_SKIP() << "needs python3-yaml and awk";
  TargetRun run = run_target("gitlab", cases_dir() + "gitlab_roundtrip.slip");
  const auto* file = ci_file(run);
  ASSERT_NE(file, nullptr);
  SimResult r = simulate(file->content, "ci:produce ci:argv ci:script",
                         "SIM_SECRET_API_TOKEN='tok en$1' CI_COMMIT_SHA=abc123");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string note = "a: b #c $HOME $$ ${{ x }} ((y)) $((1+1)) %PATH% yes 'q' \"dq\"";
  std::string text = " lead $HOME \"q\" %PATH% é ✓ ${{ x }} ";
  std::string expected = "== ci:produce\n== ci:argv\n[" + text + "]\n[42]\n[first\n  second $x]\n[" + note +
                         "]\n[lit: $HOME $$ ${{ x }} ((x)) $((x)) 'a' \"b\"]\n== ci:script\n"
                         "[$HOME and $$ and ${{ x }} and %PATH% and ((x))]\n[got " + text + "!]\n[tok en$1]\n[" +
                         note + "]\n[first\n  second $x]\n[yes]\n[010]\nline 1\nline 2: $HOME " + note + "\n";
  EXPECT_EQ(r.out, expected);
}

TEST(GitlabRuntime, BadOutputFailsTheProducerClearly) {
  if (run_shell("python3 -c 'import yaml' && command -v awk").exit_code != 0) GTEST_SKIP() << "needs python3-yaml and awk";
  auto out = compile_target_text("gitlab", R"(
workflow ci {
  step count {
    image "alpine:3.20"
    run "echo n=abc >> $SLIPWAY_OUTPUTS"
    outputs { n: int }
  }
  step use {
    image "alpine:3.20"
    run ["echo", "${count.n}"]
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  SimResult r = simulate(out.files[0].content, "ci:count ci:use");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("slipway: step ci.count: output `n` must be an int, found \"abc\""), std::string::npos) << r.err;
}

TEST(GitlabRuntime, AScriptThatExitsStillHandsOnItsValuesWithTheirTrailingNewlines) {
  if (run_shell("python3 -c 'import yaml' && command -v awk").exit_code != 0) GTEST_SKIP() << "needs python3-yaml and awk";
  auto out = compile_target_text("gitlab", R"(
workflow ci {
  step produce {
    image "alpine:3.20"
    run """
      printf 'v<<EOF\nfirst\n\nEOF\n' >> "$SLIPWAY_OUTPUTS"
      exit 0
    """
    outputs { v: string }
  }
  step use {
    image "alpine:3.20"
    run "printf '[%s]' \"${produce.v}\""
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  SimResult r = simulate(out.files[0].content, "ci:produce ci:use");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "== ci:produce\n== ci:use\n[first\n]") << "`exit 0` ends the script, not the job's shell";
}

TEST(GitlabRuntime, MissingOutputFailsTheReaderClearly) {
  if (run_shell("python3 -c 'import yaml' && command -v awk").exit_code != 0) GTEST_SKIP() << "needs python3-yaml and awk";
  TargetRun run = run_target("gitlab", cases_dir() + "outputs.slip");
  const auto* file = ci_file(run);
  ASSERT_NE(file, nullptr);
  // Run the reader without its producer: its value never arrived.
  SimResult r = simulate(file->content, "ci:report");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("slipway: output `commits` of step ci.version is missing"), std::string::npos) << r.err;
}

TEST(GitlabRuntime, FailureHookReadsWhatTheFailedStepWrote) {
  if (run_shell("python3 -c 'import yaml' && command -v awk").exit_code != 0) GTEST_SKIP() << "needs python3-yaml and awk";
  auto out = compile_target_text("gitlab", R"(
workflow ci {
  step deploy {
    image "alpine:3.20"
    run """
      echo release=r7 >> "$SLIPWAY_OUTPUTS"
      echo count=oops >> "$SLIPWAY_OUTPUTS"
      exit 3
    """
    outputs {
      release: string
      count: int
      url: string
    }
    on_failure rollback {
      image "alpine:3.20"
      run ["echo", "rolling back ${deploy.release}"]
    }
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  EXPECT_TRUE(doc["ci:deploy"]["after_script"].IsSequence());
  SimResult r = simulate(out.files[0].content, "'!ci:deploy' ci:deploy:rollback");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "== ci:deploy\n== ci:deploy:rollback\nrolling back r7\n");
  EXPECT_NE(r.err.find("output `count` must be an int"), std::string::npos) << r.err;
}

TEST(Gitlab, SecretsAreNamedNeverValued) {
  TargetRun run = run_target("gitlab", cases_dir() + "secrets.slip");
  const auto* file = ci_file(run);
  ASSERT_NE(file, nullptr);
  EXPECT_NE(file->content.find("#   NPM_TOKEN (secret `npm_token`): type Variable, masked"), std::string::npos);
  EXPECT_NE(file->content.find("#   GCP_DEPLOYER_KEY (secret `gcp_key`): type File"), std::string::npos);
  YAML::Node doc = YAML::Load(file->content);
  for (const auto& job : doc) {
    if (!job.second.IsMap() || !job.second["variables"]) continue;
    for (const auto& v : job.second["variables"])
      EXPECT_NE(v.first.as<std::string>(), "NODE_AUTH_TOKEN") << "secrets are exported by the script, not set in YAML";
  }
}

}  // namespace
}  // namespace slipway::test
