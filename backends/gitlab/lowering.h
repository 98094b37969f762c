#pragma once
// State shared by the lowering passes of one workflow: the diagnostics, and
// every name the generated file uses (jobs, param variables, dotenv keys,
// secret variables), decided once up front so the passes agree.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/gitlab/names.h"
#include "backends/gitlab/secrets.h"

namespace slipway::backends::gitlab {

struct Lowering {
  Lowering(const ir::Workflow& workflow, const BackendOptions& options) : workflow(workflow), options(options) {}

  const ir::Workflow& workflow;
  const BackendOptions& options;
  std::vector<Diagnostic> diagnostics;
  SecretTable secrets;
  JobNames jobs;
  std::map<std::string, std::string> param_vars;   ///< param name → top-level variable
  std::map<std::string, std::string> output_vars;  ///< "step.output" → dotenv key
  std::set<std::string> used_params;

  /// Names variables, resolves secrets and reports outputs that cannot
  /// travel (E0541). Call once before lowering any job.
  void prepare();

  /// Adds an error naming GitLab CI.
  Diagnostic& error(DiagCode code, Span at, std::string message);
  bool failed() const;

  /// The GitLab variable a reference reads: a param's top-level variable, a
  /// predefined context variable, a dotenv key, or a secret's CI/CD variable.
  std::string variable_for(const ir::Ref& ref) const;
  const ir::Step* find_step(const std::string& id) const;
  const ir::Instance* instance_of(const std::string& step_id) const;
  /// The dotenv key of `step.output`, or "" when nobody reads it.
  std::string output_var(const std::string& step, const std::string& output) const;
};

/// Calls `visit` for every value a step uses (image, run, entrypoint,
/// workdir, env, files, services), with the span to report it at.
void for_each_value(const ir::Step& step, const std::function<void(const ir::Value&, Span)>& visit);

}  // namespace slipway::backends::gitlab
