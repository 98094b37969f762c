#pragma once
// An instance's environment as GitLab `environment:` text. GitLab expands
// variables in the name and url itself, before any runner is involved.

#include <optional>
#include <string>

#include "backends/gitlab/lowering.h"

namespace slipway::backends::gitlab {

struct EnvironmentText {
  std::string name;
  std::optional<std::string> url;
};

/// Reports a name GitLab rejects (characters other than letters, digits,
/// `_-./ ${}`, a leading or trailing `/`, over 255 characters), a url that
/// is not http(s), `build.id` in either (E0549), and a literal `$` (E0548).
std::optional<EnvironmentText> lower_environment(const ir::Environment& env, Lowering& lowering);

}  // namespace slipway::backends::gitlab
