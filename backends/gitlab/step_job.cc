#include "backends/gitlab/step_job.h"

#include <algorithm>

#include "backends/gitlab/outputs.h"
#include "backends/gitlab/services.h"
#include "backends/gitlab/step_script.h"
#include "backends/gitlab/values.h"

namespace slipway::backends::gitlab {
namespace {

void add_need(Job& job, const std::string& name, bool artifacts) {
  auto it = std::find_if(job.needs.begin(), job.needs.end(), [&](const Need& n) { return n.job == name; });
  if (it == job.needs.end()) job.needs.push_back({name, artifacts});
  else it->artifacts |= artifacts;
}

/// True when `step` reads an output of `producer` that travels (has a key).
bool reads_from(const ir::Step& step, const std::string& producer, const Lowering& lowering) {
  bool found = false;
  for_each_value(step, [&](const ir::Value& v, Span) {
    for (const auto& r : v.refs())
      found |= r.kind == ir::Ref::Kind::Output && r.step == producer && !lowering.output_var(r.step, r.name).empty();
  });
  return found;
}

void check_gates_and_failure(const ir::Step& step, const ir::Instance& instance, Lowering& lowering) {
  Span decl = step.provenance.decl;
  if (step.is_hook() && step.manual) {
    lowering.error(DiagCode::E0555, step.manual->span.valid() ? step.manual->span : decl,
                   "hook `" + step.id + "` cannot wait for approval on GitLab CI")
        .label("a GitLab job runs either when approved or when its step ends, not both")
        .with_help("remove `manual` from the hook");
  }
  if (step.manual && step.allow_failure) {
    lowering.error(DiagCode::E0551, step.manual->span.valid() ? step.manual->span : decl,
                   "manual step `" + step.id + "` may fail, so it cannot block its pipeline on GitLab CI")
        .label("GitLab treats a manual job that may fail as optional: later jobs would not wait for approval")
        .with_help("drop `allow_failure` from the step, or drop `manual`");
  }
  if (step.allow_failure) {
    for (const auto& hook_id : step.on_failure) {
      const ir::Step* hook = instance.find_step(hook_id);
      lowering.error(DiagCode::E0550, hook ? hook->provenance.decl : decl,
                     "on_failure hook `" + hook_id + "` would never run on GitLab CI")
          .label("step `" + step.id + "` may fail, and GitLab counts a failure it allows as a success")
          .with_help("drop `allow_failure` from `" + step.name + "`, or make the hook `always` and check the result "
                     "in its script");
    }
  }
  if (step.retry > 2) {
    lowering.error(DiagCode::E0540, decl, "step `" + step.id + "` retries " + std::to_string(step.retry) +
                                              " times, but GitLab CI retries a job at most twice")
        .label("GitLab's `retry` takes 0, 1 or 2")
        .with_help("use `retry 2`, or loop inside the step's script for more attempts");
  }
}

}  // namespace

std::string gitlab_duration(int64_t milliseconds) {
  int64_t seconds = (milliseconds + 999) / 1000;
  std::string out;
  auto part = [&](int64_t value, const char* unit) {
    if (value == 0) return;
    out += (out.empty() ? "" : " ") + std::to_string(value) + unit;
  };
  part(seconds / 3600, "h");
  part(seconds / 60 % 60, "m");
  part(seconds % 60, "s");
  return out.empty() ? "1s" : out;
}

Job lower_step_job(const ir::Step& step, const ir::Instance& instance, Lowering& lowering) {
  Job job;
  job.name = lowering.jobs.for_step(step.id);
  job.stage = instance.name;
  check_gates_and_failure(step, instance, lowering);

  ExpandedText image = expanded_text(step.image, lowering);
  if (image.literal_dollar) {
    lowering.error(DiagCode::E0548, step.image.span.valid() ? step.image.span : step.provenance.decl,
                   "a literal `$` in the image of step `" + step.id + "` would be read as a GitLab variable")
        .label("the GitLab runner expands `$NAME` in `image` and offers no escape for it")
        .with_help("name the image without `$`");
  }
  job.image = image.text;

  StepScript script = lower_step_script(step, lowering);
  job.script = std::move(script.script);
  job.variables = std::move(script.variables);
  job.clear_entrypoint = script.clear_entrypoint;
  job.services = lower_services(step, lowering);

  if (step.is_hook()) add_need(job, lowering.jobs.for_step(step.hook_of), reads_from(step, step.hook_of, lowering));
  for (const auto& e : step.needs) add_need(job, lowering.jobs.for_step(e.from), reads_from(step, e.from, lowering));

  if (step.hook_kind == ir::HookKind::OnFailure) job.when = When::OnFailure;
  else if (step.hook_kind == ir::HookKind::Always) job.when = When::Always;
  else if (step.manual) {
    job.when = When::Manual;
    job.manual_confirmation = step.manual->message;
  }
  job.allow_failure = step.allow_failure;
  if (step.timeout_ms) job.timeout = gitlab_duration(*step.timeout_ms);
  job.retry = std::min<int64_t>(step.retry, 2);
  for (const auto& o : step.outputs)
    if (!lowering.output_var(step.id, o.name).empty()) job.dotenv = dotenv_file(step.id);
  // GitLab uploads dotenv reports of failed jobs too, so on_failure hooks can
  // read what the step wrote before it failed.
  bool hooks_read = false;
  for (const auto& hook_id : step.on_failure)
    if (const ir::Step* hook = instance.find_step(hook_id)) hooks_read |= reads_from(*hook, step.id, lowering);
  if (hooks_read && !job.dotenv.empty()) {
    job.after_script.push_back({"", {kFunctionsJob, "script"}});
    job.after_script.push_back({outputs_after_failure_line(step, lowering), {}});
  }
  return job;
}

}  // namespace slipway::backends::gitlab
