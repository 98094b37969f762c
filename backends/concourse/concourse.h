#pragma once
// Concourse backend: one workflow in, one `pipeline.yml` out, for `fly
// set-pipeline`. The source repository is a `git` resource; each pipeline
// instance is a job whose plan gets the source and runs the steps as tasks,
// nested in `do`/`in_parallel` to keep the step DAG's parallelism. Values
// between steps travel through `load_var`; secrets stay in the credential
// manager and reach tasks as `((name))` params.

#include <vector>

#include "backends/backend.h"

namespace slipway::backends {

/// Lowers the program's single workflow (E0501 when there are several). No
/// I/O; with any error the output holds diagnostics and no files.
BackendOutput compile_concourse(const ir::Program& program, const BackendOptions& options);

/// How Concourse expresses each concept, in all_concepts() order.
const std::vector<Capability>& concourse_capabilities();

}  // namespace slipway::backends
