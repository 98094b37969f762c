#pragma once
// Google Cloud Build backend: one build config file per build (a pipeline
// instance, plus the chained instances that run under the same trigger
// conditions), and one multi-document `cloudbuild-triggers.yaml` for
// `gcloud builds triggers import --source=cloudbuild-triggers.yaml`.
//
// Settings (`--set KEY=VALUE`):
//   cloudbuild.repository=projects/P/locations/L/connections/C/repositories/R
//       the 2nd-gen repository the triggers watch;
//   cloudbuild.github=OWNER/NAME   a 1st-gen GitHub App repository instead;
//   cloudbuild.dir=PATH            where the build files live in the repository;
//   cloudbuild.service_account=projects/P/serviceAccounts/EMAIL   for triggers;
//   cloudbuild.gcloud_image=IMAGE, cloudbuild.docker_image=IMAGE
//       the images of the steps Slipway adds (chain and service steps).

#include <vector>

#include "backends/backend.h"

namespace slipway::backends {

/// Lowers every workflow of `program` to Cloud Build files. No I/O.
BackendOutput compile_cloudbuild(const ir::Program& program, const BackendOptions& options);

/// One entry per Concept, in all_concepts() order.
const std::vector<Capability>& cloudbuild_capabilities();

}  // namespace slipway::backends
