#pragma once
// Semantic analysis: modules (AST) in, IR out. Resolves names, checks types
// and secret flows, expands templates and pipeline instances, adds implicit
// edges and checks the graph. Every problem becomes a diagnostic; the IR is
// meaningful only when no error was emitted.

#include <map>
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/sema/modules.h"

namespace slipway {

struct AnalyzeOptions {
  /// `-p NAME=VALUE`: compile-time values for params.
  std::map<std::string, std::string> param_overrides;
  /// Report E0112 when the root defines no workflow (off for `check`, where
  /// a library of templates is a fine file on its own).
  bool require_workflow = true;
};

[[nodiscard]] ir::Program analyze(const ModuleSet& modules, DiagnosticEngine& diags,
                                  const AnalyzeOptions& options = {});

}  // namespace slipway
