#include "backends/gitlab/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "backends/common/service_wait.h"
#include "backends/gitlab/conditions.h"
#include "backends/gitlab/environment.h"
#include "backends/gitlab/outputs.h"
#include "backends/gitlab/params.h"
#include "backends/gitlab/step_job.h"

namespace slipway::backends::gitlab {
namespace {

constexpr size_t kMaxNeeds = 50;

/// Instances with every upstream first; otherwise chain (declaration) order.
std::vector<const ir::Instance*> instance_order(const ir::Workflow& workflow) {
  std::vector<const ir::Instance*> out;
  std::set<std::string> placed;
  while (out.size() < workflow.instances.size()) {
    size_t before = out.size();
    for (const auto& inst : workflow.instances) {
      if (placed.count(inst.name)) continue;
      bool ready = std::all_of(inst.upstream.begin(), inst.upstream.end(), [&](const std::string& up) {
        return placed.count(up) || !workflow.find_instance(up);
      });
      if (!ready) continue;
      out.push_back(&inst);
      placed.insert(inst.name);
    }
    if (out.size() == before) break;  // a cycle: the front end reports it
  }
  return out;
}

struct InstancePlan {
  std::vector<const ir::Condition*> conditions;  ///< own and every upstream's
  std::vector<std::string> exits;                ///< jobs that finish the instance
};

void add_need(Job& job, const std::string& name) {
  if (std::none_of(job.needs.begin(), job.needs.end(), [&](const Need& n) { return n.job == name; }))
    job.needs.push_back({name, false});
}

Job gate_job(const ir::Instance& inst, const std::string& name, const Lowering& lowering) {
  Job gate;
  gate.name = name;
  gate.stage = inst.name;
  auto image = lowering.options.settings.find("gitlab.gate_image");
  gate.image = image == lowering.options.settings.end() ? "alpine:3.20" : image->second;
  gate.variables.push_back({"GIT_STRATEGY", "none", true});
  gate.script.push_back({"echo 'slipway: gate " + inst.name + " approved'", {}});
  gate.when = When::Manual;
  gate.manual_confirmation = inst.manual->message;
  return gate;
}

}  // namespace

Pipeline plan_pipeline(Lowering& lowering) {
  Pipeline out;
  const ir::Workflow& wf = lowering.workflow;
  std::map<std::string, InstancePlan> plans;
  for (const ir::Instance* inst : instance_order(wf)) {
    InstancePlan& plan = plans[inst->name];
    std::vector<std::string> entry;
    for (const auto& up : inst->upstream) {
      auto it = plans.find(up);
      if (it == plans.end()) continue;
      for (const auto* c : it->second.conditions)
        if (std::find(plan.conditions.begin(), plan.conditions.end(), c) == plan.conditions.end())
          plan.conditions.push_back(c);
      for (const auto& e : it->second.exits)
        if (std::find(entry.begin(), entry.end(), e) == entry.end()) entry.push_back(e);
    }
    if (inst->when) plan.conditions.push_back(&*inst->when);
    RuleExpression rule = rule_expression(plan.conditions, lowering);

    size_t first_job = out.jobs.size();
    if (inst->manual) {
      Job gate = gate_job(*inst, lowering.jobs.for_gate(inst->name), lowering);
      for (const auto& e : entry) add_need(gate, e);
      entry = {gate.name};
      out.jobs.push_back(std::move(gate));
    }
    std::set<std::string> needed;  // non-hook steps some other step needs
    for (const auto& s : inst->steps)
      if (!s.is_hook())
        for (const auto& e : s.needs) needed.insert(e.from);
    std::vector<std::string> exits;
    std::set<std::string> deploys;
    for (const auto& s : inst->steps) {
      Job job = lower_step_job(s, *inst, lowering);
      if (!s.is_hook() && s.needs.empty())
        for (const auto& e : entry) add_need(job, e);
      if (!s.is_hook() && !needed.count(s.id)) {
        exits.push_back(job.name);
        deploys.insert(job.name);
      }
      if (s.hook_kind == ir::HookKind::Always) exits.push_back(job.name);
      out.jobs.push_back(std::move(job));
    }
    plan.exits = exits.empty() ? entry : exits;

    std::optional<EnvironmentText> env;
    if (inst->environment) env = lower_environment(*inst->environment, lowering);
    for (size_t i = first_job; i < out.jobs.size(); ++i) {
      Job& job = out.jobs[i];
      if (rule.kind == RuleExpression::Kind::Never) job.never = true;
      if (rule.kind == RuleExpression::Kind::If) job.rule_if = rule.text;
      if (env) {
        bool deploys_here = deploys.count(job.name) > 0;
        job.environment = Environment{env->name, deploys_here ? env->url : std::nullopt, !deploys_here};
      }
    }
    if (first_job < out.jobs.size()) out.stages.push_back(inst->name);
  }

  std::map<std::string, size_t> dotenv_keys;  // job → values it exports
  for (const auto& inst : wf.instances)
    for (const auto& s : inst.steps)
      for (const auto& o : s.outputs)
        if (!lowering.output_var(s.id, o.name).empty()) ++dotenv_keys[lowering.jobs.for_step(s.id)];
  bool uses_values = false, uses_wait = false;
  for (auto& job : out.jobs) {
    if (job.needs.size() > kMaxNeeds) {
      const ir::Step* step = nullptr;
      for (const auto& inst : wf.instances)
        for (const auto& s : inst.steps)
          if (lowering.jobs.for_step(s.id) == job.name) step = &s;
      lowering.error(DiagCode::E0547, step ? step->provenance.decl : wf.span,
                     "job `" + job.name + "` would need " + std::to_string(job.needs.size()) +
                         " jobs, but GitLab CI allows 50")
          .label("GitLab limits `needs` to 50 jobs")
          .with_help("chain fewer pipelines into this one, or merge steps that only order others");
    }
    size_t inherited = 0;
    for (const auto& n : job.needs)
      if (n.artifacts) inherited += dotenv_keys[n.job];
    if (inherited > 20)
      out.header.push_back("job `" + job.name + "` inherits " + std::to_string(inherited) +
                           " dotenv values; GitLab self-managed accepts 20 by default (raise the dotenv variables limit)");
    for (const auto* list : {&job.script, &job.after_script})
      for (const auto& e : *list) {
        uses_values |= e.text.find("slipway_outputs ") != std::string::npos ||
                       e.text.find("slipway_read ") != std::string::npos;
        uses_wait |= e.text.rfind("slipway_wait_tcp ", 0) == 0;
      }
  }
  // The shared functions job holds only what some job calls.
  if (uses_values) out.functions = output_functions();
  if (uses_wait) out.functions += (out.functions.empty() ? "" : "\n") + wait_tcp_function();
  out.params = param_variables(lowering);
  out.has_workflow_rules = !wf.triggers.empty();
  out.workflow_rules = workflow_rules(wf.triggers);
  return out;
}

}  // namespace slipway::backends::gitlab
