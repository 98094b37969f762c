#pragma once
// Conditions and triggers as GitLab CI/CD variable expressions (`rules:if`,
// `workflow:rules`). GitLab expressions have no `!`, so negation is pushed
// down to the comparisons. Globs follow fnmatch(3) without flags, as the
// local runtime does: `*` and `?` match any character, `/` included;
// `[...]` is a bracket expression. An empty or unset value (no tag) never
// matches a glob.

#include <string>
#include <vector>

#include "backends/gitlab/lowering.h"

namespace slipway::backends::gitlab {

struct RuleExpression {
  enum class Kind { Always, Never, If } kind = Kind::Always;
  std::string text;  ///< for If
};

/// The conjunction of `conditions` (an instance's and its upstreams').
/// Reports `build.id` in a condition (E0552): GitLab rules cannot read it.
RuleExpression rule_expression(const std::vector<const ir::Condition*>& conditions, Lowering& lowering);

/// One `workflow:rules` `if:` per trigger pattern; empty when no trigger can fire.
std::vector<std::string> workflow_rules(const std::vector<ir::Trigger>& triggers);

/// An anchored RE2 pattern literal for a glob: `release/*` → `/^release\/[^\/]*$/`.
std::string glob_regex(const std::string& glob);

}  // namespace slipway::backends::gitlab
