#pragma once
// State shared by the passes over one workflow: diagnostics, pipeline names,
// the secrets' environment variables, and which params and step outputs the
// generated code must carry, all decided once up front so the passes agree.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/wercker/names.h"

namespace slipway::backends::wercker {

/// A secret as the CLI supplies it: an environment variable holding the
/// value (for a file secret, the file's contents).
struct SecretVariable {
  std::string secret;    ///< the Slipway name
  std::string variable;  ///< the binding, or the upper-cased name
  bool file = false;
};

struct Lowering {
  Lowering(const ir::Workflow& workflow, const BackendOptions& options) : workflow(workflow), options(options) {}

  const ir::Workflow& workflow;
  const BackendOptions& options;
  std::vector<Diagnostic> diagnostics;
  PipelineNames pipelines;
  std::vector<SecretVariable> secrets;  ///< the secrets in use, declaration order
  std::set<std::string> used_params;
  /// Params whose value is written into a box id: the CLI pulls boxes before
  /// any step runs, so they take the compile-time value.
  std::set<std::string> box_params;

  /// Resolves secrets (E0588), collects used params, and rejects secret
  /// outputs another step reads (E0585). Call once before planning.
  void prepare();

  Diagnostic& error(DiagCode code, Span at, std::string message);
  bool failed() const;

  const SecretVariable* find_secret(const std::string& name) const;
  /// The shell variable a reference reads in step code.
  std::string variable_for(const ir::Ref& ref) const;
  const ir::Step* find_step(const std::string& id) const;
};

/// The shell variable that carries param `name` (set on the host as
/// `X_SLIPWAY_PARAM_NAME`).
std::string param_variable(const std::string& name);
/// The shell variable that holds output `output` of step `step` in a reader.
std::string output_variable(const std::string& step, const std::string& output);

/// Calls `visit` for every value a step uses (image, run, entrypoint,
/// workdir, env, files, services), with the span to report it at.
void for_each_value(const ir::Step& step, const std::function<void(const ir::Value&, Span)>& visit);

/// The text of a literal scalar (string, int, bool, duration); nullopt when
/// the value has references.
std::optional<std::string> literal_text(const ir::Value& value);

}  // namespace slipway::backends::wercker
