#include "backends/concourse/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "backends/concourse/series_parallel.h"
#include "backends/concourse/sources.h"
#include "backends/concourse/task.h"
#include "backends/concourse/text.h"

namespace slipway::backends::concourse {
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

/// The first task in `plan` (hooks included) that takes `param_value` as a step param.
const Task* task_reading(const std::vector<PlanStep>& plan, const std::string& param_value) {
  for (const auto& step : plan) {
    if (step.kind == PlanStep::Kind::Task)
      for (const auto& p : step.task.step_params)
        if (p.value == param_value) return &step.task;
    for (const auto* nested : {&step.steps, &step.on_failure, &step.on_error, &step.ensure})
      if (const Task* found = task_reading(*nested, param_value)) return found;
  }
  return nullptr;
}

/// The task and `load_var` that give a job its `build.id` (see Lowering::kBuildIdName).
/// The task runs in the image of the first task that reads the id: that task
/// runs the task program, so its image has `sh`, and no other image is pulled.
std::vector<PlanStep> build_id_steps(const ImageResource& image) {
  const std::string name = Lowering::kBuildIdName;
  PlanStep draw;
  draw.kind = PlanStep::Kind::Task;
  draw.task.name = name;
  draw.task.image = image;
  draw.task.outputs.push_back(name);
  draw.task.path = "sh";
  draw.task.args = {"-c", "read -r id < /proc/sys/kernel/random/uuid && printf '%s' \"$id\" > " + name + "/id"};
  PlanStep load;
  load.kind = PlanStep::Kind::LoadVar;
  load.var = name;
  load.file = name + "/id";
  load.reveal = true;
  return {std::move(draw), std::move(load)};
}

PlanStep group(PlanStep::Kind kind, std::vector<PlanStep> steps) {
  if (steps.size() == 1) return std::move(steps.front());
  PlanStep out;
  out.kind = kind;
  out.steps = std::move(steps);
  return out;
}

class JobBuilder {
 public:
  JobBuilder(const ir::Instance& instance, const SourceFacts& facts, Lowering& lowering)
      : instance_(instance), facts_(facts), lowering_(lowering) {}

  /// The steps after the `get`, in order.
  std::vector<PlanStep> steps() {
    std::vector<const ir::Step*> nodes;
    std::map<std::string, size_t> index;
    for (const auto& s : instance_.steps) {
      if (s.is_hook()) continue;
      index[s.id] = nodes.size();
      nodes.push_back(&s);
    }
    if (nodes.empty()) return {};
    std::vector<std::pair<size_t, size_t>> edges;
    for (size_t i = 0; i < nodes.size(); ++i)
      for (const auto& e : nodes[i]->needs)
        if (auto it = index.find(e.from); it != index.end()) edges.push_back({it->second, i});
    SpDecomposition dag = series_parallel(nodes.size(), edges);
    for (const auto& added : dag.added) note_added_waits(*nodes[added.node], added.waits_for, nodes);
    PlanStep root = lower_tree(dag.tree, nodes);
    if (root.kind == PlanStep::Kind::Do && root.timeout.empty() && root.attempts == 0) return std::move(root.steps);
    return {std::move(root)};
  }

 private:
  void note_added_waits(const ir::Step& step, const std::vector<size_t>& waits, const std::vector<const ir::Step*>& nodes) {
    std::string names;
    for (size_t w : waits) names += (names.empty() ? "`" : ", `") + nodes[w]->name + "`";
    Diagnostic d = Diagnostic::make(DiagCode::E0565, step.provenance.decl,
                                    "on Concourse, step `" + step.id + "` also waits for " + names);
    d.label("nested `do` and `in_parallel` cannot express this step DAG exactly");
    d.with_help("the steps still run in a valid order; to keep them apart, make the DAG series-parallel "
                "(e.g. give the steps that share some upstream steps the same `needs`)");
    lowering_.diagnostics.push_back(std::move(d));
  }

  PlanStep lower_tree(const SpNode& node, const std::vector<const ir::Step*>& nodes) {
    if (node.kind == SpNode::Kind::Leaf) return lower_step(*nodes[node.leaf]);
    std::vector<PlanStep> children;
    for (const auto& c : node.children) children.push_back(lower_tree(c, nodes));
    return group(node.kind == SpNode::Kind::Series ? PlanStep::Kind::Do : PlanStep::Kind::InParallel,
                 std::move(children));
  }

  /// The step's task with its hooks, its outputs loaded as build-local vars,
  /// and `try` around both when the step may fail.
  PlanStep lower_step(const ir::Step& step) {
    PlanStep task = lower_task(step, instance_, facts_, lowering_);
    if (auto on_failure = hooks(step.on_failure)) {
      // A failing command marks the build failed; a timeout or a lost worker
      // marks it errored, which only `on_error` sees.
      task.on_failure.push_back(*on_failure);
      task.on_error.push_back(*on_failure);
    }
    if (auto always = hooks(step.always)) task.ensure.push_back(std::move(*always));
    std::vector<PlanStep> sequence;
    sequence.push_back(std::move(task));
    for (const auto& o : step.outputs) {
      const OutputRoute* route = lowering_.route(step.id, o.name);
      if (!route) continue;
      PlanStep load;
      load.kind = PlanStep::Kind::LoadVar;
      load.var = route->var;
      load.file = route->directory + "/" + o.name;
      load.reveal = o.type.kind != ir::TypeKind::Secret;  // load_var values print as ((redacted)) unless revealed
      sequence.push_back(std::move(load));
    }
    PlanStep core = group(PlanStep::Kind::Do, std::move(sequence));
    if (!step.allow_failure) return core;
    PlanStep attempt;
    attempt.kind = PlanStep::Kind::Try;
    attempt.steps.push_back(std::move(core));
    return attempt;
  }

  std::optional<PlanStep> hooks(const std::vector<std::string>& ids) {
    std::vector<PlanStep> tasks;
    for (const auto& id : ids)
      if (const ir::Step* hook = instance_.find_step(id)) tasks.push_back(lower_task(*hook, instance_, facts_, lowering_));
    if (tasks.empty()) return std::nullopt;
    return group(PlanStep::Kind::InParallel, std::move(tasks));
  }

  const ir::Instance& instance_;
  const SourceFacts& facts_;
  Lowering& lowering_;
};

/// Decides whether `instance` runs for `source`; reports E0564 once per
/// condition it cannot decide.
bool runs_for(const ir::Instance& instance, const Source& source, Lowering& lowering, std::set<const ir::Condition*>& reported) {
  if (!instance.when) return true;
  Truth t = decide(*instance.when, source);
  if (t == Truth::Unknown) {
    if (reported.insert(&*instance.when).second)
      lowering.error(DiagCode::E0564, instance.when->span,
                     "the condition of `" + instance.name + "` cannot be decided for Concourse's git resource `" +
                         source.resource + "`")
          .label(source.tag() ? "the resource follows every tag matching `" + source.tag_glob +
                                    "`; the condition holds for some of them only"
                              : "the condition reads a value that differs between commits of one branch")
          .with_help("compare `git.branch` and `git.tag` with the branches and tag globs the workflow triggers on");
    return false;
  }
  return t == Truth::True;
}

}  // namespace

Pipeline plan_pipeline(Lowering& lowering) {
  Pipeline out;
  const ir::Workflow& wf = lowering.workflow;
  std::vector<Source> sources = plan_sources(lowering);
  std::set<const ir::Condition*> reported;
  for (const auto& source : sources) {
    SourceFacts facts{source.branch, source.tag()};
    std::map<std::string, std::string> jobs;  // instance → its job for this source
    for (const ir::Instance* inst : instance_order(wf)) {
      bool upstream_runs = std::all_of(inst->upstream.begin(), inst->upstream.end(), [&](const std::string& up) {
        return jobs.count(up) || !wf.find_instance(up);
      });
      if (!upstream_runs || !runs_for(*inst, source, lowering, reported)) continue;
      Job job;
      job.name = identifier(inst->name) + source.job_suffix;
      jobs[inst->name] = job.name;
      PlanStep get;
      get.kind = PlanStep::Kind::Get;
      get.get = kSourceArtifact;
      get.resource = source.resource;
      // A gated use waits for someone to start its job (`fly trigger-job` or
      // the web UI); the jobs after it trigger as usual once it succeeded.
      get.trigger = source.trigger && !inst->manual;
      for (const auto& up : inst->upstream)
        if (auto it = jobs.find(up); it != jobs.end()) get.passed.push_back(it->second);
      job.plan.push_back(std::move(get));
      std::vector<PlanStep> steps = JobBuilder(*inst, facts, lowering).steps();
      if (const Task* reader = task_reading(steps, std::string("((.:") + Lowering::kBuildIdName + "))"))
        for (auto& step : build_id_steps(reader->image)) job.plan.push_back(std::move(step));
      for (auto& step : steps) job.plan.push_back(std::move(step));
      if (inst->environment) {
        const ir::Value& name = inst->environment->name;
        Needs needs;
        ir::Step reader;
        Text text = compose(name, reader, facts, lowering, needs, name.span.valid() ? name.span : inst->span);
        if (!text.literal() || text.literal_text().empty()) {
          if (source.resource == sources.front().resource)
            lowering.error(DiagCode::E0570, name.span.valid() ? name.span : inst->span,
                           "the environment name of `" + inst->name + "` is not known when compiling for Concourse")
                .label("Concourse has no environments; Slipway keeps deployments to one environment apart with a "
                       "serial group named after it")
                .with_help("name the environment with a literal or a param that has a value");
        } else {
          job.serial_groups.push_back("environment-" + identifier(text.literal_text()));
          std::string url;
          if (inst->environment->url) {
            Text u = compose(*inst->environment->url, reader, facts, lowering, needs, inst->span);
            if (u.literal()) url = " (" + u.literal_text() + ")";
          }
          std::string line = "job `" + job.name + "` deploys to environment `" + text.literal_text() + "`" + url;
          out.header.push_back(line);
        }
      }
      out.jobs.push_back(std::move(job));
    }
    if (jobs.empty()) continue;
    out.resources.push_back({source.resource, lowering.settings.repository, source.tag() ? "" : source.branch,
                             source.tag_glob});
  }
  return out;
}

}  // namespace slipway::backends::concourse
