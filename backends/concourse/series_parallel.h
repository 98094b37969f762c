#pragma once
// A job's plan can only nest `do` (in order) and `in_parallel` (together),
// which expresses exactly the series-parallel orders. This turns a step DAG
// into such a nesting. Where the DAG is not series-parallel (the "N" shape:
// a→c, b→c, b→d), no nesting keeps every pair that may overlap apart, so
// some steps wait for more than they need; those added waits are returned
// so the caller can report them.

#include <cstddef>
#include <utility>
#include <vector>

namespace slipway::backends::concourse {

struct SpNode {
  enum class Kind { Leaf, Series, Parallel } kind = Kind::Leaf;
  size_t leaf = 0;              ///< Leaf: the node's index
  std::vector<SpNode> children;  ///< Series: in order; Parallel: by smallest index
};

/// A node that, in the nesting, also waits for nodes it does not depend on.
struct AddedWait {
  size_t node = 0;
  std::vector<size_t> waits_for;  ///< ascending
};

struct SpDecomposition {
  SpNode tree;
  std::vector<AddedWait> added;  ///< by node, ascending
};

/// Nodes are 0..count-1 (declaration order); an edge {from, to} means `to`
/// waits for `from`. The graph must be acyclic and `count` > 0. The result
/// keeps every ordering of the DAG and adds the fewest orderings it can at
/// each level where the DAG is not series-parallel (a greedy cut between
/// longest-path layers, not a global optimum).
SpDecomposition series_parallel(size_t count, const std::vector<std::pair<size_t, size_t>>& edges);

}  // namespace slipway::backends::concourse
