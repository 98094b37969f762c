#include "runtime/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "runtime/condition.h"

namespace slipway::runtime {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

/// The ids of the steps `--step` names, plus everything they need (closure
/// over `needs` inside their instance) and their hooks.
Result<std::set<std::string>, RunError> select_steps(const std::vector<const ir::Instance*>& instances,
                                                     const std::vector<std::string>& wanted) {
  std::map<std::string, const ir::Step*> by_id;
  std::map<std::string, std::vector<std::string>> by_name;
  for (const auto* inst : instances)
    for (const auto& s : inst->steps) {
      by_id[s.id] = &s;
      if (!s.is_hook()) by_name[s.name].push_back(s.id);
    }
  std::vector<std::string> queue;
  for (const auto& w : wanted) {
    if (by_id.count(w)) {
      queue.push_back(w);
      continue;
    }
    auto named = by_name.find(w);
    if (named == by_name.end()) {
      std::vector<std::string> ids;
      for (const auto& [id, s] : by_id)
        if (!s->is_hook()) ids.push_back(id);
      return fail(RunError{"no step `" + w + "` in the selected pipelines", "steps: " + join(ids)});
    }
    if (named->second.size() > 1)
      return fail(RunError{"step name `" + w + "` is ambiguous", "pick one of: " + join(named->second)});
    queue.push_back(named->second[0]);
  }
  std::set<std::string> chosen;
  while (!queue.empty()) {
    std::string id = queue.back();
    queue.pop_back();
    if (!chosen.insert(id).second) continue;
    const ir::Step* s = by_id[id];
    for (const auto& e : s->needs)
      if (by_id.count(e.from)) queue.push_back(e.from);
    for (const auto& h : s->on_failure) queue.push_back(h);
    for (const auto& h : s->always) queue.push_back(h);
  }
  return chosen;
}

std::string context_summary(const GitContext& git) {
  std::string out = git.branch.empty() ? "no branch" : "branch `" + git.branch + "`";
  out += git.tag.empty() ? ", no tag" : ", tag `" + git.tag + "`";
  return out;
}

}  // namespace

std::optional<size_t> Plan::find(const std::string& id) const {
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].step->id == id) return i;
  return std::nullopt;
}

std::vector<const ir::Step*> Plan::ir_steps() const {
  std::vector<const ir::Step*> out;
  for (const auto& s : steps) out.push_back(s.step);
  return out;
}

Result<Plan, RunError> build_plan(const ir::Workflow& workflow, const PlanOptions& options, const GitContext& git,
                                  const RunIdentity& run) {
  Plan plan;
  plan.workflow = &workflow;
  std::vector<const ir::Instance*> instances;
  for (const auto& p : options.pipelines) {
    bool found = std::any_of(workflow.instances.begin(), workflow.instances.end(),
                             [&](const auto& i) { return i.name == p || i.pipeline == p; });
    if (!found) {
      std::vector<std::string> names;
      for (const auto& i : workflow.instances) names.push_back(i.name);
      return fail(RunError{"no pipeline `" + p + "` in workflow `" + workflow.name + "`", "pipelines: " + join(names)});
    }
  }
  for (const auto& inst : workflow.instances) {
    bool wanted = options.pipelines.empty() ||
                  std::any_of(options.pipelines.begin(), options.pipelines.end(),
                              [&](const auto& p) { return p == inst.name || p == inst.pipeline; });
    if (wanted) instances.push_back(&inst);
  }
  std::optional<std::set<std::string>> chosen;
  if (!options.steps.empty()) {
    auto selected = select_steps(instances, options.steps);
    if (!selected) return fail(selected.error());
    chosen = std::move(selected.value());
  }

  std::map<std::string, size_t> index;
  std::map<std::string, std::vector<size_t>> by_instance;
  for (const auto* inst : instances) {
    std::optional<std::string> skip;
    if (inst->when && !evaluate_condition(*inst->when, git, run)) {
      skip = "condition `" + describe_condition(*inst->when) + "` is false (" + context_summary(git) + ")";
      bool selected = !chosen || std::any_of(inst->steps.begin(), inst->steps.end(),
                                             [&](const auto& s) { return chosen->count(s.id) > 0; });
      if (selected) plan.skipped_instances.push_back({inst->name, *skip});
    }
    for (const auto& s : inst->steps) {
      if (chosen && !chosen->count(s.id)) continue;
      PlanStep ps;
      ps.step = &s;
      ps.instance = inst;
      ps.skip_reason = skip;
      if (!s.is_hook()) {
        if (inst->manual) ps.gates.push_back(&*inst->manual);
        if (s.manual) ps.gates.push_back(&*s.manual);
      }
      index[s.id] = plan.steps.size();
      by_instance[inst->name].push_back(plan.steps.size());
      plan.steps.push_back(std::move(ps));
    }
  }
  for (auto& ps : plan.steps) {
    const ir::Step& s = *ps.step;
    if (s.is_hook())
      if (auto parent = index.find(s.hook_of); parent != index.end()) {
        ps.hook_parent = parent->second;
        ps.deps.push_back({parent->second, false, "hook of `" + s.hook_of + "`"});
      }
    for (const auto& e : s.needs) {
      auto from = index.find(e.from);
      if (from == index.end()) continue;
      std::string why = e.values.empty() ? "needs `" + e.from + "`" : "reads `" + e.from + "." + e.values[0] + "`";
      ps.deps.push_back({from->second, true, why});
    }
    for (const auto& up : ps.instance->upstream) {
      auto members = by_instance.find(up);
      if (members == by_instance.end()) continue;
      for (size_t m : members->second)
        ps.deps.push_back({m, !plan.steps[m].step->is_hook(), "upstream `" + up + "`"});
    }
  }
  return plan;
}

}  // namespace slipway::runtime
