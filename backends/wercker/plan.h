#pragma once
// The workflow as wercker.yml.
//
// - Every non-hook step is a pipeline named after it (`build.image` →
//   `build-image`), whose box is the step's image. Its first script step is
//   the step itself; when another pipeline follows, a second one copies the
//   workspace to $WERCKER_OUTPUT_DIR, which becomes the next pipeline's
//   source.
// - Hooks are the `after-steps` of their step's pipeline, so they run in its
//   box (E0581 warns when the hook names another image).
// - The pipelines form one chain in dependency order: pipeline uses after
//   the ones they wait for, steps after the steps they need. The CLI runs a
//   workflow's pipelines one at a time, so the chain loses no parallelism the
//   CLI would give, and in a chain every pipeline sees every earlier
//   pipeline's files and values (with several `requires`, only one upstream
//   output would arrive). E0580 notes steps that could have run in parallel.
// - A `when` condition guards the steps of its pipeline use and of every use
//   after it; a gate on a pipeline use is checked by its first step.

#include "backends/wercker/lowering.h"
#include "backends/wercker/model.h"

namespace slipway::backends::wercker {

File plan_file(Lowering& lowering);

}  // namespace slipway::backends::wercker
