#pragma once
// Where jobs get the source from. A Concourse `git` resource follows one
// branch, or the tags matching one glob, and knows nothing else about a
// commit. So the pipeline has one resource per thing the workflow's
// triggers watch (the configured branch, each tag glob), every pipeline
// instance a job per resource it runs for, and `when` conditions are decided
// per resource when compiling: a condition holds for all commits of a
// resource, or for none.

#include <optional>
#include <string>
#include <vector>

#include "backends/concourse/lowering.h"

namespace slipway::backends::concourse {

struct Source {
  std::string resource;    ///< the git resource's name
  std::string job_suffix;  ///< "" for the branch resource, `-tags` (`-tags-2`, ...) for tag resources
  std::string branch;      ///< branch resource: the branch followed
  std::string tag_glob;    ///< tag resource: the glob its `tag_filter` takes
  bool trigger = false;    ///< a push trigger watches it: new commits start jobs
  bool tag() const { return !tag_glob.empty(); }
};

/// The resources the workflow's triggers call for, branch resource first.
/// A workflow without triggers runs on every push to the branch.
std::vector<Source> plan_sources(Lowering& lowering);

enum class Truth { False, True, Unknown };

/// Decides `condition` for every commit of `source`; Unknown when it holds
/// for some commits and not others (a condition on the commit sha, or on a
/// tag glob that differs from the resource's).
Truth decide(const ir::Condition& condition, const Source& source);

}  // namespace slipway::backends::concourse
