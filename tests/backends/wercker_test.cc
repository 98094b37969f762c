// The Wercker backend: goldens for every concept case and example, the
// structural validator (tests/backends/wercker_harness.h) over every file
// and on broken files, determinism, one test per rejection (code and span),
// and run-time checks of the generated step code, run pipeline by pipeline
// the way the wercker CLI would, without containers.

#include <gtest/gtest.h>

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "tests/backends/backend_harness.h"
#include "tests/backends/wercker_harness.h"

namespace slipway::test {
namespace {

namespace fs = std::filesystem;

std::string cases_dir() { return source_dir() + "/tests/backends/cases/"; }

const backends::GeneratedFile* yml(const TargetRun& run) {
  for (const auto& f : run.output.files)
    if (f.path == "wercker.yml") return &f;
  return nullptr;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

void expect_valid(const TargetRun& run) {
  for (const auto& f : run.output.files) EXPECT_EQ(joined(validate_wercker_yml(f.content)), "") << f.path;
}

TEST(WerckerGolden, ConceptCases) {
  for (const auto& path : concept_cases()) {
    SCOPED_TRACE(path);
    TargetRun run = run_target("wercker", path);
    expect_golden("wercker", case_name(path), run);
    expect_valid(run);
  }
}

TEST(WerckerGolden, EveryExampleCompiles) {
  for (const auto& path : example_files()) {
    SCOPED_TRACE(path);
    TargetRun run = run_target("wercker", path);
    expect_golden("wercker", case_name(path), run);
    EXPECT_FALSE(run.output.has_errors()) << run.diagnostics_text();
    ASSERT_NE(yml(run), nullptr);
    expect_valid(run);
  }
}

TEST(Wercker, OutputIsDeterministic) {
  for (const auto& path : concept_cases()) {
    TargetRun a = run_target("wercker", path);
    TargetRun b = run_target("wercker", path);
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

TEST(WerckerRejects, EachCodeAtItsSourceConstruct) {
  const Rejection cases[] = {
      {"wercker_box.slip", DiagCode::E0582, 4, 11},
      {"wercker_registry_port.slip", DiagCode::E0582, 4, 11},
      {"wercker_timeout.slip", DiagCode::E0583, 3, 8},
      {"wercker_no_run.slip", DiagCode::E0584, 3, 8},
      {"wercker_secret_output.slip", DiagCode::E0585, 7, 7},
      {"wercker_service_value.slip", DiagCode::E0586, 16, 29},
      {"wercker_ready_command.slip", DiagCode::E0587, 8, 14},
      {"wercker_variable_name.slip", DiagCode::E0588, 3, 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    TargetRun run = run_target("wercker", cases_dir() + c.file);
    EXPECT_TRUE(run.output.files.empty()) << "a rejected workflow writes no file";
    ASSERT_EQ(run.output.diagnostics.size(), 1u) << run.diagnostics_text();
    const Diagnostic& d = run.output.diagnostics.front();
    EXPECT_EQ(code_info(d.code).id, code_info(c.code).id) << d.message;
    EXPECT_EQ(d.severity, Severity::Error);
    EXPECT_EQ(d.primary.begin.line, c.line) << d.message;
    EXPECT_EQ(d.primary.begin.col, c.col) << d.message;
    EXPECT_NE(d.message.find("Wercker"), std::string::npos) << "names the target: " << d.message;
    EXPECT_TRUE(d.help.has_value()) << d.message;
  }
}

TEST(WerckerWarns, HookInAnotherImageRunsInTheStepsBox) {
  TargetRun run = run_target("wercker", cases_dir() + "wercker_hook_image.slip");
  ASSERT_EQ(run.output.diagnostics.size(), 1u);
  const Diagnostic& d = run.output.diagnostics[0];
  EXPECT_EQ(d.code, DiagCode::E0581);
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.primary.begin.line, 7u);
  EXPECT_EQ(d.primary.begin.col, 13u);
  ASSERT_NE(yml(run), nullptr) << "a warning still writes the file";
  YAML::Node doc = YAML::Load(yml(run)->content);
  EXPECT_EQ(doc["ci-deploy"]["after-steps"][0]["script"]["name"].as<std::string>(), "ci.deploy.notify");
}

TEST(WerckerNotes, LostParallelismIsNotedOnce) {
  TargetRun run = run_target("wercker", cases_dir() + "dag.slip");
  ASSERT_EQ(run.output.diagnostics.size(), 1u) << run.diagnostics_text();
  EXPECT_EQ(run.output.diagnostics[0].code, DiagCode::E0580);
  EXPECT_EQ(run.output.diagnostics[0].severity, Severity::Note);
  ASSERT_NE(yml(run), nullptr);
}

const char* kOneStep = R"(
workflow ci {
  step hello {
    image "alpine:3.20"
    run ["echo", "hi"]
  }
}
)";

TEST(WerckerRejects, SeveralWorkflows) {
  auto out = compile_target_text("wercker", std::string(kOneStep) + "workflow other {\n  step x {\n    image \"alpine:3.20\"\n"
                                                           "    run [\"true\"]\n  }\n}\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0501);
  EXPECT_EQ(out.diagnostics[0].primary.begin.line, 8u);
  EXPECT_TRUE(out.files.empty());
}

TEST(WerckerRejects, UnknownSetting) {
  auto out = compile_target_text("wercker", kOneStep, {{"wercker.box", "x"}, {"gitlab.gate_image", "busybox:1.36"}});
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0589);
  EXPECT_TRUE(out.files.empty());
}

TEST(Wercker, ReservedPipelineNamesAreAvoided) {
  auto out = compile_target_text("wercker", R"(
pipeline command {
  step timeout {
    image "alpine:3.20"
    run ["true"]
  }
}
workflow ci {
  command
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  EXPECT_EQ(doc["command-timeout"].as<int>(), 60);
  EXPECT_TRUE(doc["command-timeout-step"].IsMap());
  EXPECT_EQ(joined(validate_wercker_yml(out.files[0].content)), "");
}

TEST(Wercker, SecretsAreNamedNeverValued) {
  TargetRun run = run_target("wercker", cases_dir() + "wercker_features.slip");
  const auto* file = yml(run);
  ASSERT_NE(file, nullptr);
  EXPECT_NE(file->content.find("#   DEPLOY_KEY_PEM (secret `deploy_key`, a file"), std::string::npos);
  EXPECT_NE(file->content.find("printf '%s' \"$DEPLOY_KEY_PEM\" > /run/keys/deploy.pem"), std::string::npos);
}

TEST(Wercker, BoxesTakeParamDefaultsAndCliVariables) {
  TargetRun run = run_target("wercker", cases_dir() + "wercker_features.slip");
  ASSERT_NE(yml(run), nullptr);
  YAML::Node doc = YAML::Load(yml(run)->content);
  EXPECT_EQ(doc["ci-test"]["box"]["id"].as<std::string>(),
            "europe-docker.pkg.dev/acme/apps/builder:${WERCKER_GIT_COMMIT}");
  EXPECT_EQ(doc["ci-test"]["services"][0]["name"].as<std::string>(), "cache");
}

// ---- The validator itself -------------------------------------------------

std::string valid_file() {
  return "build:\n  box: alpine:3.20\n  steps:\n    - script:\n        name: test\n        code: ./test.sh\n"
         "deploy:\n  box: {id: alpine, tag: '3.20'}\n  steps:\n    - script:\n        code: ./deploy.sh\n"
         "workflows:\n  - name: main\n    pipelines:\n      - name: build\n      - name: deploy\n"
         "        requires: [build]\n";
}

TEST(WerckerValidator, AcceptsAValidFile) { EXPECT_EQ(joined(validate_wercker_yml(valid_file())), ""); }

TEST(WerckerValidator, RejectsBrokenFiles) {
  struct Broken {
    std::string yaml;
    std::string expected;
  };
  const Broken cases[] = {
      {"", "empty"},
      {"build:\n  steps:\n    - script: {code: x}\n", "no box definition found"},
      {"build:\n  box: alpine\n  env: {A: b}\n  steps: []\n", "is not a list of steps"},
      {"build:\n  box: alpine\n  steps:\n    - script: {code: x, version: 1.10}\n", "read as a float"},
      {"build:\n  box: alpine\n  steps:\n    - script: {code: [a, b]}\n", "not a string, int or bool"},
      {"build:\n  box: alpine\n  steps:\n    - script:\n        name: x\n", "needs `code`"},
      {"build:\n  box: alpine\n  steps:\n    - script: x\n", "is empty"},
      {"build:\n  box: alpine@sha256:00\n  steps: []\n", "`@` is not allowed"},
      {"build:\n  box: {tag: '1'}\n  steps: []\n", "needs an `id`"},
      {"build:\n  box: {id: alpine, memory: 1}\n  steps: []\n", "unknown box key"},
      {"command-timeout: 90\nbuild:\n  box: alpine\n  steps: []\n", "from 1 to 60"},
      {valid_file() + "  - name: main\n    pipelines:\n      - name: build\n", "duplicate workflow"},
      {"build:\n  box: alpine\n  steps: []\nworkflows:\n  - name: w\n    pipelines:\n      - name: build\n"
       "      - name: other\n        requires: [build]\n",
       "pipeline `other` does not exist"},
      {"build:\n  box: alpine\n  steps: []\nworkflows:\n  - name: w\n    pipelines:\n      - name: build\n"
       "      - name: again\n        pipelineName: build\n",
       "2 roots"},
      {"build:\n  box: alpine\n  steps: []\nworkflows:\n  - name: w\n    pipelines:\n      - name: build\n"
       "      - name: a\n        pipelineName: build\n        requires: [b]\n      - name: b\n"
       "        pipelineName: build\n        requires: [a]\n",
       "cycle"},
      {"build:\n  box: alpine\n  steps: []\nworkflows:\n  - name: w\n    pipelines:\n      - name: build\n"
       "        requires: [nowhere]\n",
       "not a member"},
  };
  for (const auto& c : cases) {
    std::string errors = joined(validate_wercker_yml(c.yaml));
    EXPECT_NE(errors.find(c.expected), std::string::npos) << c.yaml << "\n--- got:\n" << errors;
  }
}

// ---- Run-time checks --------------------------------------------------------

struct SimResult {
  bool passed = true;
  std::string out;
  std::string err;
};

std::string shell_single(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs the workflow's pipelines in order the way the CLI does: each step's
/// code with `set -e` in the pipeline's source dir, after-steps with
/// $WERCKER_RESULT, and the output dir (or, when empty, the source dir) as
/// the next pipeline's source. `env` holds extra `NAME=VALUE` words.
SimResult simulate(const std::string& yaml, const std::string& env = "", const std::string& prepare = "") {
  SimResult result;
  std::string dir = make_temp_dir("slipway-wercker-sim");
  YAML::Node doc = YAML::Load(yaml);
  std::string source = dir + "/source-0";
  fs::create_directories(source);
  if (!prepare.empty()) run_shell("cd " + shell_single(source) + " && " + prepare);
  int index = 0;
  for (const auto& member : doc["workflows"][0]["pipelines"]) {
    std::string name = member["name"].as<std::string>();
    YAML::Node pipeline = doc[name];
    std::string output = dir + "/output-" + std::to_string(index);
    fs::create_directories(output);
    std::string vars = "WERCKER_SOURCE_DIR=" + shell_single(source) + " WERCKER_OUTPUT_DIR=" + shell_single(output) +
                       " WERCKER_GIT_COMMIT=0123456789abcdef WERCKER_GIT_BRANCH=main WERCKER_RUN_ID=run1 " + env;
    auto run_step = [&](const YAML::Node& step, const std::string& extra) {
      std::string file = dir + "/step.sh";
      write_file(file, "set -e\n" + step["script"]["code"].as<std::string>());
      auto r = run_shell("cd " + shell_single(source) + " && env " + vars + extra + " sh " + shell_single(file));
      result.out += r.out;
      result.err += r.err;
      return r.exit_code == 0;
    };
    bool passed = true;
    for (const auto& step : pipeline["steps"])
      if (passed) passed = run_step(step, "");
    for (const auto& step : pipeline["after-steps"])
      run_step(step, std::string(" WERCKER_RESULT=") + (passed ? "passed" : "failed"));
    if (!passed) {
      result.passed = false;
      break;
    }
    if (fs::is_empty(output)) output = source;
    source = output;
    ++index;
  }
  fs::remove_all(dir);
  return result;
}

bool have_tools() { return run_shell("command -v sh && command -v awk && command -v grep").exit_code == 0; }

/// Every argv item reaches the command exactly, param and hostile text alike.
TEST(WerckerRuntime, HostileArgvReachesTheCommandExactly) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  TargetRun run = run_target("wercker", cases_dir() + "hostile_strings.slip");
  ASSERT_NE(yml(run), nullptr);
  const ir::Workflow& wf = run.front->program.workflows[0];
  const ir::Step* step = wf.instances[0].find_step("ci.echo_argv");
  ASSERT_NE(step, nullptr);
  std::string expected;
  for (size_t i = 2; i < step->argv.size(); ++i) {
    const ir::Value& v = step->argv[i];
    if (v.is_literal()) {
      expected += v.literal_text() + "\n";
      continue;
    }
    ASSERT_EQ(v.parts.size(), 1u);
    const ir::Param* p = wf.find_param(v.parts[0].ref->name);
    ASSERT_TRUE(p && p->default_value);
    expected += p->default_value->literal_text() + "\n";
  }
  // Only the argv pipeline: the script one changes into a directory the
  // simulation does not create.
  YAML::Node doc = YAML::Load(yml(run)->content);
  YAML::Node single;
  single["ci-echo_argv"] = doc["ci-echo_argv"];
  single["workflows"] = YAML::Load("[{name: ci, pipelines: [{name: ci-echo_argv}]}]");
  SimResult r = simulate(YAML::Dump(single));
  EXPECT_TRUE(r.passed) << r.err;
  EXPECT_EQ(r.out, expected);
}

TEST(WerckerRuntime, HostileScriptAndWorkdirRunAsWritten) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  TargetRun run = run_target("wercker", cases_dir() + "hostile_strings.slip");
  ASSERT_NE(yml(run), nullptr);
  SimResult r = simulate(yml(run)->content, "HOME=/home/h", "mkdir -p 'dir with spaces/$x'");
  EXPECT_TRUE(r.passed) << r.err;
  const ir::Param* note = run.front->program.workflows[0].find_param("note");
  ASSERT_TRUE(note && note->default_value);
  EXPECT_NE(r.out.find("a: b\nc #d\n/home/h\n$$\n${{ x }}\n((x))\n3\n" + note->default_value->literal_text() + "\n"),
            std::string::npos)
      << r.out;
}

const char* kValues = R"(
workflow ci {
  step make {
    image "alpine:3.20"
    run """
      echo count=42 >> "$SLIPWAY_OUTPUTS"
      printf 'text<<EOF\nfirst line\n  second $x\nEOF\n' >> "$SLIPWAY_OUTPUTS"
      echo flag=true >> "$SLIPWAY_OUTPUTS"
    """
    outputs {
      count: int
      text: string
      flag: bool
    }
  }
  step use {
    image "alpine:3.20"
    run ["printf", "[%s]\n", "${make.count}", "${make.text}", "${make.flag}"]
  }
}
)";

TEST(WerckerRuntime, ValuesTravelBetweenPipelinesTyped) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  auto out = compile_target_text("wercker", kValues);
  ASSERT_EQ(out.files.size(), 1u);
  SimResult r = simulate(out.files[0].content);
  EXPECT_TRUE(r.passed) << r.err;
  EXPECT_EQ(r.out, "[42]\n[first line\n  second $x]\n[true]\n");
}

TEST(WerckerRuntime, BadIntFailsTheProducerClearly) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  std::string text = kValues;
  text.replace(text.find("count=42"), 8, "count=4x");
  auto out = compile_target_text("wercker", text);
  ASSERT_EQ(out.files.size(), 1u);
  SimResult r = simulate(out.files[0].content);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.err.find("slipway: step ci.make: output `count` must be an int, found \"4x\""), std::string::npos)
      << r.err;
}

TEST(WerckerRuntime, ReaderChecksTypesAndPresence) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  auto out = compile_target_text("wercker", kValues);
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  YAML::Node single;
  single["ci-use"] = doc["ci-use"];
  single["workflows"] = YAML::Load("[{name: ci, pipelines: [{name: ci-use}]}]");
  // A value tampered with between pipelines is caught by its reader.
  SimResult bad = simulate(YAML::Dump(single), "",
                           "mkdir -p .slipway/values/ci.make && printf 4x > .slipway/values/ci.make/count");
  EXPECT_FALSE(bad.passed);
  EXPECT_NE(bad.err.find("output `count` of step ci.make must be an int, found \"4x\""), std::string::npos) << bad.err;
  SimResult missing = simulate(YAML::Dump(single));
  EXPECT_FALSE(missing.passed);
  EXPECT_NE(missing.err.find("output `count` of step ci.make is missing"), std::string::npos) << missing.err;
}

const char* kControl = R"(
workflow ci {
  step flaky {
    image "alpine:3.20"
    run "n=$(cat .tries 2>/dev/null || echo 0); echo $((n + 1)) > .tries; [ $n -ge 2 ]"
    retry 2
  }
  step slow {
    image "alpine:3.20"
    run ["sleep", "5"]
    timeout 1s
    allow_failure
    on_failure report {
      image "alpine:3.20"
      run ["echo", "slow failed"]
    }
  }
  step gated {
    image "alpine:3.20"
    run ["echo", "shipped"]
    manual "Ship?"
    always done {
      image "alpine:3.20"
      run ["echo", "gated done"]
    }
  }
}
)";

TEST(WerckerRuntime, RetryTimeoutAllowFailureHooksAndGates) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  auto out = compile_target_text("wercker", kControl);
  ASSERT_EQ(out.files.size(), 1u);
  SimResult unapproved = simulate(out.files[0].content);
  EXPECT_FALSE(unapproved.passed);
  EXPECT_EQ(unapproved.out, "slow failed\n") << "the gate stops before the step, so its hook does not run";
  EXPECT_NE(unapproved.err.find("slipway: step ci.flaky failed (exit 1); attempt 3 of 3"), std::string::npos)
      << unapproved.err;
  EXPECT_NE(unapproved.err.find("slipway: step ci.slow timed out after 1s"), std::string::npos) << unapproved.err;
  EXPECT_NE(unapproved.err.find("it is allowed to fail"), std::string::npos) << unapproved.err;
  EXPECT_NE(unapproved.err.find("manual gate `ci.gated` was not approved (run again with "
                                "X_SLIPWAY_APPROVE_CI_GATED=yes on the host)"),
            std::string::npos)
      << unapproved.err;
  SimResult approved = simulate(out.files[0].content, "SLIPWAY_APPROVE_CI_GATED=yes");
  EXPECT_TRUE(approved.passed) << approved.err;
  EXPECT_EQ(approved.out, "slow failed\nshipped\ngated done\n");
}

TEST(WerckerRuntime, ConditionsAndTriggersSkipSteps) {
  if (!have_tools()) GTEST_SKIP() << "needs sh, awk and grep";
  auto out = compile_target_text("wercker", R"(
pipeline build {
  step compile {
    image "alpine:3.20"
    run ["echo", "compiled"]
  }
}
pipeline release {
  step publish {
    image "alpine:3.20"
    run ["echo", "published"]
  }
}
workflow ci {
  on push branches ["main", "release/*"]
  build -> release when git.branch == "main"
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  EXPECT_EQ(simulate(out.files[0].content).out, "compiled\npublished\n");
  SimResult branch = simulate(out.files[0].content, "WERCKER_GIT_BRANCH=release/1.0");
  EXPECT_TRUE(branch.passed);
  EXPECT_EQ(branch.out,
            "compiled\nslipway: step release.publish skipped: its triggers or conditions do not hold\n");
  SimResult other = simulate(out.files[0].content, "WERCKER_GIT_BRANCH=feature/x");
  EXPECT_EQ(other.out.find("compiled"), std::string::npos) << other.out;
}

}  // namespace
}  // namespace slipway::test
