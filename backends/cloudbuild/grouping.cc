#include "backends/cloudbuild/grouping.h"

#include <set>

#include "backends/cloudbuild/ref_filter.h"

namespace slipway::backends::cloudbuild {
namespace {

/// Steps an instance adds to a build: its own, plus a start and a stop step
/// for each step with services.
size_t step_cost(const ir::Instance& instance) {
  size_t n = 0;
  for (const auto& s : instance.steps) n += s.services.empty() ? 1 : 3;
  return n;
}

/// Room kept in a merged build for the chain steps added later.
constexpr size_t kChainReserve = 10;

}  // namespace

BuildPlan plan_builds(const ir::Workflow& workflow, std::vector<Diagnostic>& diags) {
  BuildPlan plan;
  std::vector<size_t> cost;
  for (const auto& instance : workflow.instances) {
    size_t own = step_cost(instance);
    if (own > kMaxSteps)
      diags.push_back(Diagnostic::make(DiagCode::E0530, instance.span,
                                       "pipeline `" + instance.name + "` needs " + std::to_string(own) +
                                           " Cloud Build steps, more than the " + std::to_string(kMaxSteps) +
                                           " one build holds")
                          .note("a step with services takes two more steps to start and stop them")
                          .with_help("split the pipeline in two and chain them: `first -> second`"));
    std::set<size_t> upstream_groups;
    for (const auto& up : instance.upstream) {
      auto it = plan.group_of.find(up);
      if (it != plan.group_of.end()) upstream_groups.insert(it->second);
    }
    if (upstream_groups.size() > 1) {
      auto d = Diagnostic::make(DiagCode::E0524, instance.span,
                                "Cloud Build cannot start pipeline `" + instance.name +
                                    "` after several builds finish");
      d.label("its upstream pipelines run in different Cloud Build builds");
      d.note("a build can start another build when it ends, but no build waits for two others");
      d.with_help("give the upstream pipelines the same trigger conditions (no `manual`, the same `when`) "
                  "so they share one build, or chain them one after the other");
      diags.push_back(std::move(d));
    }
    if (upstream_groups.empty()) {
      plan.group_of[instance.name] = plan.groups.size();
      plan.groups.push_back(BuildGroup{{&instance}, std::nullopt, {}});
      cost.push_back(own);
      continue;
    }
    size_t up = *upstream_groups.begin();
    const ir::Instance& head = plan.groups[up].first();
    bool same_when = !instance.when || (head.when && same_condition(*instance.when, *head.when));
    bool fits = cost[up] + own + kChainReserve <= kMaxSteps;
    if (!instance.manual && same_when && fits) {
      plan.groups[up].instances.push_back(&instance);
      plan.group_of[instance.name] = up;
      cost[up] += own;
      continue;
    }
    plan.group_of[instance.name] = plan.groups.size();
    plan.groups.push_back(BuildGroup{{&instance}, up, instance.upstream});
    cost.push_back(own);
  }
  return plan;
}

}  // namespace slipway::backends::cloudbuild
