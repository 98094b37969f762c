#pragma once
// Writes one build config file.

#include <string>

#include "backends/cloudbuild/model.h"

namespace slipway::backends::cloudbuild {

/// The YAML text of `build`, starting with `header`.
std::string build_yaml(const CbBuild& build, const std::string& header);

}  // namespace slipway::backends::cloudbuild
