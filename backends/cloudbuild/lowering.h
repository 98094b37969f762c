#pragma once
// Lowering of IR steps into Cloud Build steps, shared by the step, service
// and chain lowerings. Steps come out without `waitFor`; build.cc orders them
// and fills it in.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backends/cloudbuild/model.h"
#include "backends/cloudbuild/secrets.h"
#include "backends/cloudbuild/settings.h"
#include "backends/cloudbuild/substitution.h"
#include "backends/cloudbuild/wrapper.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// Everything one build's lowering reads and records.
struct BuildScope {
  const ir::Workflow& workflow;
  const Settings& settings;
  Substituter& subs;
  SecretTable& secrets;
  std::vector<Diagnostic>& diags;
  std::set<std::string> step_ids;  ///< ids of the user steps in this build
};

/// A step of the build before ordering: the step and the ids it waits for.
struct PlannedStep {
  CbStep step;
  std::vector<std::string> deps;
  std::optional<int64_t> timeout_ms;  ///< for the build's timeout
};

/// True when a value reads a step output.
bool reads_output(const ir::Value& value);

/// Reports a value that reads a step output where Cloud Build needs the text
/// before the step starts (E0525); returns true when it did.
bool reject_output(const ir::Value& value, const std::string& where, BuildScope& scope);

/// What the hook emulation (hooks.cc) adds to a step's wrapper.
struct HookRole {
  bool has_hooks = false;      ///< record the exit status; let the build go on when it fails
  bool on_failure_hook = false;  ///< an `on_failure` hook: run only when its step failed
};

/// Lowers a step: written as is when Cloud Build can run it directly, else
/// through the sh wrapper. Reports what Cloud Build cannot express (E0521,
/// E0525, E0531).
CbStep lower_step(const ir::Step& step, BuildScope& scope, const HookRole& role = {});

/// Hook emulation: a step with hooks is settled by `<id>.result`, which
/// waits for the step and its hooks and fails the build when the step
/// failed. Steps after it wait for that id instead of the step's.
bool needs_result_step(const ir::Step& step);
std::string settled_id(const ir::Step& step);
CbStep result_step(const ir::Step& step, const BuildScope& scope);

/// Multi-line shell code with a final newline: the shell reads it the same,
/// and YAML can hold it as a `|` block.
std::string shell_text(const std::string& script);

/// "600s" / "1.5s" for a duration in milliseconds.
std::string seconds_text(int64_t ms);

/// The steps that start a step's services before it and remove them after it.
struct ServiceSteps {
  CbStep start;
  CbStep stop;
};
std::optional<ServiceSteps> lower_services(const ir::Step& step, BuildScope& scope);

/// The chain step that starts another build's trigger once its upstream
/// pipelines in this build are done. `target_reads` are the chain-context
/// substitutions (`_SLIPWAY_GIT_*`) the started build reads.
CbStep chain_step(const ir::Instance& target, const std::string& trigger_name,
                  const std::set<std::string>& target_reads, BuildScope& scope);

}  // namespace slipway::backends::cloudbuild
