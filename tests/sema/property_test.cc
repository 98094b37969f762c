// Property test: random well-formed workflows (seeded, so failures
// reproduce) always give an IR whose edges form a DAG and whose every
// reference resolves.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <sstream>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

std::string random_workflow(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::ostringstream src;
  src << "param region: string = \"eu\"\nsecret token\n";
  int pipelines = 1 + pick(5);
  for (int p = 0; p < pipelines; ++p) {
    src << "pipeline p" << p << " {\n";
    int steps = 1 + pick(8);
    for (int s = 0; s < steps; ++s) {
      src << "  step s" << s << " {\n    image \"alpine:3.20\"\n";
      // Read outputs of earlier steps only: the source graph is acyclic.
      std::vector<std::string> reads;
      for (int r = 0; r < s; ++r) if (pick(3) == 0) reads.push_back("s" + std::to_string(r) + ".out");
      if (pick(2) == 0) {
        src << "    run [\"echo\"";
        for (const auto& r : reads) src << ", " << r;
        src << "]\n";
      } else {
        src << "    run \"echo";
        for (const auto& r : reads) src << " ${" << r << "}";
        src << " ${region} ${git.sha}\"\n";
      }
      if (pick(3) == 0) src << "    env { TOKEN = token }\n";
      if (s > 0 && pick(3) == 0) src << "    needs [s" << pick(s) << "]\n";
      src << "    outputs { out: string }\n  }\n";
    }
    src << "}\n";
  }
  src << "workflow w {\n  on push branches [\"main\"]\n";
  for (int p = 0; p < pipelines; ++p) {
    if (p == 0) src << "  p0\n";
    else src << "  p" << pick(p) << " -> p" << p << "\n";
  }
  src << "}\n";
  return src.str();
}

bool is_dag(const std::vector<std::string>& nodes, const std::map<std::string, std::vector<std::string>>& up) {
  std::map<std::string, int> indegree;
  std::map<std::string, std::vector<std::string>> down;
  for (const auto& n : nodes) indegree[n] = 0;
  for (const auto& [n, ups] : up) {
    for (const auto& u : ups) {
      ++indegree[n];
      down[u].push_back(n);
    }
  }
  std::vector<std::string> ready;
  for (const auto& [n, d] : indegree) if (d == 0) ready.push_back(n);
  size_t seen = 0;
  while (!ready.empty()) {
    std::string n = ready.back();
    ready.pop_back();
    ++seen;
    for (const auto& m : down[n]) if (--indegree[m] == 0) ready.push_back(m);
  }
  return seen == nodes.size();
}

TEST(Property, RandomWorkflowsGiveResolvedAcyclicIr) {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    std::string text = random_workflow(rng);
    auto c = compile_text(text);
    ASSERT_EQ(c->errors().size(), 0u) << "seed " << seed << ": " << c->codes() << "\n" << text;
    ASSERT_EQ(c->program.workflows.size(), 1u);
    const auto& w = c->program.workflows[0];
    std::vector<std::string> instance_names;
    std::map<std::string, std::vector<std::string>> instance_up;
    for (const auto& inst : w.instances) {
      instance_names.push_back(inst.name);
      instance_up[inst.name] = inst.upstream;
      for (const auto& u : inst.upstream) ASSERT_NE(w.find_instance(u), nullptr) << "seed " << seed;
      std::vector<std::string> step_ids;
      std::map<std::string, std::vector<std::string>> step_up;
      for (const auto& step : inst.steps) {
        step_ids.push_back(step.id);
        for (const auto& e : step.needs) {
          ASSERT_NE(inst.find_step(e.from), nullptr) << "seed " << seed << ": " << e.from;
          step_up[step.id].push_back(e.from);
        }
        auto check_refs = [&](const ir::Value& v) {
          for (const auto& r : v.refs()) {
            if (r.kind == ir::Ref::Kind::Output) {
              const ir::Step* producer = inst.find_step(r.step);
              ASSERT_NE(producer, nullptr) << "seed " << seed;
              bool declared = false;
              for (const auto& o : producer->outputs) declared |= o.name == r.name;
              EXPECT_TRUE(declared) << "seed " << seed;
              bool edge = false;
              for (const auto& e : step.needs) edge |= e.from == r.step;
              EXPECT_TRUE(edge) << "seed " << seed << ": read without an edge";
            } else if (r.kind == ir::Ref::Kind::Param) {
              EXPECT_NE(w.find_param(r.name), nullptr) << "seed " << seed;
            } else if (r.kind == ir::Ref::Kind::Secret) {
              EXPECT_NE(w.find_secret(r.name), nullptr) << "seed " << seed;
            }
          }
        };
        for (const auto& a : step.argv) check_refs(a);
        for (const auto& e : step.env) check_refs(e.value);
      }
      EXPECT_TRUE(is_dag(step_ids, step_up)) << "seed " << seed;
    }
    EXPECT_TRUE(is_dag(instance_names, instance_up)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace slipway::test
