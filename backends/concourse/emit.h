#pragma once
// The pipeline model as `pipeline.yml` text for `fly set-pipeline`.

#include <string>

#include "backends/concourse/model.h"

namespace slipway::backends::concourse {

std::string emit_pipeline(const Pipeline& pipeline, const std::string& header);

}  // namespace slipway::backends::concourse
