#pragma once
// Runs a plan over a Runner: ready steps start as soon as their dependencies
// finish, up to --jobs at once. A failure skips its dependents; by default
// the first required failure cancels the rest (fail-fast), --keep-going lets
// independent branches finish. allow_failure lets dependents proceed, retry
// reruns, timeout aborts, hooks run when their step ends the right way, and
// manual gates need approval before their steps start.

#include <chrono>
#include <functional>
#include <set>
#include <string>

#include "runtime/plan.h"
#include "runtime/reporter.h"
#include "runtime/run_record.h"
#include "runtime/runner.h"
#include "runtime/step_spec.h"

namespace slipway::runtime {

struct SchedulerOptions {
  size_t jobs = 4;
  bool keep_going = false;
  std::set<std::string> approved_gates;  ///< --approve
  /// Asks a human to approve a gate (on a TTY); unset: an unapproved gate
  /// skips its steps.
  std::function<bool(const ir::Gate&)> ask_gate;
  /// How many interrupts (SIGINT/SIGTERM) arrived so far: 1 stops the run
  /// gracefully, 2 returns at once without waiting for running steps.
  std::function<int()> interrupts;
  std::chrono::milliseconds tick{250};
  std::string run_id;
};

/// Runs every step of `plan`. `scope` supplies values (its `outputs` is
/// ignored: the scheduler passes the outputs produced so far).
[[nodiscard]] RunSummary run_plan(const Plan& plan, Runner& runner, Reporter& reporter, const ValueScope& scope,
                                  const SchedulerOptions& options);

/// The chain of steps that bounded the run's length: from the step that
/// finished last, back through the dependency that finished last before it.
std::vector<size_t> critical_path(const Plan& plan, const std::vector<StepRecord>& records);

}  // namespace slipway::runtime
