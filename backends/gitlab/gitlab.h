#pragma once
// GitLab CI backend: one workflow in, one `.gitlab-ci.yml` out. Each step
// becomes a job (named `INSTANCE:STEP`), each pipeline instance a stage, and
// `needs` carries the exact step DAG. Values between steps travel as dotenv
// reports; secrets stay in GitLab CI/CD variables, listed in the header.

#include <vector>

#include "backends/backend.h"

namespace slipway::backends {

/// Lowers the program's single workflow (E0501 when there are several). No
/// I/O; with any error the output holds diagnostics and no files.
BackendOutput compile_gitlab(const ir::Program& program, const BackendOptions& options);

/// How GitLab CI expresses each concept, in all_concepts() order.
const std::vector<Capability>& gitlab_capabilities();

}  // namespace slipway::backends
