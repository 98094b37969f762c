#pragma once
// The workflow DAG as a picture: Graphviz dot, Mermaid, or indented text.
// Pipelines are clusters, steps are nodes (image shown small), edges carry
// the values that flow along them; secrets, gates and conditions are marked.

#include <ostream>
#include <string>

#include "compiler/ir/ir.h"

namespace slipway::graph {

enum class Format { Dot, Mermaid, Text };

struct GraphOptions {
  Format format = Format::Dot;
  std::string pipeline;  ///< only this instance or pipeline; empty = all
};

/// Writes the picture of every workflow in `program`. Returns false when
/// `options.pipeline` matches nothing.
bool render_graph(std::ostream& out, const ir::Program& program, const GraphOptions& options);

/// A condition in source syntax: `git.branch == "main" && git.tag matches "v*"`.
std::string condition_text(const ir::Condition& condition);

}  // namespace slipway::graph
