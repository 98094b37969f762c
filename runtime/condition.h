#pragma once
// `when` conditions of pipeline instances, decided against the local git
// context (the current branch, or --branch, and a tag at HEAD).

#include <string>

#include "compiler/ir/ir.h"
#include "runtime/run_context.h"

namespace slipway::runtime {

/// True when the condition holds. `matches` is a shell glob (`*`, `?`, `[...]`).
bool evaluate_condition(const ir::Condition& condition, const GitContext& git, const RunIdentity& run);

/// The condition as written: `git.branch == "main" || git.tag matches "v*"`.
std::string describe_condition(const ir::Condition& condition);

}  // namespace slipway::runtime
