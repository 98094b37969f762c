#include "backends/cloudbuild/builds.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <queue>

#include "backends/cloudbuild/lowering.h"

namespace slipway::backends::cloudbuild {
namespace {

/// Cloud Build's default build timeout; longer paths raise the build's.
constexpr int64_t kDefaultBuildMs = 3600LL * 1000;
constexpr int64_t kMaxBuildMs = 24LL * 3600 * 1000;

struct GroupState {
  const BuildGroup* group = nullptr;
  std::unique_ptr<Substituter> subs;
  std::unique_ptr<SecretTable> secrets;
  std::unique_ptr<BuildScope> scope;
  std::vector<PlannedStep> steps;  ///< declaration order
};

void reject_step_gate(const ir::Step& step, const ir::Instance& instance, std::vector<Diagnostic>& diags) {
  diags.push_back(Diagnostic::make(DiagCode::E0520, step.manual->span,
                                   "Cloud Build cannot pause a build for manual approval inside a build")
                      .label("gate on step `" + step.name + "`")
                      .note("Cloud Build approves whole builds, before they start, on their trigger")
                      .with_help("move the gate to the pipeline use in the workflow, e.g. `upstream -> " +
                                 instance.pipeline + " manual`, which becomes an approval-gated trigger"));
}

/// Steps of an instance that no other step of it waits for (by the ids that
/// settle them: a hooked step's result step).
std::vector<std::string> sinks(const ir::Instance& instance) {
  std::set<std::string> needed;
  for (const auto& s : instance.steps)
    for (const auto& e : s.needs) needed.insert(e.from);
  std::vector<std::string> out;
  for (const auto& s : instance.steps)
    if (!s.is_hook() && !needed.count(s.id)) out.push_back(settled_id(s));
  return out;
}

void check_service_aliases(const BuildGroup& group, std::vector<Diagnostic>& diags) {
  std::map<std::string, const ir::Service*> seen;
  for (const auto* instance : group.instances)
    for (const auto& step : instance->steps)
      for (const auto& svc : step.services) {
        auto [it, inserted] = seen.emplace(svc.alias, &svc);
        if (inserted) continue;
        diags.push_back(Diagnostic::make(DiagCode::E0529, svc.span,
                                         "two services are called `" + svc.alias + "` in one Cloud Build build")
                            .also(it->second->span, "the other one")
                            .note("services join the build's shared `cloudbuild` network, where an alias names "
                                  "one container")
                            .with_help("give one of the services another alias"));
      }
}

void lower_group(GroupState& st, std::vector<Diagnostic>& diags) {
  const BuildGroup& group = *st.group;
  BuildScope& scope = *st.scope;
  check_service_aliases(group, diags);
  std::set<std::string> in_group;
  for (const auto* instance : group.instances) in_group.insert(instance->name);
  std::map<std::string, std::string> settled;  ///< step id → the id later steps wait for
  for (const auto* instance : group.instances)
    for (const auto& step : instance->steps) {
      if (step.is_hook()) continue;
      scope.step_ids.insert(step.id);
      settled[step.id] = settled_id(step);
      for (const auto& e : step.env)
        if (e.secret && e.value.parts.size() == 1 && e.value.parts[0].ref &&
            e.value.parts[0].ref->kind == ir::Ref::Kind::Secret)
          st.secrets->note_direct(e.name, e.value.parts[0].ref->name);
    }
  for (const auto* instance : group.instances) {
    std::vector<std::string> after_upstream;
    for (const auto& up : instance->upstream)
      if (in_group.count(up))
        if (const ir::Instance* u = scope.workflow.find_instance(up))
          for (auto& id : sinks(*u)) after_upstream.push_back(id);
    for (const auto& step : instance->steps) {
      if (step.is_hook()) {
        // A hook waits for its own step (never its result step, which waits for the hook).
        std::vector<std::string> deps = {step.hook_of};
        for (const auto& e : step.needs)
          if (e.from != step.hook_of && settled.count(e.from)) deps.push_back(settled[e.from]);
        HookRole role{false, step.hook_kind == ir::HookKind::OnFailure};
        st.steps.push_back(PlannedStep{lower_step(step, scope, role), deps, step.timeout_ms});
        if (step.manual) reject_step_gate(step, *instance, diags);
        continue;
      }
      if (step.manual) reject_step_gate(step, *instance, diags);
      std::vector<std::string> deps;
      for (const auto& e : step.needs)
        if (settled.count(e.from)) deps.push_back(settled[e.from]);
      if (deps.empty()) deps = after_upstream;
      HookRole role{!step.on_failure.empty() || !step.always.empty(), false};
      PlannedStep planned{lower_step(step, scope, role), deps, step.timeout_ms};
      if (planned.timeout_ms) *planned.timeout_ms *= (step.retry + 1);
      if (auto services = lower_services(step, scope)) {
        st.steps.push_back(PlannedStep{services->start, deps, std::nullopt});
        planned.deps.push_back(services->start.id);
        st.steps.push_back(std::move(planned));
        st.steps.push_back(PlannedStep{services->stop, {step.id}, std::nullopt});
      } else {
        st.steps.push_back(std::move(planned));
      }
      if (needs_result_step(step)) {
        std::vector<std::string> result_deps = {step.id};
        result_deps.insert(result_deps.end(), step.on_failure.begin(), step.on_failure.end());
        result_deps.insert(result_deps.end(), step.always.begin(), step.always.end());
        st.steps.push_back(PlannedStep{result_step(step, scope), result_deps, std::nullopt});
      }
    }
  }
}

/// Orders steps so every dependency comes first, keeping declaration order
/// wherever the DAG allows (Kahn's algorithm, smallest index first).
std::vector<size_t> order(const std::vector<PlannedStep>& steps) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < steps.size(); ++i) index[steps[i].step.id] = i;
  std::vector<size_t> pending(steps.size(), 0);
  std::vector<std::vector<size_t>> users(steps.size());
  for (size_t i = 0; i < steps.size(); ++i)
    for (const auto& d : steps[i].deps) {
      auto it = index.find(d);
      if (it == index.end()) continue;
      ++pending[i];
      users[it->second].push_back(i);
    }
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < steps.size(); ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<size_t> out;
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    out.push_back(i);
    for (size_t u : users[i])
      if (--pending[u] == 0) ready.push(u);
  }
  return out;  // the front end rejects cycles, so every step is here
}

CbBuild finish(GroupState& st, std::vector<Diagnostic>& diags) {
  CbBuild b;
  const BuildGroup& group = *st.group;
  b.file = "cloudbuild-" + group.first().name + ".yaml";
  std::string names;
  for (const auto* i : group.instances) names += (names.empty() ? "" : ", ") + i->name;
  b.comments.push_back("Pipelines: " + names + ".");
  if (group.chained())
    b.comments.push_back("Started by the last step of the build that runs " + group.chain_after.front() +
                         " (see cloudbuild-triggers.yaml).");
  std::map<std::string, int64_t> finish_ms;
  int64_t longest = 0;
  for (size_t i : order(st.steps)) {
    PlannedStep& p = st.steps[i];
    int64_t start = 0;
    for (const auto& d : p.deps) start = std::max(start, finish_ms[d]);
    finish_ms[p.step.id] = start + p.timeout_ms.value_or(0);
    longest = std::max(longest, finish_ms[p.step.id]);
    p.step.wait_for = p.deps;
    b.steps.push_back(std::move(p.step));
  }
  // An instance too large on its own was reported when the builds were planned.
  if (b.steps.size() > kMaxSteps && group.first().steps.size() <= kMaxSteps)
    diags.push_back(Diagnostic::make(DiagCode::E0530, group.first().span,
                                     "the Cloud Build build of pipeline `" + group.first().name + "` has " +
                                         std::to_string(b.steps.size()) + " steps, more than the " +
                                         std::to_string(kMaxSteps) + " a build holds")
                        .with_help("split the pipeline, or give chained uses their own conditions"));
  if (longest > kDefaultBuildMs) b.timeout = seconds_text(std::min(longest, kMaxBuildMs));
  b.substitutions = st.subs->declared();
  b.secrets = st.secrets->entries();
  for (const auto* instance : group.instances) {
    if (!instance->environment) continue;
    const ir::Value& env = instance->environment->name;
    static const std::string tag_chars = "_.-";
    std::string text = env.is_literal() ? env.literal_text() : "";
    bool ok = !text.empty() && text.size() <= 128 && (std::isalnum(static_cast<unsigned char>(text[0])) || text[0] == '_');
    for (char c : text) ok &= std::isalnum(static_cast<unsigned char>(c)) || tag_chars.find(c) != std::string::npos;
    if (!ok) {
      diags.push_back(Diagnostic::make(DiagCode::E0531, env.span,
                                       "Cloud Build cannot tag builds with this environment name")
                          .note("Slipway records the environment as a build tag, which is literal text matching "
                                "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
                          .with_help("name the environment with letters, digits, `_`, `.` and `-`"));
      continue;
    }
    if (std::find(b.tags.begin(), b.tags.end(), text) == b.tags.end()) b.tags.push_back(text);
  }
  return b;
}

std::string sanitize_name(const std::string& text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
  }
  return out;
}

/// "release-production": lower case, at most 55 characters (room for
/// "-branches"), unique within the workflow.
std::vector<std::string> trigger_names(const ir::Workflow& workflow, const BuildPlan& plan) {
  std::vector<std::string> out;
  std::set<std::string> taken;
  for (const auto& group : plan.groups) {
    std::string name = sanitize_name(workflow.name + "-" + group.first().name);
    if (name.size() > 55) {
      uint32_t h = 2166136261u;
      for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
      static const char* hex = "0123456789abcdef";
      std::string suffix;
      for (int i = 0; i < 6; ++i) suffix += hex[(h >> (4 * i)) & 15];
      name = name.substr(0, 48) + "-" + suffix;
    }
    std::string unique = name;
    for (int n = 2; !taken.insert(unique).second; ++n) unique = name.substr(0, 52) + "-" + std::to_string(n);
    out.push_back(unique);
  }
  return out;
}

}  // namespace

std::vector<LoweredBuild> lower_builds(const ir::Workflow& workflow, const BuildPlan& plan, const Settings& settings,
                                       std::vector<Diagnostic>& diags) {
  std::vector<std::string> names = trigger_names(workflow, plan);
  std::vector<GroupState> states(plan.groups.size());
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    GroupState& st = states[g];
    st.group = &plan.groups[g];
    st.subs = std::make_unique<Substituter>(workflow, st.group->chained(), diags);
    st.secrets = std::make_unique<SecretTable>(workflow);
    st.scope = std::make_unique<BuildScope>(BuildScope{workflow, settings, *st.subs, *st.secrets, diags, {}});
    lower_group(st, diags);
  }
  // Chain steps last: they pass the started build's substitutions. Later
  // groups first, so a build's own chain steps are in place before the step
  // that starts it reads what it needs.
  struct Chain {
    size_t target, upstream;
    PlannedStep step;
  };
  std::vector<Chain> chains;
  for (size_t g = plan.groups.size(); g-- > 0;) {
    const BuildGroup& group = plan.groups[g];
    if (!group.started_by) continue;
    GroupState& up = states[*group.started_by];
    std::vector<std::string> deps;
    for (const auto& name : group.chain_after)
      if (const ir::Instance* i = workflow.find_instance(name))
        for (auto& id : sinks(*i)) deps.push_back(id);
    CbStep step = chain_step(group.first(), names[g], states[g].subs->chain_context(), *up.scope);
    chains.push_back({g, *group.started_by, PlannedStep{std::move(step), deps, std::nullopt}});
  }
  std::sort(chains.begin(), chains.end(), [](const auto& a, const auto& b) { return a.target < b.target; });
  for (auto& c : chains) states[c.upstream].steps.push_back(std::move(c.step));
  std::vector<LoweredBuild> out;
  for (size_t g = 0; g < states.size(); ++g) {
    GroupState& st = states[g];
    LoweredBuild lb;
    lb.group = st.group;
    lb.trigger_name = names[g];
    lb.required = st.subs->required();
    lb.chain_reads = st.subs->chain_context();
    lb.build = finish(st, diags);
    out.push_back(std::move(lb));
  }
  return out;
}

}  // namespace slipway::backends::cloudbuild
