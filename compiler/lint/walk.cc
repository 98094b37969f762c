#include "compiler/lint/walk.h"

namespace slipway::lint {

std::vector<Diagnostic> run_rules(const ir::Program& program, const SourceIndex& index,
                                  const std::vector<std::unique_ptr<Rule>>& rules) {
  std::vector<Diagnostic> findings;
  LintContext ctx(index, findings);
  for (const ir::Workflow& workflow : program.workflows) {
    for (const auto& rule : rules) rule->begin_workflow(workflow, ctx);
    for (const ir::Instance& instance : workflow.instances) {
      std::vector<StepView> steps;
      steps.reserve(instance.steps.size());
      for (const ir::Step& step : instance.steps) steps.emplace_back(step, instance, index);
      InstanceView view{instance, workflow, steps};
      for (const auto& rule : rules) rule->visit_instance(view, ctx);
      for (const StepView& step : steps) {
        size_t before = findings.size();
        for (const auto& rule : rules) rule->visit_step(step, ctx);
        for (const ir::Service& service : step.step().services)
          for (const auto& rule : rules) rule->visit_service(service, step, ctx);
        // A finding inside a template: show which call it came through.
        const auto& call = step.step().provenance.call_site;
        for (size_t i = before; call && i < findings.size(); ++i)
          if (index.in_template(step.step(), findings[i].primary))
            findings[i].also(*call, "in step `" + step.step().name + "`, expanded from this call");
      }
    }
    for (const auto& rule : rules) rule->end_workflow(workflow, ctx);
  }
  return findings;
}

}  // namespace slipway::lint
