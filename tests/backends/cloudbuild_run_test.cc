// Runs generated Cloud Build steps on this machine (tests/backends/
// cloudbuild_steps.py plays Cloud Build: substitutions, secretEnv, step
// order) to check what only running shows: values cross steps through the
// wrapper byte for byte, types are checked when read, retries retry, files
// and secrets land where they should, and hostile text stays literal.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "tests/backends/backend_harness.h"
#include "tests/backends/cloudbuild_harness.h"

namespace slipway::test {
namespace {

struct StepResult {
  std::string id;
  int code = -1;
  std::string err;
};

struct BuildRun {
  std::string dir;  ///< temp dir: outputs, captured files
  std::vector<StepResult> steps;
  const StepResult* step(const std::string& id) const {
    for (const auto& s : steps)
      if (s.id == id) return &s;
    return nullptr;
  }
};

/// Compiles `source` (with @DIR@ replaced by a fresh temp dir) for Cloud
/// Build and runs the build file of pipeline `build`.
BuildRun compile_and_run(const std::string& source, const std::string& build,
                    const std::map<std::string, std::string>& secrets = {},
                    const std::map<std::string, std::string>& substitutions = {}, const std::string& shell = "",
                    const std::map<std::string, std::string>& fake_tools = {}) {
  BuildRun r;
  r.dir = make_temp_dir("slipway-cb-run");
  std::string shell_env;
  if (!shell.empty() || !fake_tools.empty()) {
    run_shell("mkdir -p '" + r.dir + "/shell'");
    if (!shell.empty()) run_shell("ln -s '" + shell + "' '" + r.dir + "/shell/sh'");
    // Stand-ins for tools the generated steps call (gcloud, docker).
    for (const auto& [name, script] : fake_tools) {
      write_file(r.dir + "/shell/" + name, script);
      run_shell("chmod +x '" + r.dir + "/shell/" + name + "'");
    }
    shell_env = "SLIPWAY_TEST_SHELL_DIR='" + r.dir + "/shell' ";
  }
  std::string text = source;
  for (size_t at; (at = text.find("@DIR@")) != std::string::npos;) text.replace(at, 5, r.dir);
  write_file(r.dir + "/ci.slip", text);
  auto compiled = run_target("cloudbuild", r.dir + "/ci.slip");
  EXPECT_FALSE(compiled.output.has_errors()) << compiled.diagnostics_text();
  std::string yaml;
  for (const auto& f : compiled.output.files)
    if (f.path == "cloudbuild-" + build + ".yaml") yaml = f.content;
  EXPECT_FALSE(yaml.empty());
  for (const auto& p : check_build_file(build, yaml)) ADD_FAILURE() << p;
  write_file(r.dir + "/build.yaml", yaml);
  nlohmann::json subs = substitutions, secret_json = secrets;
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  auto result = run_shell(shell_env + "python3 " + source_dir() + "/tests/backends/cloudbuild_steps.py " + quote(r.dir + "/build.yaml") +
                          " " + quote(r.dir + "/outputs") + " " + quote(subs.dump()) + " " + quote(secret_json.dump()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    r.steps.push_back({j["id"], j["code"], j["stderr"]});
  }
  return r;
}

const std::string kHostile = "it's \"quoted\" $(id) `id` ${HOME} $$ ; rm -rf / \\ end";

/// The wrapper is POSIX sh: dash (Debian), busybox ash (Alpine) and bash
/// must all run it the same.
class CloudBuildShells : public ::testing::TestWithParam<std::string> {};

TEST_P(CloudBuildShells, ValuesCrossStepsExactly) {
  if (!GetParam().empty() && !std::filesystem::exists(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
  BuildRun r = compile_and_run(R"slip(param out: string = "@DIR@"

workflow ci {
  step produce {
    image "alpine:3.20"
    run """
      printf 'text=%s\n' "$HOSTILE" >> "$SLIPWAY_OUTPUTS"
      echo count=42 >> "$SLIPWAY_OUTPUTS"
      echo flag=true >> "$SLIPWAY_OUTPUTS"
      echo wait=1m30s >> "$SLIPWAY_OUTPUTS"
    """
    env {
      HOSTILE = "it's \"quoted\" $(id) `id` \${HOME} $$ ; rm -rf / \\ end"
    }
    outputs {
      text: string
      count: int
      flag: bool
      wait: duration
    }
  }
  step argv {
    image "alpine:3.20"
    run ["sh", "-c", "printf '%s\\n' \"$1\" \"$2\" > \"$3/argv.txt\"", "sh", "pre ${produce.text} post", "${produce.count}", out]
  }
  step script {
    image "alpine:3.20"
    run "printf '%s|%s|%s|%s' \"${produce.text}\" \"${produce.count}\" \"${produce.flag}\" \"${produce.wait}\" > \"${out}/script.txt\""
  }
  step file {
    image "alpine:3.20"
    run ["cat", "@DIR@/from-file.txt"]
    files {
      "@DIR@/from-file.txt" = "v=${produce.text}"
    }
  }
}
)slip",
                          "ci", {}, {}, GetParam());
  for (const auto& s : r.steps) EXPECT_EQ(s.code, 0) << s.id << ": " << s.err;
  EXPECT_EQ(r.steps.size(), 4u);
  EXPECT_EQ(read_file(r.dir + "/argv.txt"), "pre " + kHostile + " post\n42\n");
  EXPECT_EQ(read_file(r.dir + "/script.txt"), kHostile + "|42|true|1m30s");
  EXPECT_EQ(read_file(r.dir + "/from-file.txt"), "v=" + kHostile);
}

INSTANTIATE_TEST_SUITE_P(Shells, CloudBuildShells, ::testing::Values("", "/bin/busybox", "/usr/bin/bash"),
                         [](const auto& info) {
                           return info.param.empty() ? std::string("system_sh")
                                                     : info.param.substr(info.param.rfind('/') + 1);
                         });

TEST(CloudBuildRun, MultiLineValuesCrossInTheHeredocForm) {
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step produce {
    image "alpine:3.20"
    run """
      printf 'notes<<END\nfirst line\n  second $x\n\nEND\n' >> "$SLIPWAY_OUTPUTS"
      echo 'count<<N' >> "$SLIPWAY_OUTPUTS"
      echo 42 >> "$SLIPWAY_OUTPUTS"
      echo N >> "$SLIPWAY_OUTPUTS"
    """
    outputs {
      notes: string
      count: int
    }
  }
  step use {
    image "alpine:3.20"
    run "printf '[%s] [%s]' \"${produce.notes}\" \"${produce.count}\" > @DIR@/seen"
  }
}
)slip",
                               "ci");
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[0].code, 0) << r.steps[0].err;
  EXPECT_EQ(r.steps[1].code, 0) << r.steps[1].err;
  EXPECT_EQ(read_file(r.dir + "/seen"), "[first line\n  second $x\n] [42]");
}

TEST(CloudBuildRun, AnUnclosedHeredocFailsTheProducer) {
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step produce {
    image "alpine:3.20"
    run "printf 'notes<<END\nno end\n' >> $SLIPWAY_OUTPUTS"
    outputs {
      notes: string
    }
  }
}
)slip",
                               "ci");
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_NE(r.steps[0].code, 0);
  EXPECT_EQ(r.steps[0].err, "slipway: output ci.produce.notes has no closing `END` line\n");
}

TEST(CloudBuildRun, BadIntFailsTheProducerClearly) {
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step produce {
    image "alpine:3.20"
    run "echo count=abc >> $SLIPWAY_OUTPUTS"
    outputs {
      count: int
    }
  }
  step use {
    image "alpine:3.20"
    run ["echo", "${produce.count}"]
  }
}
)slip",
                          "ci");
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_NE(r.steps[0].code, 0);
  EXPECT_EQ(r.steps[0].err, "slipway: output ci.produce.count is not an int: \"abc\"\n");
}

TEST(CloudBuildRun, BadIntFailsTheConsumerClearly) {
  // The producer is allowed to fail after writing a bad value; the reader checks again.
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step produce {
    image "alpine:3.20"
    run "echo count=12x >> $SLIPWAY_OUTPUTS; exit 3"
    outputs {
      count: int
    }
    allow_failure
  }
  step use {
    image "alpine:3.20"
    run ["echo", "${produce.count}"]
  }
}
)slip",
                          "ci");
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[0].code, 3);
  EXPECT_NE(r.steps[1].code, 0);
  EXPECT_EQ(r.steps[1].err, "slipway: output ci.produce.count (read by step ci.use) is not an int: \"12x\"\n");
}

TEST(CloudBuildRun, MissingOutputFailsTheReader) {
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step produce {
    image "alpine:3.20"
    run "echo nothing; exit 1"
    outputs {
      name: string
    }
    allow_failure
  }
  step use {
    image "alpine:3.20"
    run ["echo", "${produce.name}"]
  }
}
)slip",
                          "ci");
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.steps[1].err, "slipway: output ci.produce.name (read by step ci.use) was not written\n");
}

TEST(CloudBuildRun, RetryRunsAgainAndResetsOutputs) {
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step flaky {
    image "alpine:3.20"
    run """
      n=$(cat @DIR@/attempts 2>/dev/null || echo 0)
      echo $((n + 1)) > @DIR@/attempts
      echo try=$((n + 1)) >> "$SLIPWAY_OUTPUTS"
      [ "$n" -ge 2 ]
    """
    retry 3
    outputs {
      try: int
    }
  }
  step use {
    image "alpine:3.20"
    run ["sh", "-c", "echo \"$1\" > @DIR@/seen", "sh", "${flaky.try}"]
  }
}
)slip",
                          "ci");
  for (const auto& s : r.steps) EXPECT_EQ(s.code, 0) << s.id << ": " << s.err;
  EXPECT_EQ(read_file(r.dir + "/attempts"), "3\n");
  EXPECT_EQ(read_file(r.dir + "/seen"), "3\n");
  const StepResult* flaky = r.step("ci.flaky");
  ASSERT_NE(flaky, nullptr);
  EXPECT_NE(flaky->err.find("slipway: step ci.flaky failed with exit status 1; attempt 2 of 4"), std::string::npos)
      << flaky->err;
}

TEST(CloudBuildRun, RetryGivesUpWithTheLastStatus) {
  BuildRun r = compile_and_run(R"slip(workflow ci {
  step broken {
    image "alpine:3.20"
    run "exit 7"
    retry 1
  }
}
)slip",
                          "ci");
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].code, 7);
}

TEST(CloudBuildRun, SecretFilesAndComposedSecrets) {
  BuildRun r = compile_and_run(R"slip(secret key: file
secret token

workflow ci {
  step use {
    image "alpine:3.20"
    run "cat /dev/null; printf '%s' \"$AUTH\" > @DIR@/auth; env | grep -c SLIPWAY_SECRET_ > @DIR@/leftover || true"
    env {
      AUTH = "Bearer ${token}"
    }
    files {
      "@DIR@/keys/key.json" = key
    }
  }
}
)slip",
                          "ci", {{"SLIPWAY_SECRET_KEY", "{\"k\": \"it's $x\"}\n"}, {"SLIPWAY_SECRET_TOKEN", "t0k'en"}});
  for (const auto& s : r.steps) EXPECT_EQ(s.code, 0) << s.id << ": " << s.err;
  EXPECT_EQ(read_file(r.dir + "/keys/key.json"), "{\"k\": \"it's $x\"}\n");
  EXPECT_EQ(read_file(r.dir + "/auth"), "Bearer t0k'en");
  EXPECT_EQ(read_file(r.dir + "/leftover"), "0\n");
}

TEST(CloudBuildRun, ParamsAndHostileArgvStayLiteral) {
  BuildRun r = compile_and_run(R"slip(param note: string = "yes: no # $HOME $$ \${{ x }} ((x)) $((1+2))"

workflow ci {
  step echo {
    image "alpine:3.20"
    run ["sh", "-c", "printf '%s\\n' \"$@\" > @DIR@/args", "sh", "a: b", "$HOME", "$$", "\${{ x }}", "$((1+2))",
         "multi\nline", "unicode ✓", note, "tail${note}"]
  }
}
)slip",
                          "ci");
  for (const auto& s : r.steps) EXPECT_EQ(s.code, 0) << s.id << ": " << s.err;
  std::string note = "yes: no # $HOME $$ ${{ x }} ((x)) $((1+2))";
  EXPECT_EQ(read_file(r.dir + "/args"),
            "a: b\n$HOME\n$$\n${{ x }}\n$((1+2))\nmulti\nline\nunicode ✓\n" + note + "\ntail" + note + "\n");
  // A value given at run time replaces the default.
  BuildRun given = compile_and_run(R"slip(param note: string = "default"

workflow ci {
  step echo {
    image "alpine:3.20"
    run ["sh", "-c", "printf '%s' \"$1\" > @DIR@/args", "sh", note]
  }
}
)slip",
                              "ci", {}, {{"_NOTE", "from the trigger"}});
  EXPECT_EQ(read_file(given.dir + "/args"), "from the trigger");
}

TEST(CloudBuildRun, ChainStepStartsTheNextBuildOnlyWhenItsConditionHolds) {
  const std::string source = R"slip(pipeline build {
  step compile {
    image "alpine:3.20"
    run ["true"]
  }
}
pipeline release {
  step notes {
    image "alpine:3.20"
    run "echo ${git.branch}"
  }
}
workflow ship {
  on push
  build -> release as stable when git.tag matches "v*" || git.branch == "main" manual
}
)slip";
  // The fake gcloud records its arguments, one per line.
  const std::string gcloud = "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/../gcloud.args\"\n";
  auto started = [&](const std::map<std::string, std::string>& run) {
    BuildRun r = compile_and_run(source, "build", {}, run, "", {{"gcloud", gcloud}});
    for (const auto& s : r.steps) EXPECT_EQ(s.code, 0) << s.id << ": " << s.err;
    return read_file(r.dir + "/gcloud.args");
  };
  std::string args = started({{"BRANCH_NAME", "main"}, {"TAG_NAME", ""}, {"LOCATION", "europe-west1"}});
  EXPECT_EQ(args,
            "builds\ntriggers\nrun\nship-stable\n--region=europe-west1\n"
            "--sha=0123456789abcdef0123456789abcdef01234567\n"
            "--substitutions=^:^_SLIPWAY_GIT_BRANCH=main\n");
  EXPECT_NE(started({{"BRANCH_NAME", ""}, {"TAG_NAME", "v1.2.0"}}), "");
  EXPECT_EQ(started({{"BRANCH_NAME", "feature/x"}, {"TAG_NAME", ""}}), "");
  EXPECT_EQ(started({{"BRANCH_NAME", ""}, {"TAG_NAME", "release-1"}}), "");
}

TEST(CloudBuildRun, ServicesStartWithTheirEnvOffTheCommandLine) {
  const std::string source = R"slip(secret db_password

workflow ci {
  step test {
    image "alpine:3.20"
    run ["true"]
    service db {
      image "postgres:16.3"
      run ["postgres", "-c", "fsync=off; echo $(id)"]
      env {
        POSTGRES_USER = "app user"
        POSTGRES_PASSWORD = db_password
      }
      ready ["pg_isready", "-U", "app user"]
    }
  }
}
)slip";
  // The fake docker logs each call's arguments and the two env values it would pass on.
  const std::string docker =
      "#!/bin/sh\nlog=\"$(dirname \"$0\")/../docker.log\"\n"
      "printf '%s|' \"$@\" >> \"$log\"\n"
      "printf 'USER=%s PASS=%s\\n' \"$POSTGRES_USER\" \"$POSTGRES_PASSWORD\" >> \"$log\"\n";
  BuildRun d = compile_and_run(source, "ci", {{"SLIPWAY_SECRET_DB_PASSWORD", "s3cr3t'x"}}, {}, "", {{"docker", docker}});
  for (const auto& step : d.steps) EXPECT_EQ(step.code, 0) << step.id << ": " << step.err;
  EXPECT_EQ(d.steps.size(), 3u);
  std::string log = read_file(d.dir + "/docker.log");
  EXPECT_EQ(log,
            "run|-d|--name|slipway-ci-test-db|--network|cloudbuild|--network-alias|db|-e|POSTGRES_USER|-e|"
            "POSTGRES_PASSWORD|postgres:16.3|postgres|-c|fsync=off; echo $(id)|USER=app user PASS=s3cr3t'x\n"
            "exec|slipway-ci-test-db|pg_isready|-U|app user|USER= PASS=\n"
            "rm|-f|slipway-ci-test-db|USER= PASS=\n");
}

/// A pipeline whose `deploy` step runs COMMAND, with both kinds of hook and a
/// step after it.
std::string hooked_pipeline(const std::string& command) {
  return R"slip(param out: string = "@DIR@"

workflow ci {
  step deploy {
    image "alpine:3.20"
    run ")slip" + command + R"slip("
    on_failure alert {
      image "alpine:3.20"
      run "echo alerted > \"${out}/alert.txt\""
    }
    always cleanup {
      image "alpine:3.20"
      run "echo cleaned > \"${out}/cleanup.txt\""
    }
  }
  step after {
    image "alpine:3.20"
    run "echo ran > \"${out}/after.txt\""
    needs [deploy]
  }
}
)slip";
}

TEST(CloudBuildRun, HooksRunAfterAFailedStepAndTheBuildStillFails) {
  BuildRun r = compile_and_run(hooked_pipeline("exit 3"), "ci");
  ASSERT_NE(r.step("ci.deploy"), nullptr);
  EXPECT_EQ(r.step("ci.deploy")->code, 3);
  ASSERT_NE(r.step("ci.deploy.alert"), nullptr);
  EXPECT_EQ(r.step("ci.deploy.alert")->code, 0) << r.step("ci.deploy.alert")->err;
  EXPECT_EQ(read_file(r.dir + "/alert.txt"), "alerted\n");
  EXPECT_EQ(read_file(r.dir + "/cleanup.txt"), "cleaned\n");
  ASSERT_NE(r.step("ci.deploy.result"), nullptr);
  EXPECT_EQ(r.step("ci.deploy.result")->code, 1);
  EXPECT_NE(r.step("ci.deploy.result")->err.find("step ci.deploy failed (exit status 3)"), std::string::npos)
      << r.step("ci.deploy.result")->err;
  // The build stops at the result step: nothing after the failed step runs.
  EXPECT_EQ(r.step("ci.after"), nullptr);
  EXPECT_FALSE(std::filesystem::exists(r.dir + "/after.txt"));
}

TEST(CloudBuildRun, OnFailureHookStandsDownAfterASuccess) {
  BuildRun r = compile_and_run(hooked_pipeline("true"), "ci");
  for (const auto& s : r.steps) EXPECT_EQ(s.code, 0) << s.id << ": " << s.err;
  ASSERT_NE(r.step("ci.after"), nullptr);
  EXPECT_FALSE(std::filesystem::exists(r.dir + "/alert.txt"));
  EXPECT_EQ(read_file(r.dir + "/cleanup.txt"), "cleaned\n");
  EXPECT_EQ(read_file(r.dir + "/after.txt"), "ran\n");
}

}  // namespace
}  // namespace slipway::test
