#pragma once
// From raw findings to what the user sees: compiler warnings become the lint
// rules they are (W0101 → unused-param), the project's `.slipway.yaml` sets
// each rule's level or turns it off, inline suppressions hide what they
// cover, and the suppressions themselves are checked (a reason is required,
// rule names must exist). Compiler errors pass through untouched: their
// severity is fixed and they cannot be suppressed.

#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/lint/config.h"
#include "compiler/lint/suppressions.h"

namespace slipway::lint {

/// Applies `config` (may be null) and `suppressions` to `diagnostics`, and
/// adds the findings about the suppressions and the configuration file.
[[nodiscard]] std::vector<Diagnostic> apply_policy(std::vector<Diagnostic> diagnostics, const LintConfig* config,
                                                   const std::vector<Suppression>& suppressions);

}  // namespace slipway::lint
