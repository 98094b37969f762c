// `slipway run` without an engine: --dry-run, an unreachable engine, usage
// and setup errors (exit 2).

#include <gtest/gtest.h>

#include "tests/runtime/engine_harness.h"

namespace slipway::runtime {
namespace {

using test::run_slipway_env;
using test::write_workflow;

const char* kWorkflow = R"(
secret token
pipeline build {
  step version {
    image "slipway-test/busybox:1"
    run "echo v=1 >> $SLIPWAY_OUTPUTS"
    outputs { v: string }
  }
  step use {
    image "slipway-test/busybox:1"
    run "echo ${version.v}"
    env { TOKEN = token }
  }
}
pipeline deploy {
  step ship { image "slipway-test/busybox:1" run "echo ship" }
}
workflow main {
  build -> deploy when git.branch == "main" manual "Ship?"
}
)";

const std::string kDeadEngine = "DOCKER_HOST=unix:///nonexistent/docker.sock";

TEST(RunCli, DryRunTouchesNoEngine) {
  std::string file = write_workflow(kWorkflow);
  auto r = run_slipway_env({kDeadEngine, "TOKEN=hunter2hunter2"}, {"run", file, "--dry-run", "--branch", "main"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("build.version | would run image slipway-test/busybox:1 in /workspace"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("build.use     |   env SLIPWAY_VERSION_V=<dry-run: build.version.v>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("build.use     |   env TOKEN=*** (secret, via stdin)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("deploy.ship   | succeeded"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos);
}

TEST(RunCli, DryRunListsSkippedPipelines) {
  std::string file = write_workflow(kWorkflow);
  auto r = run_slipway_env({kDeadEngine, "TOKEN=tok-abc123"}, {"run", file, "--dry-run", "--branch", "dev"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("slipway: skipping pipeline `deploy`: condition `git.branch == \"main\"` is false (branch `dev`"),
            std::string::npos)
      << r.out;
}

TEST(RunCli, NoEngineIsASetupError) {
  std::string file = write_workflow(kWorkflow);
  auto r = run_slipway_env({kDeadEngine, "TOKEN=tok-abc123"}, {"run", file, "--branch", "dev"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("slipway: error: cannot reach the Docker engine at unix:///nonexistent/docker.sock: No such file or directory"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("help: start it"), std::string::npos) << r.err;
}

TEST(RunCli, GatesNeedApprovalWithoutATerminal) {
  std::string file = write_workflow(kWorkflow);
  auto r = run_slipway_env({kDeadEngine, "TOKEN=tok-abc123"}, {"run", file, "--branch", "main"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("step `deploy.ship` waits at manual gate `deploy` (\"Ship?\"), and stdin is not a terminal"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("help: approve it up front with --approve deploy"), std::string::npos) << r.err;
}

TEST(RunCli, MissingSecretsAndUnknownNamesAreSetupErrors) {
  std::string file = write_workflow(kWorkflow);
  auto missing = run_slipway_env({kDeadEngine, "TOKEN="}, {"run", file, "--branch", "dev"});
  // An empty value is a value; unset it instead.
  auto unset = slipway::test::run_shell("env -u TOKEN NO_COLOR=1 DOCKER_HOST=unix:///nonexistent/docker.sock '" +
                                        std::string(SLIPWAY_BINARY) + "' run '" + file + "' --branch dev </dev/null");
  EXPECT_EQ(unset.exit_code, 2);
  EXPECT_NE(unset.err.find("secret `token` has no local value: environment variable `TOKEN` is not set"), std::string::npos)
      << unset.err;
  auto step = run_slipway_env({kDeadEngine}, {"run", file, "--dry-run", "--step", "nope"});
  EXPECT_EQ(step.exit_code, 2);
  EXPECT_NE(step.err.find("no step `nope` in the selected pipelines"), std::string::npos) << step.err;
  auto wf = run_slipway_env({kDeadEngine}, {"run", file, "--dry-run", "--workflow", "other"});
  EXPECT_EQ(wf.exit_code, 2);
  EXPECT_NE(wf.err.find("no workflow `other`"), std::string::npos) << wf.err;
  (void)missing;
}

TEST(RunCli, JsonDryRunIsAnEventStream) {
  std::string file = write_workflow(kWorkflow);
  auto r = run_slipway_env({kDeadEngine, "TOKEN=tok-abc123"}, {"run", file, "--dry-run", "--json", "--pipeline", "build"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"event\":\"run_started\"", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"event\":\"run_finished\""), std::string::npos);
  EXPECT_NE(r.out.find("\"outputs\":[\"v\"]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("deploy.ship"), std::string::npos);
}

}  // namespace
}  // namespace slipway::runtime
