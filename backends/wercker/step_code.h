#pragma once
// A Slipway step as the `code` of one Wercker script step.
//
// The CLI sources every script step into one shell session per pipeline
// (with `set -e` prepended), so the code runs as a single subshell: its
// exports, `cd` and helper functions end with it, and its `exit` cannot end
// the session. Inside, every line that can fail says so (`|| exit 1`)
// rather than relying on `set -e`, which a shell ignores in some contexts.
//
// In order: helpers, context and params, the guard (triggers and `when`),
// the manual gate, a marker that the step started, values read from earlier
// steps, files, env, waits for services, then the command (with retry and
// timeout), and finally the step's outputs, stored in the workspace.

#include <optional>
#include <string>

#include "backends/wercker/conditions.h"
#include "backends/wercker/lowering.h"
#include "backends/wercker/model.h"

namespace slipway::backends::wercker {

struct StepContext {
  ShellTest guard;                 ///< skip the step unless this holds (steps only)
  const ir::Gate* pipeline_gate = nullptr;  ///< a gate on the pipeline use, checked first
};

/// The script step for a non-hook step. Reports a step with nothing to run
/// (E0584) and a timeout over 60 minutes (E0583).
ScriptStep step_script(const ir::Step& step, const StepContext& context, Lowering& lowering);

/// The after-step for a hook: it runs when its step failed (on_failure) or
/// started at all (always), in the box of its step.
ScriptStep hook_script(const ir::Step& hook, Lowering& lowering);

/// The variable that approves `gate` (`X_` + it on the host).
std::string approval_variable(const ir::Gate& gate);

}  // namespace slipway::backends::wercker
