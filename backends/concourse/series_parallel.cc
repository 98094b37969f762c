#include "backends/concourse/series_parallel.h"

#include <cstdint>
#include <algorithm>
#include <map>
#include <numeric>

namespace slipway::backends::concourse {
namespace {

/// reach[a][b]: b (transitively) waits for a.
using Reach = std::vector<std::vector<bool>>;

Reach closure(size_t count, const std::vector<std::pair<size_t, size_t>>& edges) {
  Reach reach(count, std::vector<bool>(count, false));
  for (const auto& [from, to] : edges) reach[from][to] = true;
  for (size_t k = 0; k < count; ++k)
    for (size_t i = 0; i < count; ++i)
      if (reach[i][k])
        for (size_t j = 0; j < count; ++j)
          if (reach[k][j]) reach[i][j] = true;
  return reach;
}

/// Groups `nodes` into the components of the graph where two nodes are
/// joined when `joined(a, b)`; each group ascending, groups by first node.
template <typename Joined>
std::vector<std::vector<size_t>> components(const std::vector<size_t>& nodes, Joined joined) {
  std::vector<size_t> parent(nodes.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (size_t i = 0; i < nodes.size(); ++i)
    for (size_t j = i + 1; j < nodes.size(); ++j)
      if (joined(nodes[i], nodes[j])) parent[find(i)] = find(j);
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < nodes.size(); ++i) groups[find(i)].push_back(nodes[i]);
  std::vector<std::vector<size_t>> out;
  for (auto& [_, g] : groups) out.push_back(std::move(g));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
  return out;
}

class Decomposer {
 public:
  explicit Decomposer(Reach reach) : reach_(std::move(reach)) {}

  SpNode build(const std::vector<size_t>& nodes) {
    if (nodes.size() == 1) return SpNode{SpNode::Kind::Leaf, nodes[0], {}};
    auto comparable = [&](size_t a, size_t b) { return reach_[a][b] || reach_[b][a]; };
    auto together = components(nodes, comparable);
    if (together.size() > 1) return combine(SpNode::Kind::Parallel, together);
    auto apart = components(nodes, [&](size_t a, size_t b) { return !comparable(a, b); });
    if (apart.size() > 1) {
      // Incomparability components of a connected order are totally ordered.
      std::sort(apart.begin(), apart.end(),
                [&](const auto& x, const auto& y) { return reach_[x.front()][y.front()]; });
      return combine(SpNode::Kind::Series, apart);
    }
    return cut(nodes);
  }

  std::vector<AddedWait> added() const {
    std::vector<AddedWait> out;
    for (const auto& [node, waits] : added_) out.push_back({node, {waits.begin(), waits.end()}});
    return out;
  }

 private:
  SpNode combine(SpNode::Kind kind, const std::vector<std::vector<size_t>>& groups) {
    SpNode node{kind, 0, {}};
    for (const auto& g : groups) {
      SpNode child = build(g);
      // `do` inside `do` (and in_parallel inside in_parallel) says nothing more.
      if (child.kind == kind)
        for (auto& c : child.children) node.children.push_back(std::move(c));
      else node.children.push_back(std::move(child));
    }
    return node;
  }

  /// Not series-parallel: split between two longest-path layers, choosing
  /// the split that adds the fewest waits, and record the waits it adds.
  SpNode cut(const std::vector<size_t>& nodes) {
    // In a transitive closure a node has more predecessors than any node
    // it waits for, so ordering by that count is topological.
    std::vector<size_t> order = nodes;
    auto preds = [&](size_t v) {
      return std::count_if(nodes.begin(), nodes.end(), [&](size_t u) { return reach_[u][v]; });
    };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return preds(a) < preds(b); });
    std::map<size_t, size_t> depth;  // edges on the longest chain ending at the node
    for (size_t v : order) {
      size_t d = 0;
      for (size_t u : order)
        if (reach_[u][v]) d = std::max(d, depth[u] + 1);
      depth[v] = d;
    }
    size_t max_depth = 0;
    for (const auto& [_, d] : depth) max_depth = std::max(max_depth, d);
    size_t best_layer = 0, best_cost = SIZE_MAX;
    for (size_t layer = 0; layer < max_depth; ++layer) {
      size_t cost = 0;
      for (size_t a : nodes)
        for (size_t b : nodes)
          if (depth[a] <= layer && depth[b] > layer && !reach_[a][b]) ++cost;
      if (cost < best_cost) {
        best_cost = cost;
        best_layer = layer;
      }
    }
    std::vector<size_t> before, after;
    for (size_t v : nodes) (depth[v] <= best_layer ? before : after).push_back(v);
    for (size_t b : after)
      for (size_t a : before)
        if (!reach_[a][b]) added_[b].push_back(a);
    return combine(SpNode::Kind::Series, {before, after});
  }

  Reach reach_;
  std::map<size_t, std::vector<size_t>> added_;
};

}  // namespace

SpDecomposition series_parallel(size_t count, const std::vector<std::pair<size_t, size_t>>& edges) {
  Decomposer decomposer(closure(count, edges));
  std::vector<size_t> all(count);
  std::iota(all.begin(), all.end(), 0);
  SpDecomposition out;
  out.tree = decomposer.build(all);
  out.added = decomposer.added();
  for (auto& a : out.added) std::sort(a.waits_for.begin(), a.waits_for.end());
  return out;
}

}  // namespace slipway::backends::concourse
