#pragma once
// The workflow as Concourse jobs: one job per pipeline instance and source
// resource (sources.h). A job gets the source, then runs the instance's step
// DAG as nested `do`/`in_parallel` (series_parallel.h); chained instances
// wait through `passed:`, gated ones lack `trigger: true`.

#include "backends/concourse/lowering.h"
#include "backends/concourse/model.h"

namespace slipway::backends::concourse {

Pipeline plan_pipeline(Lowering& lowering);

}  // namespace slipway::backends::concourse
