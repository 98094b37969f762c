#pragma once
// One step (or hook) as one GitLab job, wired to the steps it needs inside
// its instance. Cross-instance wiring (upstream pipelines, gates, rules,
// environments) is added by the pipeline plan.

#include "backends/gitlab/lowering.h"
#include "backends/gitlab/model.h"

namespace slipway::backends::gitlab {

/// Reports what the job cannot carry: retries above 2 (E0540), a manual
/// step allowed to fail (E0551), an on_failure hook of such a step (E0550),
/// a manual hook (E0555), a literal `$` in the image (E0548), and whatever
/// the script and services report.
Job lower_step_job(const ir::Step& step, const ir::Instance& instance, Lowering& lowering);

/// GitLab's duration text for a timeout, rounded up to whole seconds: `1h 30m`.
std::string gitlab_duration(int64_t milliseconds);

}  // namespace slipway::backends::gitlab
