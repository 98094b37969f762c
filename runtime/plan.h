#pragma once
// The run plan: which steps of a workflow run, and what each waits for.
// Built from the IR alone. Steps wait for their `needs` (explicit or from
// reading outputs), and every step of an instance waits for its upstream
// instances. Hooks wait for the step they hook, and run only when it ends
// the right way (decided by the scheduler).

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/result.h"
#include "runtime/run_context.h"

namespace slipway::runtime {

struct PlanDep {
  size_t step = 0;             ///< index in Plan::steps
  bool needs_success = true;   ///< false: ordering only (hooks, upstream hooks)
  std::string why;             ///< "needs", "reads version.version", "upstream build"
};

struct PlanStep {
  const ir::Step* step = nullptr;
  const ir::Instance* instance = nullptr;
  std::vector<PlanDep> deps;
  std::optional<size_t> hook_parent;          ///< hooks: the hooked step
  std::optional<std::string> skip_reason;     ///< decided before the run (a false `when`)
  std::vector<const ir::Gate*> gates;          ///< approvals needed before it starts
};

struct SkippedInstance {
  std::string name;
  std::string reason;
};

struct Plan {
  const ir::Workflow* workflow = nullptr;
  std::vector<PlanStep> steps;  ///< instance chain order, then declaration order
  std::vector<SkippedInstance> skipped_instances;

  std::optional<size_t> find(const std::string& id) const;
  std::vector<const ir::Step*> ir_steps() const;
};

struct PlanOptions {
  std::vector<std::string> pipelines;  ///< --pipeline: instance or pipeline names; empty = all
  std::vector<std::string> steps;      ///< --step: step ids or unique names, plus what they need
};

/// Builds the plan. Errors: an unknown --pipeline/--step name (with the
/// choices), an ambiguous step name.
[[nodiscard]] Result<Plan, RunError> build_plan(const ir::Workflow& workflow, const PlanOptions& options,
                                                const GitContext& git, const RunIdentity& run);

}  // namespace slipway::runtime
