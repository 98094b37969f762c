#include "backends/wercker/plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "backends/wercker/conditions.h"
#include "backends/wercker/header.h"
#include "backends/wercker/services.h"
#include "backends/wercker/step_code.h"

namespace slipway::backends::wercker {
namespace {

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

/// The non-hook steps of `inst`, each after the steps it needs.
std::vector<const ir::Step*> step_order(const ir::Instance& inst) {
  std::vector<const ir::Step*> out;
  std::set<std::string> placed;
  size_t total = 0;
  for (const auto& s : inst.steps) total += s.is_hook() ? 0 : 1;
  while (out.size() < total) {
    size_t before = out.size();
    for (const auto& s : inst.steps) {
      if (s.is_hook() || placed.count(s.id)) continue;
      bool ready = std::all_of(s.needs.begin(), s.needs.end(), [&](const ir::Edge& e) {
        return placed.count(e.from) || !inst.find_step(e.from);
      });
      if (!ready) continue;
      out.push_back(&s);
      placed.insert(s.id);
    }
    if (out.size() == before) break;
  }
  return out;
}

/// Answers whether one step of the chain waits for the step before it,
/// directly or not: through `needs`, or because a pipeline use waits for
/// every step of its upstream uses. The chain is a topological order, so a
/// search never needs to look at anything placed before the step it looks
/// for; without that cut (or with every step's full set of dependencies),
/// a long chain costs time or memory growing with the square of its length.
class WaitGraph {
 public:
  /// `ends[k]`: the chain's size once the steps of `order[k]` were placed.
  WaitGraph(const ir::Workflow& workflow, const std::vector<const ir::Step*>& chain,
            const std::vector<const ir::Instance*>& order, const std::vector<size_t>& ends)
      : workflow_(workflow) {
    for (size_t i = 0; i < chain.size(); ++i) position_[chain[i]] = i;
    for (size_t k = 0; k < order.size(); ++k) {
      instance_end_[order[k]] = ends[k];
      for (const auto& s : order[k]->steps) owner_[s.id] = {&s, order[k]};
    }
  }

  bool waits_for(const ir::Step& later, const ir::Step& earlier) const {
    size_t floor = position_.at(&earlier);
    std::vector<const ir::Step*> steps = {&later};
    std::vector<const ir::Instance*> instances;
    std::set<const void*> seen = {&later};
    auto visit_step = [&](const ir::Step* s) {
      auto pos = position_.find(s);
      if (pos != position_.end() && pos->second >= floor && seen.insert(s).second) steps.push_back(s);
    };
    auto visit_instance = [&](const ir::Instance* inst) {
      auto end = instance_end_.find(inst);
      // Everything of this use and its upstream uses was placed before `earlier`.
      if (end == instance_end_.end() || end->second <= floor) return;
      if (seen.insert(inst).second) instances.push_back(inst);
    };
    while (!steps.empty() || !instances.empty()) {
      if (!instances.empty()) {
        const ir::Instance* inst = instances.back();
        instances.pop_back();
        for (const auto& u : inst->steps)
          if (!u.is_hook()) visit_step(&u);
        for (const auto& up : inst->upstream) visit_instance(workflow_.find_instance(up));
        continue;
      }
      const ir::Step* s = steps.back();
      steps.pop_back();
      if (s == &earlier) return true;
      auto owner = owner_.find(s->id);
      if (owner == owner_.end()) continue;
      const ir::Instance* inst = owner->second.second;
      for (const auto& e : s->needs)
        if (auto it = owner_.find(e.from); it != owner_.end() && it->second.second == inst) visit_step(it->second.first);
      for (const auto& up : inst->upstream) visit_instance(workflow_.find_instance(up));
    }
    return false;
  }

 private:
  const ir::Workflow& workflow_;
  std::unordered_map<const ir::Step*, size_t> position_;
  std::unordered_map<const ir::Instance*, size_t> instance_end_;
  std::unordered_map<std::string, std::pair<const ir::Step*, const ir::Instance*>> owner_;
};

void check_hook_image(const ir::Step& hook, const ir::Step& step, Lowering& lowering) {
  auto hook_image = literal_text(hook.image);
  auto step_image = literal_text(step.image);
  if (hook_image && step_image && *hook_image == *step_image) return;
  Diagnostic d = Diagnostic::make(DiagCode::E0581, hook.image.span.valid() ? hook.image.span : hook.provenance.decl,
                                  "hook `" + hook.name + "` runs in the box of step `" + step.name +
                                      "` on Wercker, not in its own image");
  d.label("Wercker runs `after-steps` in the pipeline's container (" + step_image.value_or("the step's image") + ")")
      .with_help("give the hook the image of its step, or make sure that image has what the hook runs");
  lowering.diagnostics.push_back(std::move(d));
}

}  // namespace

File plan_file(Lowering& lowering) {
  File file;
  const ir::Workflow& wf = lowering.workflow;
  file.workflow = wf.name;
  std::vector<const ir::Instance*> order = instance_order(wf);
  ShellTest triggers = trigger_test(wf.triggers);
  std::map<std::string, std::vector<ShellTest>> guards;  // instance → its own and upstream conditions
  std::vector<const ir::Step*> chain;
  std::vector<size_t> instance_ends;  // chain size after each use of `order`

  for (const ir::Instance* inst : order) {
    std::vector<ShellTest>& guard = guards[inst->name];
    for (const auto& up : inst->upstream)
      for (const auto& t : guards[up])
        if (std::none_of(guard.begin(), guard.end(), [&](const ShellTest& g) { return g.text == t.text; }))
          guard.push_back(t);
    if (inst->when) guard.push_back(condition_test(*inst->when));
    std::vector<ShellTest> tests = {triggers};
    tests.insert(tests.end(), guard.begin(), guard.end());
    StepContext context{all_of(tests), inst->manual ? &*inst->manual : nullptr};

    for (const ir::Step* step : step_order(*inst)) {
      Pipeline p;
      p.name = lowering.pipelines.for_step(step->id);
      p.box = box_for(*step, lowering);
      p.services = lower_services(*step, lowering);
      p.steps.push_back(step_script(*step, context, lowering));
      context.pipeline_gate = nullptr;  // the first step of the use checks it; the rest come after
      for (const auto& s : inst->steps) {
        if (!s.is_hook() || s.hook_of != step->id) continue;
        check_hook_image(s, *step, lowering);
        for (auto& service : lower_services(s, lowering)) p.services.push_back(std::move(service));
        p.after_steps.push_back(hook_script(s, lowering));
      }
      chain.push_back(step);
      file.pipelines.push_back(std::move(p));
    }
    instance_ends.push_back(chain.size());
  }

  for (size_t i = 0; i + 1 < file.pipelines.size(); ++i)
    file.pipelines[i].steps.push_back(
        {"slipway: hand the workspace to " + file.pipelines[i + 1].name,
         "cp -a \"$WERCKER_SOURCE_DIR/.\" \"$WERCKER_OUTPUT_DIR/\""});
  for (size_t i = 0; i < file.pipelines.size(); ++i) {
    WorkflowMember m{file.pipelines[i].name, {}};
    if (i > 0) m.requires_.push_back(file.pipelines[i - 1].name);
    file.members.push_back(std::move(m));
  }

  WaitGraph waits(wf, chain, order, instance_ends);
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    if (waits.waits_for(*chain[i + 1], *chain[i])) continue;
    Diagnostic d = Diagnostic::make(DiagCode::E0580, wf.span,
                                    "steps `" + chain[i]->id + "` and `" + chain[i + 1]->id +
                                        "` could run in parallel, but Wercker runs them one after another");
    d.note("the wercker CLI runs the pipelines of a workflow one at a time, so the workflow is one chain of "
           "pipelines in dependency order");
    lowering.diagnostics.push_back(std::move(d));
    break;
  }
  file.header = header_lines(lowering, file, order);
  return file;
}

}  // namespace slipway::backends::wercker
