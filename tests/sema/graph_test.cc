// The graph rules of the semantic core: implicit edges from output reads,
// cycles, chain order.

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

const ir::Step* find(const ir::Program& p, const std::string& id) {
  for (const auto& w : p.workflows)
    for (const auto& i : w.instances)
      if (const ir::Step* s = i.find_step(id)) return s;
  return nullptr;
}

TEST(Graph, ReadingAnOutputAddsAnImplicitEdge) {
  auto c = compile_text(R"(
pipeline p {
  step a {
    image "alpine:3.20"
    run "echo tag=1 >> $SLIPWAY_OUTPUTS"
    outputs { tag: string }
  }
  step b {
    image "alpine:3.20"
    run ["echo", a.tag]
  }
}
workflow w { p }
)");
  ASSERT_EQ(c->errors().size(), 0u) << c->codes();
  const ir::Step* b = find(c->program, "p.b");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->needs.size(), 1u);
  EXPECT_EQ(b->needs[0].from, "p.a");
  EXPECT_FALSE(b->needs[0].explicit_need);
  EXPECT_EQ(b->needs[0].values, std::vector<std::string>{"tag"});
}

TEST(Graph, MutualReadsAreACycleNamingBothSteps) {
  auto c = compile_text(R"(
pipeline p {
  step a {
    image "alpine:3.20"
    run ["echo", b.x]
    outputs { tag: string }
  }
  step b {
    image "alpine:3.20"
    run ["echo", a.tag]
    outputs { x: string }
  }
}
workflow w { p }
)");
  auto errors = c->errors();
  ASSERT_EQ(errors.size(), 1u) << c->codes();
  EXPECT_EQ(errors[0].code, DiagCode::E0401);
  EXPECT_NE(errors[0].message.find("`p.a`"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("`p.b`"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[0].secondary.size(), 2u);
}

TEST(Graph, ChainsSetUpstreamInstancesAndFanIn) {
  auto c = compile_text(R"(
pipeline a { step s { image "alpine:3.20" run "true" } }
pipeline b { step s { image "alpine:3.20" run "true" } }
pipeline c { step s { image "alpine:3.20" run "true" } }
pipeline d { step s { image "alpine:3.20" run "true" } }
workflow w { a -> [b, c] -> d }
)");
  ASSERT_EQ(c->errors().size(), 0u) << c->codes();
  const auto& w = c->program.workflows.at(0);
  ASSERT_EQ(w.instances.size(), 4u);
  EXPECT_EQ(w.find_instance("b")->upstream, std::vector<std::string>{"a"});
  EXPECT_EQ(w.find_instance("d")->upstream, (std::vector<std::string>{"b", "c"}));
}

TEST(Graph, PipelineUsedTwiceIsTwoInstances) {
  auto c = compile_text(R"(
pipeline build { step s { image "alpine:3.20" run "true" } }
pipeline deploy(env: string) {
  step s { image "alpine:3.20" run ["deploy", env] }
}
workflow w {
  build -> deploy(env: "staging") as staging
  staging -> deploy(env: "production") as production when git.branch == "main" manual
}
)");
  ASSERT_EQ(c->errors().size(), 0u) << c->codes();
  const auto& w = c->program.workflows.at(0);
  ASSERT_EQ(w.instances.size(), 3u);
  const auto* prod = w.find_instance("production");
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(prod->upstream, std::vector<std::string>{"staging"});
  ASSERT_TRUE(prod->manual.has_value());
  ASSERT_TRUE(prod->when.has_value());
  EXPECT_EQ(prod->when->literal, "main");
  EXPECT_EQ(prod->steps.at(0).argv.at(1).literal_text(), "production");
  EXPECT_EQ(w.find_instance("staging")->steps.at(0).argv.at(1).literal_text(), "staging");
}

TEST(Graph, ChainCycleIsReported) {
  auto c = compile_text(R"(
pipeline a { step s { image "alpine:3.20" run "true" } }
pipeline b { step s { image "alpine:3.20" run "true" } }
workflow w {
  a -> b
  b -> a
}
)");
  EXPECT_TRUE(c->has(DiagCode::E0403)) << c->codes();
}

}  // namespace
}  // namespace slipway::test
