#pragma once
// The one walk over the IR that every rule shares.

#include <memory>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/lint/rule.h"

namespace slipway::lint {

/// Runs `rules` over every workflow of `program` and returns their findings
/// at each rule's default severity, in walk order.
[[nodiscard]] std::vector<Diagnostic> run_rules(const ir::Program& program, const SourceIndex& index,
                                                const std::vector<std::unique_ptr<Rule>>& rules);

}  // namespace slipway::lint
