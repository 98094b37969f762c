// `slipway graph`: every format shows clusters, steps, flowing values,
// secrets and gates; the dot output renders with Graphviz.

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

const std::string kTour = source_dir() + "/examples/tour/tour.slip";

TEST(Graph, DotHasClustersEdgeLabelsSecretsAndGates) {
  auto r = run_slipway({"graph", kTour});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("subgraph \"cluster_build\""), std::string::npos);
  EXPECT_NE(r.out.find("label=\"digest, image\""), std::string::npos) << "values on edges";
  EXPECT_NE(r.out.find("secret docker_config"), std::string::npos);
  EXPECT_NE(r.out.find("manual gate: Deploy to production?"), std::string::npos);
  EXPECT_NE(r.out.find("when git.branch == &quot;main&quot;"), std::string::npos);
}

TEST(Graph, DotRendersWithGraphviz) {
  if (run_shell("command -v dot").exit_code != 0) GTEST_SKIP() << "graphviz is not installed";
  auto r = run_shell("NO_COLOR=1 '" + std::string(SLIPWAY_BINARY) + "' graph '" + kTour + "' | dot -Tsvg");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<svg"), std::string::npos);
}

TEST(Graph, MermaidAndTextFormats) {
  auto m = run_slipway({"graph", "--format", "mermaid", kTour});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_EQ(m.out.rfind("flowchart LR", 0), 0u);
  EXPECT_NE(m.out.find("n_build ==> n_docs"), std::string::npos) << m.out;
  auto t = run_slipway({"graph", "--format", "text", "--pipeline", "deploy", kTour});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("pipeline staging (deploy)"), std::string::npos) << t.out;
  EXPECT_EQ(t.out.find("pipeline build"), std::string::npos) << t.out;
}

TEST(Graph, UnknownPipelineIsUsageError) {
  EXPECT_EQ(run_slipway({"graph", "--pipeline", "nope", kTour}).exit_code, 2);
}

}  // namespace
}  // namespace slipway::test
