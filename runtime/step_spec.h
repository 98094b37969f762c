#pragma once
// Resolving IR values (templates of params, outputs, context and secrets)
// into the concrete StepSpec a runner executes.

#include <map>
#include <string>

#include "compiler/ir/ir.h"
#include "runtime/outputs.h"
#include "runtime/result.h"
#include "runtime/run_context.h"
#include "runtime/runner.h"
#include "runtime/secrets.h"

namespace slipway::runtime {

struct ValueScope {
  const ir::Workflow* workflow = nullptr;
  const GitContext* git = nullptr;
  const RunIdentity* run = nullptr;
  const std::map<std::string, OutputValues>* outputs = nullptr;  ///< by producing step id
  const SecretStore* secrets = nullptr;
  /// Dry run: secrets without a value resolve to `***` instead of failing.
  bool placeholder_secrets = false;
};

/// The text of a value. Errors: an output its producer did not write (it
/// failed with allow_failure, or was skipped), a secret without a value.
[[nodiscard]] Result<std::string, RunError> resolve_text(const ir::Value& value, const ValueScope& scope);

/// The spec of one attempt of `step`: command, env split into plain and
/// secret, files, workdir (relative paths are under /workspace), services.
[[nodiscard]] Result<StepSpec, RunError> build_step_spec(const ir::Step& step, int attempt, const ValueScope& scope);

/// True when any part of the value is a secret reference.
bool carries_secret(const ir::Value& value);

}  // namespace slipway::runtime
