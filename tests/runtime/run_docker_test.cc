// `slipway run` end to end on the real engine with slipway-test/busybox:1
// (skipped when no engine answers). Each test is one or two runs; a
// container costs about 0.6 s here, so workflows stay small.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/runtime/engine_harness.h"

namespace slipway::runtime {
namespace {

using nlohmann::json;
using test::run_slipway_env;
using test::write_workflow;

std::vector<json> events(const std::string& out) {
  std::vector<json> all;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t end = out.find('\n', pos);
    if (end == std::string::npos) end = out.size();
    auto j = json::parse(out.substr(pos, end - pos), nullptr, false);
    if (!j.is_discarded()) all.push_back(j);
    pos = end + 1;
  }
  return all;
}

json find_event(const std::vector<json>& all, const std::string& event, const std::string& step) {
  for (const auto& e : all)
    if (e.value("event", "") == event && e.value("step", "") == step) return e;
  return json();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Run, IndependentStepsOverlapInTime) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p {
  step one { image "slipway-test/busybox:1" run "sleep 1" }
  step two { image "slipway-test/busybox:1" run "sleep 1" }
}
workflow w { p }
)");
  auto r = run_slipway_env({}, {"run", file, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto all = events(r.out);
  json one = find_event(all, "step_finished", "p.one"), two = find_event(all, "step_finished", "p.two");
  ASSERT_FALSE(one.is_null());
  ASSERT_FALSE(two.is_null());
  // ISO times sort as text.
  EXPECT_LT(one["started"].get<std::string>(), two["finished"].get<std::string>());
  EXPECT_LT(two["started"].get<std::string>(), one["finished"].get<std::string>());
}

TEST(Run, TypedOutputsFlowAndAnIllTypedOutputFails) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p {
  step version {
    image "slipway-test/busybox:1"
    run """
      echo version=1.2.3 >> "$SLIPWAY_OUTPUTS"
      printf 'notes<<EOF\nline a\nline b\nEOF\n' >> "$SLIPWAY_OUTPUTS"
      echo count=7 >> "$SLIPWAY_OUTPUTS"
    """
    outputs { version: string  count: int  notes: string }
  }
  step use {
    image "slipway-test/busybox:1"
    run "echo got ${version.version} x${version.count}"
  }
  step bad {
    image "slipway-test/busybox:1"
    run "echo n=abc >> $SLIPWAY_OUTPUTS"
    outputs { n: int }
  }
}
workflow w { p }
)");
  auto r = run_slipway_env({}, {"run", file, "--keep-going"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "p.use     | got 1.2.3 x7")) << r.out;
  EXPECT_TRUE(contains(r.out, "p.bad     | failed in")) << r.out;
  EXPECT_TRUE(contains(r.out, "output `n` must be an int, found \"abc\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "count=7 notes=line a... version=1.2.3")) << r.out;
}

TEST(Run, SecretsAreMaskedEverywhereAndAbsentFromTheEngine) {
  SLIPWAY_REQUIRE_ENGINE();
  const std::string token = "tok-9f3b2e71";
  std::string file = write_workflow(R"(
secret token { local env = "SLIPWAY_TEST_TOKEN" }
secret cfg: file
pipeline p {
  step leak {
    image "slipway-test/busybox:1"
    run """
      echo "plain: $TOKEN"
      printf 'split: tok-9f3'; sleep 0.3; printf 'b2e71 end\n'
      cat /etc/app/cfg
      echo "$TOKEN" >&2
      sleep 2
    """
    env { TOKEN = token }
    files { "/etc/app/cfg" = cfg }
  }
}
workflow w { p }
)");
  // Secret files inside the workspace root are never copied into the volume.
  std::string dir = file.substr(0, file.rfind('/'));
  slipway::test::write_file(dir + "/cfg", "first-line-c0ffee\nsecond-line-d00d\n");
  slipway::test::write_file(dir + "/.slipway-secrets", "other=fallback-5eed\n");
  test::BackgroundSlipway run({"SLIPWAY_TEST_TOKEN=" + token}, {"run", file, "--json", "--secret", "cfg=file:" + dir + "/cfg"});
  // While the step sleeps: its config, its labels and the workspace must not hold the values.
  bool inspected = false;
  for (int i = 0; i < 100 && !inspected; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto listed = engine->list_containers("slipway.role=step");
    if (!listed || listed->empty()) continue;
    for (const auto& c : listed.value()) {
      // Only this run's step: other tests run workflows on the engine at the same time.
      if (!c.labels.count("slipway.pid") || c.labels.at("slipway.pid") != std::to_string(run.pid())) continue;
      auto inspect = engine->inspect_container_json(c.id);
      if (!inspect) continue;
      EXPECT_FALSE(contains(*inspect, token)) << *inspect;
      EXPECT_FALSE(contains(*inspect, "c0ffee"));
      auto workspace = engine->get_archive(c.id, "/workspace");
      ASSERT_TRUE(workspace) << workspace.error().describe();
      EXPECT_FALSE(contains(*workspace, token));
      EXPECT_FALSE(contains(*workspace, "c0ffee"));
      EXPECT_FALSE(contains(*workspace, "5eed"));
      EXPECT_TRUE(contains(*workspace, "ci.slip"));
      inspected = true;
    }
  }
  EXPECT_TRUE(inspected) << "never saw the step's container";
  ASSERT_EQ(run.wait(30), 0) << run.out() << run.err();
  std::string out = run.out() + run.err();
  EXPECT_FALSE(contains(out, token)) << out;
  EXPECT_FALSE(contains(out, "c0ffee")) << out;
  EXPECT_FALSE(contains(out, "d00d")) << out;
  EXPECT_TRUE(contains(out, "\"line\":\"plain: ***\"")) << out;
  EXPECT_TRUE(contains(out, "\"line\":\"split: *** end\"")) << out;
  EXPECT_TRUE(contains(out, "\"stream\":\"stderr\"")) << out;
  // Human output of the same values.
  std::string quick = write_workflow(R"(
secret token { local env = "SLIPWAY_TEST_TOKEN" }
pipeline p {
  step leak {
    image "slipway-test/busybox:1"
    run "echo plain: $TOKEN; echo v=$TOKEN >> $SLIPWAY_OUTPUTS"
    env { TOKEN = token }
    outputs { v: string }
  }
}
workflow w { p }
)");
  auto human = run_slipway_env({"SLIPWAY_TEST_TOKEN=" + token}, {"run", quick});
  EXPECT_EQ(human.exit_code, 0) << human.out << human.err;
  EXPECT_TRUE(contains(human.out, "p.leak | plain: ***")) << human.out;
  EXPECT_TRUE(contains(human.out, "v=***")) << human.out;
  EXPECT_FALSE(contains(human.out + human.err, token));
}

TEST(Run, FailureSkipsDependentsAndStopsTheRun) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p {
  step bad { image "slipway-test/busybox:1" run "echo failing; exit 2" }
  step after { image "slipway-test/busybox:1" run "echo never" needs [bad] }
  step long { image "slipway-test/busybox:1" run "sleep 20" }
}
workflow w { p }
)");
  auto begin = std::chrono::steady_clock::now();
  auto r = run_slipway_env({}, {"run", file});
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "p.bad   | failed in")) << r.out;
  EXPECT_TRUE(contains(r.out, "exited with code 2")) << r.out;
  EXPECT_TRUE(contains(r.out, "p.after | skipped: `p.bad` failed")) << r.out;
  EXPECT_TRUE(contains(r.out, "slipway: stopping: `p.bad` failed; cancelling 1 running")) << r.out;
  EXPECT_TRUE(contains(r.out, "p.long  | cancelled")) << r.out;
  EXPECT_FALSE(contains(r.out, "never"));
}

TEST(Run, TimeoutKillsAndRetryReruns) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p {
  step slow { image "slipway-test/busybox:1" run "sleep 30" timeout 1s }
  step flaky {
    image "slipway-test/busybox:1"
    run "if [ -f /workspace/.tried ]; then echo second try; else touch /workspace/.tried; echo first try; exit 1; fi"
    retry 2
  }
}
workflow w { p }
)");
  auto begin = std::chrono::steady_clock::now();
  auto r = run_slipway_env({}, {"run", file, "--keep-going"});
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "p.slow  | timed out after 1s")) << r.out;
  EXPECT_TRUE(contains(r.out, "slipway: `p.flaky` failed (exited with code 1); retrying: attempt 2 of 3")) << r.out;
  EXPECT_TRUE(contains(r.out, "p.flaky | second try")) << r.out;
  EXPECT_TRUE(contains(r.out, "p.flaky | succeeded")) << r.out;
}

TEST(Run, ServicesAreReachableByAlias) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p {
  step client {
    image "slipway-test/busybox:1"
    run "nc greeter 7000 </dev/null"
    service greeter {
      image "slipway-test/busybox:1"
      run ["nc", "-ll", "-p", "7000", "-e", "echo", "hello from the service"]
      ready 7000
    }
  }
}
workflow w { p }
)");
  auto r = run_slipway_env({}, {"run", file});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "p.client | [slipway] service `greeter` is ready")) << r.out;
  EXPECT_TRUE(contains(r.out, "p.client | hello from the service")) << r.out;
}

TEST(Run, AMissingImageFailsTheStepClearly) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p { step x { image "slipway-test/not-here:1" run "true" } }
workflow w { p }
)");
  auto r = run_slipway_env({}, {"run", file});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "p.x | failed in")) << r.out;
  EXPECT_TRUE(contains(r.out, "image \"slipway-test/not-here:1\" is not available locally and could not be pulled: ")) << r.out;
}

TEST(Run, InterruptLeavesNoLabelledObjects) {
  SLIPWAY_REQUIRE_ENGINE();
  std::string file = write_workflow(R"(
pipeline p {
  step wait {
    image "slipway-test/busybox:1"
    run "sleep 60"
    service side {
      image "slipway-test/busybox:1"
      run ["sleep", "60"]
    }
  }
}
workflow w { p }
)");
  test::BackgroundSlipway run({}, {"run", file});
  std::string run_id;
  for (int i = 0; i < 150 && run_id.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (auto c = engine->list_containers("slipway.role=step"); c && !c->empty()) {
      for (const auto& obj : c.value())
        if (obj.labels.count("slipway.pid") && obj.labels.at("slipway.pid") == std::to_string(run.pid()))
          run_id = obj.labels.at("slipway.run");
    }
  }
  ASSERT_FALSE(run_id.empty()) << "the step never started\n" << run.out() << run.err();
  EXPECT_FALSE(test::labelled_objects(*engine, "slipway.run=" + run_id).empty());
  run.signal(SIGINT);
  int code = run.wait(20);
  EXPECT_EQ(code, 1) << run.out() << run.err();
  EXPECT_TRUE(contains(run.out(), "interrupted")) << run.out();
  EXPECT_EQ(test::labelled_objects(*engine, "slipway.run=" + run_id), std::vector<std::string>{});
}

TEST(Gc, RemovesLeftoversOfDeadRunsOnly) {
  SLIPWAY_REQUIRE_ENGINE();
  auto host = slipway::test::run_shell("hostname").out;
  host = host.substr(0, host.find('\n'));
  std::map<std::string, std::string> dead = {{"slipway.run", "gc-test-dead"}, {"slipway.pid", "999999"}, {"slipway.host", host}};
  std::map<std::string, std::string> live = {{"slipway.run", "gc-test-live"}, {"slipway.pid", std::to_string(::getpid())}, {"slipway.host", host}};
  ASSERT_TRUE(engine->create_volume("slipway-gc-test-dead", dead));
  ASSERT_TRUE(engine->create_volume("slipway-gc-test-live", live));
  auto r = run_slipway_env({}, {"gc"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(test::labelled_objects(*engine, "slipway.run=gc-test-dead").empty());
  EXPECT_EQ(test::labelled_objects(*engine, "slipway.run=gc-test-live").size(), 1u);
  (void)engine->remove_volume("slipway-gc-test-live");
}

}  // namespace
}  // namespace slipway::runtime
