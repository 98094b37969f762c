#pragma once
// wercker.yml text from the model. Every step property is written as a YAML
// string: the CLI turns anything else (floats, lists) into "" silently.

#include <string>

#include "backends/wercker/model.h"

namespace slipway::backends::wercker {

std::string emit_file(const File& file, const std::string& generated_header);

}  // namespace slipway::backends::wercker
