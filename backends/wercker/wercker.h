#pragma once
// Wercker backend: one workflow in, one `wercker.yml` out, for the
// open-source `wercker` CLI. A Wercker pipeline runs all its steps in one
// container (its `box`), so every Slipway step becomes its own pipeline and
// its hooks become that pipeline's `after-steps`. The step DAG becomes one
// `workflows:` entry whose pipelines form a chain in dependency order: the
// CLI runs a workflow's pipelines one at a time anyway, and in a chain each
// pipeline's output directory (the whole workspace plus the values steps
// wrote) is the next one's source.

#include <vector>

#include "backends/backend.h"

namespace slipway::backends {

/// Lowers the program's single workflow (E0501 when there are several). No
/// I/O; with any error the output holds diagnostics and no files.
BackendOutput compile_wercker(const ir::Program& program, const BackendOptions& options);

/// How Wercker expresses each concept, in all_concepts() order.
const std::vector<Capability>& wercker_capabilities();

}  // namespace slipway::backends
