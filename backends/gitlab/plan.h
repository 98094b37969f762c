#pragma once
// The whole workflow as one GitLab pipeline.
//
// - Stages: one per pipeline instance, in chain order. Every job has
//   `needs` (`needs: []` when nothing comes first), so stages only group
//   jobs in the UI; the DAG decides when each job starts.
// - "b runs after a": b's first jobs (and b's gate) need a's last jobs (steps
//   no other step of a needs) and a's `always` hooks. A DAG job runs only
//   when every job it needs succeeded, so b starts once all of a passed.
// - A `when` condition becomes `rules:if` on every job of the instance and of
//   every instance after it: what waits for a skipped pipeline is skipped
//   too, and `needs` never names a job GitLab left out.
// - A manual gate on a pipeline use is a job `INSTANCE:manual-gate`
//   (`when: manual`, `allow_failure: false`) that the instance's first jobs
//   need; a gate on a step makes that job manual.
// - An environment goes on every job of its instance so that
//   environment-scoped variables and protection apply: the last jobs deploy
//   (name and url), the others `action: prepare`.
// - Hooks: an `on_failure` hook is a `when: on_failure` job that needs its
//   step (and the steps it reads values from); GitLab starts it when one of
//   those failed, so it also runs when a step it reads from fails. An
//   `always` hook is a `when: always` job that needs its step: it runs once
//   the step finished, failed or was skipped.

#include "backends/gitlab/lowering.h"
#include "backends/gitlab/model.h"

namespace slipway::backends::gitlab {

/// Builds every job and pipeline-level section. Reports a job needing more
/// than 50 jobs (E0547) and environments GitLab rejects (E0549, E0548).
Pipeline plan_pipeline(Lowering& lowering);

}  // namespace slipway::backends::gitlab
