#pragma once
// The built-in context on GitLab CI: one table from each context key to the
// predefined variable that carries it, and where GitLab can read it.

#include <string_view>

#include "compiler/ir/ir.h"

namespace slipway::backends::gitlab {

struct ContextVariable {
  ir::ContextKey key;
  std::string_view variable;  ///< "CI_COMMIT_SHA"
  /// Usable in `rules:if` and `environment:` (expanded by GitLab itself). A
  /// "persisted" variable such as CI_PIPELINE_ID exists only on the runner.
  bool known_to_gitlab;
};

/// The predefined variable for `key`.
///
/// | context        | GitLab variable       | note                                   |
/// |----------------|-----------------------|----------------------------------------|
/// | git.sha        | CI_COMMIT_SHA         |                                        |
/// | git.short_sha  | CI_COMMIT_SHORT_SHA   | GitLab's short sha has 8 characters    |
/// | git.branch     | CI_COMMIT_BRANCH      | unset in tag pipelines (reads as "")   |
/// | git.tag        | CI_COMMIT_TAG         | unset in branch pipelines (reads as "")|
/// | build.id       | CI_PIPELINE_ID        | runner-only: not in rules/environment  |
/// | build.number   | CI_PIPELINE_IID       | per-project pipeline counter           |
const ContextVariable& context_variable(ir::ContextKey key);

}  // namespace slipway::backends::gitlab
