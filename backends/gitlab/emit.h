#pragma once
// The pipeline model as `.gitlab-ci.yml` text. Every user-derived string goes
// through YamlWriter::string (emit_string's rules), so YAML 1.1 readers
// (GitLab's Psych) read it back exactly; output is byte-stable for the same
// model.

#include <string>

#include "backends/gitlab/model.h"

namespace slipway::backends::gitlab {

/// The YAML document, starting with `header_line` and the model's comments.
std::string emit_pipeline(const Pipeline& pipeline, const std::string& header_line);

}  // namespace slipway::backends::gitlab
