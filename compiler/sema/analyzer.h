#pragma once
// Internal: the state shared by the analysis passes (analyze.cc, lower_step.cc,
// lower_chain.cc, conditions.cc, graph_checks.cc).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/sema/analyze.h"
#include "compiler/sema/evaluator.h"

namespace slipway::sema {

/// A template found by name, with the module it lives in.
struct TemplateRef {
  const ast::Template* decl = nullptr;
  size_t module = 0;
  std::string qualified_name;  ///< "docker.build"
};

/// A pipeline visible from a workflow.
struct PipelineRef {
  const ast::Pipeline* decl = nullptr;
  size_t module = 0;
};

/// Why a step waits for another: kept for cycle messages.
struct EdgeCause {
  std::string from;
  std::string to;
  Span span;
  std::string reason;  ///< "reads `a.tag`" / "needs `a`"
};

class Analyzer {
 public:
  Analyzer(const ModuleSet& modules, DiagnosticEngine& diags, const AnalyzeOptions& options)
      : modules_(modules), diags_(diags), options_(options), eval_(diags) {}

  ir::Program run();

 private:
  // analyze.cc
  void collect_globals(const ast::Workflow& workflow, Globals& globals);
  void add_param(const ast::Param& param, Globals& globals, bool is_stdlib);
  void add_secret(const ast::Secret& secret, Globals& globals);
  void check_overrides();
  ir::Workflow lower_workflow(const ast::Workflow& workflow);
  void report_unused(const ast::Workflow& workflow, const ir::Workflow& out);
  std::vector<ir::Trigger> lower_triggers(const ast::Workflow& workflow, EvalContext& ctx);

  // lower_chain.cc
  void lower_chains(const ast::Workflow& workflow, ir::Workflow& out);
  std::map<std::string, PipelineRef> visible_pipelines(const ast::Workflow& workflow);
  bool bind_args(const std::vector<ast::Param>& params, const std::vector<ast::Arg>& args, Span call_span,
                 const std::string& callee, EvalContext& call_ctx, EvalContext& default_ctx,
                 std::map<std::string, Typed>& bound);
  void lower_instance(const std::string& pipeline_name, const std::vector<ast::StepDecl>& steps, size_t module,
                      ir::Instance& instance, std::map<std::string, Typed> args);

  // lower_step.cc
  std::optional<TemplateRef> find_template(const ast::Call& call, size_t module);
  /// One `KEY = value` of a step's or service's env (reserved names, lists
  /// and text conversion checked); nullopt after a reported error.
  std::optional<ir::EnvVar> lower_env_entry(const ast::EnvEntry& entry, EvalContext& ctx);
  std::vector<ir::OutputDecl> step_outputs(const ast::StepDecl& decl, size_t module);
  void lower_step(const ast::StepDecl& decl, size_t module, const std::string& id_prefix,
                  EvalContext& ctx, ir::Instance& instance, ir::HookKind hook_kind, const std::string& hook_of);

  // conditions.cc
  std::optional<ir::Condition> lower_condition(const ast::Expr& expr, EvalContext& ctx);

  // graph_checks.cc
  void check_step_graph(ir::Instance& instance);
  void check_instance_graph(ir::Workflow& workflow, const std::map<std::string, Span>& use_spans);

  bool is_stdlib_file(FileId file) const;

  // unused_checks.cc: pipelines no workflow uses and templates nobody calls
  // are still checked, with a value of each parameter's type.
  void check_unused_definitions();
  Typed abstract_value(const ast::Param& param);

  const ModuleSet& modules_;
  DiagnosticEngine& diags_;
  const AnalyzeOptions& options_;
  Evaluator eval_;
  Globals* globals_ = nullptr;          ///< the current workflow's globals
  std::set<std::string> used_;          ///< "param:x", "secret:y", "pipeline:z"
  std::vector<EdgeCause> edge_causes_;  ///< of the current instance
  std::set<std::string> read_outputs_;  ///< "step-id.output"
  std::map<std::string, Span> output_decls_;  ///< "step-id.output" → declaration
  std::set<const ast::Pipeline*> used_pipelines_;  ///< across all workflows
  std::set<const ast::Template*> expanded_templates_;
  bool abstract_call_ = false;  ///< lowering a template with abstract_value arguments
};

}  // namespace slipway::sema
