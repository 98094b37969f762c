#pragma once
// Which pipeline instances share a Cloud Build build. A chained instance
// joins the build of its upstream when it would start under the same
// conditions: no gate of its own, and no `when` or the same `when` as the
// build's first instance. Otherwise it gets a build of its own, started by a
// chain step at the end of the upstream build (`gcloud builds triggers run`),
// so it still runs only after its upstream succeeded, on the same commit.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// The most steps one Cloud Build build may have.
inline constexpr size_t kMaxSteps = 300;

struct BuildGroup {
  std::vector<const ir::Instance*> instances;  ///< chain order; the first names the build
  /// Index of the group whose chain step starts this one; nullopt for a
  /// group started by the workflow's own triggers.
  std::optional<size_t> started_by;
  /// Instances of `started_by` the chain step waits for.
  std::vector<std::string> chain_after;

  const ir::Instance& first() const { return *instances.front(); }
  bool chained() const { return started_by.has_value(); }
};

struct BuildPlan {
  std::vector<BuildGroup> groups;
  std::map<std::string, size_t> group_of;  ///< instance name → group index
};

/// Groups the workflow's instances. A use whose upstream instances sit in
/// different builds is reported (E0524); so is an instance too large for one
/// build (E0530).
BuildPlan plan_builds(const ir::Workflow& workflow, std::vector<Diagnostic>& diags);

}  // namespace slipway::backends::cloudbuild
