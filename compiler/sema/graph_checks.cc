// Cycle checks over the step DAG of an instance and the chain DAG of a
// workflow. A cycle is reported once, at the first step on it, with every
// edge of the loop as a secondary label.

#include <algorithm>
#include <functional>

#include "compiler/sema/analyzer.h"

namespace slipway::sema {
namespace {

/// Finds one cycle reachable in a graph given as adjacency (node → its
/// upstream nodes). Returns the nodes on the cycle in order, or empty.
std::vector<std::string> find_cycle(const std::vector<std::string>& nodes,
                                    const std::map<std::string, std::vector<std::string>>& upstream) {
  enum Mark { White, Grey, Black };
  std::map<std::string, Mark> mark;
  std::vector<std::string> stack;
  std::vector<std::string> cycle;
  // Iterative DFS: graphs can be deep (long chains), recursion could overflow.
  for (const auto& start : nodes) {
    if (mark[start] != White) continue;
    std::vector<std::pair<std::string, size_t>> work{{start, 0}};
    mark[start] = Grey;
    stack.push_back(start);
    while (!work.empty() && cycle.empty()) {
      auto& [node, next] = work.back();
      auto it = upstream.find(node);
      const std::vector<std::string> empty;
      const auto& ups = it == upstream.end() ? empty : it->second;
      if (next < ups.size()) {
        const std::string up = ups[next++];
        if (mark[up] == Grey) {
          auto from = std::find(stack.begin(), stack.end(), up);
          cycle.assign(from, stack.end());
          break;
        }
        if (mark[up] == White) {
          mark[up] = Grey;
          stack.push_back(up);
          work.push_back({up, 0});
        }
      } else {
        mark[node] = Black;
        stack.pop_back();
        work.pop_back();
      }
    }
    if (!cycle.empty()) return cycle;
  }
  return {};
}

}  // namespace

void Analyzer::check_step_graph(ir::Instance& instance) {
  std::vector<std::string> nodes;
  std::map<std::string, std::vector<std::string>> upstream;
  for (const auto& step : instance.steps) {
    nodes.push_back(step.id);
    for (const auto& e : step.needs) upstream[step.id].push_back(e.from);
  }
  auto cycle = find_cycle(nodes, upstream);
  if (cycle.empty()) return;
  // The cycle lists each node followed by one it waits for.
  std::string path;
  for (const auto& n : cycle) path += "`" + n + "` → ";
  path += "`" + cycle.front() + "`";
  const ir::Step* first = instance.find_step(cycle.front());
  auto d = Diagnostic::make(DiagCode::E0401, first ? first->provenance.decl : instance.span,
                            "dependency cycle between steps: " + path);
  for (size_t i = 0; i < cycle.size(); ++i) {
    const std::string& to = cycle[i];
    const std::string& from = cycle[(i + 1) % cycle.size()];
    for (const auto& cause : edge_causes_) {
      if (cause.to == to && cause.from == from) {
        d.also(cause.span, "`" + to + "` " + cause.reason);
        break;
      }
    }
  }
  d.with_help("a step can only read outputs of steps that run before it; break the loop");
  diags_.emit(std::move(d));
  // Drop the edges of the cycle so backends never see a cyclic IR.
  for (auto& step : instance.steps) {
    if (std::find(cycle.begin(), cycle.end(), step.id) == cycle.end()) continue;
    std::erase_if(step.needs, [&](const auto& e) {
      return std::find(cycle.begin(), cycle.end(), e.from) != cycle.end();
    });
  }
}

void Analyzer::check_instance_graph(ir::Workflow& workflow, const std::map<std::string, Span>& use_spans) {
  std::vector<std::string> nodes;
  std::map<std::string, std::vector<std::string>> upstream;
  for (const auto& inst : workflow.instances) {
    nodes.push_back(inst.name);
    upstream[inst.name] = inst.upstream;
  }
  auto cycle = find_cycle(nodes, upstream);
  if (cycle.empty()) return;
  std::string path;
  for (auto it = cycle.rbegin(); it != cycle.rend(); ++it) path += "`" + *it + "` -> ";
  path += "`" + cycle.back() + "`";
  auto at = use_spans.find(cycle.front());
  auto d = Diagnostic::make(DiagCode::E0403, at == use_spans.end() ? workflow.span : at->second,
                            "pipelines are chained in a cycle: " + path);
  for (size_t i = 1; i < cycle.size(); ++i) {
    auto s = use_spans.find(cycle[i]);
    if (s != use_spans.end()) d.also(s->second, "`" + cycle[i] + "` is on the cycle");
  }
  d.with_help("chains run left to right; remove one of the arrows");
  diags_.emit(std::move(d));
  for (auto& inst : workflow.instances) {
    if (std::find(cycle.begin(), cycle.end(), inst.name) == cycle.end()) continue;
    std::erase_if(inst.upstream, [&](const auto& u) { return std::find(cycle.begin(), cycle.end(), u) != cycle.end(); });
  }
}

}  // namespace slipway::sema
