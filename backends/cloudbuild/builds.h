#pragma once
// From a workflow's build plan to finished builds: lowers every step, adds
// service and chain steps, orders the steps so each `waitFor` id comes
// earlier, and fills in substitutions, secrets, timeout and tags.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backends/cloudbuild/grouping.h"
#include "backends/cloudbuild/model.h"
#include "backends/cloudbuild/settings.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// A finished build and what the triggers need to know about it.
struct LoweredBuild {
  const BuildGroup* group = nullptr;
  CbBuild build;
  std::string trigger_name;  ///< "release-production"; push triggers add a suffix
  std::vector<std::string> required;  ///< params without a default the build reads
  std::set<std::string> chain_reads;  ///< `_SLIPWAY_GIT_*` substitutions the build reads
};

/// Lowers every build of `plan`.
std::vector<LoweredBuild> lower_builds(const ir::Workflow& workflow, const BuildPlan& plan, const Settings& settings,
                                       std::vector<Diagnostic>& diags);

}  // namespace slipway::backends::cloudbuild
