#pragma once
// The comment after the generated header: how to run the file, and what the
// user supplies from outside it (secrets, params, approvals), since
// wercker.yml itself has no place for them.

#include <string>
#include <vector>

#include "backends/wercker/lowering.h"
#include "backends/wercker/model.h"

namespace slipway::backends::wercker {

std::vector<std::string> header_lines(const Lowering& lowering, const File& file,
                                      const std::vector<const ir::Instance*>& order);

}  // namespace slipway::backends::wercker
