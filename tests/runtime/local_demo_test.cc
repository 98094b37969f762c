// The bundled local-demo example, run for real on the engine: what the
// README's main job promises (parallel branches, typed outputs, a service, a
// masked secret, a skipped release) has to hold on every change.

#include <gtest/gtest.h>

#include "tests/runtime/engine_harness.h"

namespace slipway::runtime {
namespace {

using test::run_slipway_env;

TEST(LocalDemo, RunsToSuccessOnTheEngineWithTheSecretMasked) {
  SLIPWAY_REQUIRE_ENGINE();
  const std::string secret = "demo-secret-7f3a9c";
  auto r = run_slipway_env({"DEMO_API_TOKEN=" + secret},
                           {"run", slipway::test::source_dir() + "/examples/local-demo/local-demo.slip"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("5 succeeded, 1 skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("authenticating with token ***"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("passed=3"), std::string::npos) << "the test step reached its service: " << r.out;
  EXPECT_EQ(r.out.find(secret), std::string::npos);
  EXPECT_EQ(r.err.find(secret), std::string::npos);
}

}  // namespace
}  // namespace slipway::runtime
