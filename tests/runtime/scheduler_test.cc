// The scheduler over a fake runner: ordering, parallelism, failure handling,
// retries, timeouts, hooks, gates, conditions, outputs and interrupts.

#include <gtest/gtest.h>

#include "runtime/scheduler.h"
#include "tests/runtime/fake_runner_harness.h"
#include "tests/support/test_support.h"

namespace slipway::runtime {
namespace {

using test::FakeRunner;
using test::RecordingReporter;

class Harness {
 public:
  explicit Harness(const std::string& text) : compiled_(slipway::test::compile_text(text)) {
    EXPECT_TRUE(compiled_->errors().empty()) << compiled_->codes();
    EXPECT_FALSE(compiled_->program.workflows.empty());
    git_.branch = "main";
    run_.id = "test-run";
    run_.build_number = 7;
  }

  ir::Workflow& workflow() { return compiled_->program.workflows.at(0); }
  ir::Step& step(const std::string& id) {
    for (auto& inst : workflow().instances)
      for (auto& s : inst.steps)
        if (s.id == id) return s;
    throw std::runtime_error("no step " + id);
  }

  RunSummary run() {
    auto plan = build_plan(workflow(), plan_options, git_, run_);
    EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
    plan_ = std::make_unique<Plan>(std::move(plan.value()));
    ValueScope scope;
    scope.workflow = &workflow();
    scope.git = &git_;
    scope.run = &run_;
    scope.secrets = &secrets;
    summary_ = run_plan(*plan_, runner, reporter, scope, options);
    return summary_;
  }

  const StepRecord& record(const std::string& id) const {
    for (const auto& r : summary_.steps)
      if (r.id == id) return r;
    throw std::runtime_error("no record " + id);
  }

  FakeRunner runner;
  RecordingReporter reporter;
  SchedulerOptions options;
  PlanOptions plan_options;
  SecretStore secrets;
  GitContext git_;
  RunIdentity run_;

 private:
  std::unique_ptr<slipway::test::Compiled> compiled_;
  std::unique_ptr<Plan> plan_;
  RunSummary summary_;
};

const char* kDiamond = R"(
pipeline p {
  step a { image "busybox" run "true" }
  step b { image "busybox" run "true" needs [a] }
  step c { image "busybox" run "true" needs [a] }
  step d { image "busybox" run "true" needs [b, c] }
}
workflow w { p }
)";

TEST(Scheduler, RunsIndependentStepsTogetherAndDependentsAfter) {
  Harness h(kDiamond);
  h.runner.steps["p.b"].duration_ms = 40;
  h.runner.steps["p.c"].duration_ms = 40;
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded()) << h.reporter.dump();
  auto ids = h.runner.started_ids();
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids.front(), "p.a");
  EXPECT_EQ(ids.back(), "p.d");
  EXPECT_EQ(h.runner.peak_running, 2u);  // b and c at once
  EXPECT_GE(h.runner.started[3].at, h.runner.finished_at["p.b"]);
  EXPECT_EQ(s.critical_path.front(), "p.a");
  EXPECT_EQ(s.critical_path.back(), "p.d");
  EXPECT_EQ(s.critical_path.size(), 3u);
}

TEST(Scheduler, JobsLimitsParallelism) {
  Harness h(kDiamond);
  h.options.jobs = 1;
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded());
  EXPECT_EQ(h.runner.peak_running, 1u);
}

const char* kBranches = R"(
pipeline p {
  step bad { image "busybox" run "false" }
  step after_bad { image "busybox" run "true" needs [bad] }
  step slow { image "busybox" run "true" }
  step after_slow { image "busybox" run "true" needs [slow] }
}
workflow w { p }
)";

TEST(Scheduler, FailureSkipsDependentsAndFailFastCancelsTheRest) {
  Harness h(kBranches);
  h.runner.steps["p.bad"].exit_codes = {2};
  h.runner.steps["p.slow"].duration_ms = 2000;
  auto begin = Clock::now();
  RunSummary s = h.run();
  EXPECT_LT(Clock::now() - begin, std::chrono::milliseconds(1500));  // slow was aborted
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.bad").status, StepStatus::Failed);
  EXPECT_EQ(h.record("p.bad").message, "exited with code 2");
  EXPECT_EQ(h.record("p.slow").status, StepStatus::Cancelled);
  EXPECT_EQ(h.record("p.after_slow").status, StepStatus::Cancelled);
  EXPECT_EQ(h.record("p.after_bad").status, StepStatus::Skipped);
  EXPECT_EQ(h.record("p.after_bad").message, "`p.bad` failed");
  EXPECT_TRUE(h.reporter.has("notice stopping: `p.bad` failed; cancelling 1 running")) << h.reporter.dump();
  EXPECT_EQ(s.stopped_by, "p.bad");
}

TEST(Scheduler, KeepGoingLetsIndependentBranchesFinish) {
  Harness h(kBranches);
  h.options.keep_going = true;
  h.runner.steps["p.bad"].exit_codes = {1};
  h.runner.steps["p.slow"].duration_ms = 30;
  RunSummary s = h.run();
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.after_bad").status, StepStatus::Skipped);
  EXPECT_EQ(h.record("p.after_bad").message, "`p.bad` failed");
  EXPECT_EQ(h.record("p.slow").status, StepStatus::Succeeded);
  EXPECT_EQ(h.record("p.after_slow").status, StepStatus::Succeeded);
  EXPECT_FALSE(h.reporter.has("notice stopping"));
}

TEST(Scheduler, AllowFailureLetsDependentsRun) {
  Harness h(R"(
pipeline p {
  step lint { image "busybox" run "false" allow_failure }
  step test { image "busybox" run "true" needs [lint] }
}
workflow w { p }
)");
  h.runner.steps["p.lint"].exit_codes = {1};
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded()) << h.reporter.dump();
  EXPECT_EQ(h.record("p.lint").status, StepStatus::Failed);
  EXPECT_TRUE(h.record("p.lint").allow_failure);
  EXPECT_EQ(h.record("p.test").status, StepStatus::Succeeded);
}

TEST(Scheduler, RetryRerunsAFailedStep) {
  Harness h(R"(
pipeline p {
  step flaky { image "busybox" run "x" retry 2 }
}
workflow w { p }
)");
  h.runner.steps["p.flaky"].exit_codes = {1, 1, 0};
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded()) << h.reporter.dump();
  EXPECT_EQ(h.record("p.flaky").attempts, 3);
  EXPECT_TRUE(h.reporter.has("notice `p.flaky` failed (exited with code 1); retrying: attempt 2 of 3"));
  EXPECT_TRUE(h.reporter.has("started p.flaky #3"));
}

TEST(Scheduler, RetriesRunOutAndTheStepFails) {
  Harness h(R"(
pipeline p {
  step flaky { image "busybox" run "x" retry 1 }
}
workflow w { p }
)");
  h.runner.steps["p.flaky"].exit_codes = {4};
  RunSummary s = h.run();
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.flaky").attempts, 2);
  EXPECT_EQ(h.record("p.flaky").exit_code, 4);
}

TEST(Scheduler, TimeoutAbortsAndReports) {
  Harness h(R"(
pipeline p {
  step slow { image "busybox" run "sleep 100" timeout 10m }
}
workflow w { p }
)");
  h.step("p.slow").timeout_ms = 60;  // the language's smallest unit is too slow for a unit test
  h.runner.steps["p.slow"].duration_ms = 5000;
  auto begin = Clock::now();
  RunSummary s = h.run();
  EXPECT_LT(Clock::now() - begin, std::chrono::milliseconds(1000));
  EXPECT_EQ(h.record("p.slow").status, StepStatus::TimedOut);
  EXPECT_EQ(h.record("p.slow").message, "timed out after 60ms");
  EXPECT_EQ(h.runner.aborted, std::vector<std::string>{"p.slow"});
}

TEST(Scheduler, TimeoutMessageUsesTheDeclaredDuration) { EXPECT_EQ(format_duration(600000), "10m"); }

const char* kOutputs = R"(
pipeline p {
  step version {
    image "busybox"
    run "echo"
    outputs { tag: string count: int }
  }
  step use {
    image "busybox"
    run "echo ${version.tag} ${version.count}"
  }
}
workflow w { p }
)";

TEST(Scheduler, TypedOutputsFlowToDependents) {
  Harness h(kOutputs);
  h.runner.steps["p.version"].outputs = "tag=1.2.3\ncount<<EOF\n42\nEOF\n";
  RunSummary s = h.run();
  ASSERT_TRUE(s.succeeded()) << h.reporter.dump();
  EXPECT_EQ(h.record("p.version").outputs.at("tag"), "1.2.3");
  const StepSpec* use = h.runner.spec_of("p.use");
  ASSERT_NE(use, nullptr);
  std::map<std::string, std::string> env(use->env.begin(), use->env.end());
  EXPECT_EQ(env["SLIPWAY_VERSION_TAG"], "1.2.3");
  EXPECT_EQ(env["SLIPWAY_VERSION_COUNT"], "42");
}

TEST(Scheduler, AnIllTypedOutputFailsTheStep) {
  Harness h(kOutputs);
  h.runner.steps["p.version"].outputs = "tag=1.2.3\ncount=lots\n";
  RunSummary s = h.run();
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.version").status, StepStatus::Failed);
  EXPECT_EQ(h.record("p.version").message, "output `count` must be an int, found \"lots\"");
  EXPECT_EQ(h.record("p.use").status, StepStatus::Skipped);
}

TEST(Scheduler, AMissingOutputFailsTheStep) {
  Harness h(kOutputs);
  h.runner.steps["p.version"].outputs = "tag=1\n";
  RunSummary s = h.run();
  EXPECT_EQ(h.record("p.version").message, "output `count` (int) was not written");
}

TEST(Scheduler, OutputOfAnAllowedFailureIsReportedMissing) {
  Harness h(R"(
pipeline p {
  step version { image "busybox" run "echo" outputs { tag: string } allow_failure }
  step use { image "busybox" run "echo ${version.tag}" }
}
workflow w { p }
)");
  h.runner.steps["p.version"].exit_codes = {1};
  RunSummary s = h.run();
  EXPECT_EQ(h.record("p.use").status, StepStatus::Failed);
  EXPECT_EQ(h.record("p.use").message, "output `p.version.tag` is not available: `p.version` did not produce it");
}

const char* kHooks = R"(
pipeline p {
  step deploy {
    image "busybox"
    run "x"
    on_failure page { image "busybox" run "page" }
    always cleanup { image "busybox" run "cleanup" }
  }
}
workflow w { p }
)";

TEST(Scheduler, HooksRunAsDeclaredOnSuccess) {
  Harness h(kHooks);
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded()) << h.reporter.dump();
  EXPECT_EQ(h.record("p.deploy.page").status, StepStatus::NotRun);
  EXPECT_EQ(h.record("p.deploy.cleanup").status, StepStatus::Succeeded);
}

TEST(Scheduler, HooksRunAsDeclaredOnFailure) {
  Harness h(kHooks);
  h.runner.steps["p.deploy"].exit_codes = {1};
  RunSummary s = h.run();
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.deploy.page").status, StepStatus::Succeeded) << h.reporter.dump();
  EXPECT_EQ(h.record("p.deploy.cleanup").status, StepStatus::Succeeded);
}

const char* kGate = R"(
pipeline p {
  step build { image "busybox" run "x" }
  step ship { image "busybox" run "x" needs [build] manual "Ship it?" }
}
workflow w { p }
)";

TEST(Scheduler, AnUnapprovedGateSkipsItsStep) {
  Harness h(kGate);
  RunSummary s = h.run();
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.ship").status, StepStatus::Skipped);
  EXPECT_EQ(h.record("p.ship").message, "manual gate `p.ship` was not approved (pass --approve p.ship)");
}

TEST(Scheduler, ApprovedGatesRun) {
  Harness h(kGate);
  h.options.approved_gates = {"p.ship"};
  EXPECT_TRUE(h.run().succeeded());
}

TEST(Scheduler, AskedGatesRunOnlyWhenApproved) {
  Harness yes(kGate);
  std::vector<std::string> asked;
  yes.options.ask_gate = [&](const ir::Gate& g) {
    asked.push_back(g.name + ": " + g.message);
    return true;
  };
  EXPECT_TRUE(yes.run().succeeded());
  EXPECT_EQ(asked, std::vector<std::string>{"p.ship: Ship it?"});
  Harness no(kGate);
  no.options.ask_gate = [](const ir::Gate&) { return false; };
  EXPECT_FALSE(no.run().succeeded());
  EXPECT_EQ(no.record("p.ship").message, "not approved at manual gate `p.ship`");
}

const char* kChain = R"(
pipeline build { step compile { image "busybox" run "x" } }
pipeline deploy { step rollout { image "busybox" run "x" } }
workflow w {
  build -> deploy when git.branch == "main"
}
)";

TEST(Scheduler, InstancesWaitForTheirUpstream) {
  Harness h(kChain);
  h.runner.steps["build.compile"].duration_ms = 30;
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded()) << h.reporter.dump();
  ASSERT_EQ(h.runner.started.size(), 2u);
  EXPECT_GE(h.runner.started[1].at, h.runner.finished_at["build.compile"]);
}

TEST(Scheduler, FalseConditionsSkipInstancesWithoutFailing) {
  Harness h(kChain);
  h.git_.branch = "feature/x";
  RunSummary s = h.run();
  EXPECT_TRUE(s.succeeded()) << h.reporter.dump();
  EXPECT_EQ(h.record("deploy.rollout").status, StepStatus::Skipped);
  EXPECT_EQ(h.record("deploy.rollout").message,
            "condition `git.branch == \"main\"` is false (branch `feature/x`, no tag)");
  EXPECT_EQ(h.runner.started_ids(), std::vector<std::string>{"build.compile"});
}

TEST(Scheduler, AFirstInterruptStopsGracefully) {
  Harness h(kBranches);
  h.runner.steps["p.bad"].duration_ms = 3000;
  h.runner.steps["p.slow"].duration_ms = 3000;
  int interrupts = 0;
  h.options.interrupts = [&] { return h.runner.started.size() >= 2 ? (interrupts = 1) : 0; };
  auto begin = Clock::now();
  RunSummary s = h.run();
  EXPECT_LT(Clock::now() - begin, std::chrono::milliseconds(1500));
  EXPECT_TRUE(s.interrupted);
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(h.record("p.slow").status, StepStatus::Cancelled);
  EXPECT_EQ(h.record("p.after_slow").message, "interrupted");
  EXPECT_EQ(h.runner.aborted.size(), 2u);
}

TEST(Scheduler, ARunnerErrorFailsWithoutRetry) {
  Harness h(R"(
pipeline p { step x { image "nope:1" run "x" retry 3 } }
workflow w { p }
)");
  h.runner.steps["p.x"].error = "image \"nope:1\" is not available locally and could not be pulled: no such host";
  RunSummary s = h.run();
  EXPECT_EQ(h.record("p.x").attempts, 1);
  EXPECT_EQ(h.record("p.x").message, h.runner.steps["p.x"].error);
}

TEST(Scheduler, LogsReachTheReporter) {
  Harness h(R"(
pipeline p { step x { image "busybox" run "x" } }
workflow w { p }
)");
  h.runner.steps["p.x"].lines = {"hello", "world"};
  (void)h.run();
  EXPECT_TRUE(h.reporter.has("log p.x: hello"));
  EXPECT_TRUE(h.reporter.has("log p.x: world"));
}

TEST(Plan, StepSelectionTakesWhatTheStepsNeed) {
  Harness h(kDiamond);
  h.plan_options.steps = {"b"};
  (void)h.run();
  EXPECT_EQ(h.runner.started_ids(), (std::vector<std::string>{"p.a", "p.b"}));
}

TEST(Plan, UnknownSelectionsAreErrors) {
  Harness h(kDiamond);
  PlanOptions o;
  o.steps = {"zzz"};
  auto plan = build_plan(h.workflow(), o, h.git_, h.run_);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message, "no step `zzz` in the selected pipelines");
  PlanOptions q;
  q.pipelines = {"nope"};
  auto plan2 = build_plan(h.workflow(), q, h.git_, h.run_);
  ASSERT_FALSE(plan2.ok());
  EXPECT_EQ(plan2.error().message, "no pipeline `nope` in workflow `w`");
}

}  // namespace
}  // namespace slipway::runtime
