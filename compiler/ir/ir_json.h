#pragma once
// The IR as JSON, for `slipway ir --json`, golden tests and other tools.
// Field order is fixed (ordered_json), so output is byte-stable.

#include <nlohmann/json.hpp>

#include "compiler/diag/source.h"
#include "compiler/ir/ir.h"

namespace slipway::ir {

/// Spans print as "path:line:col"; `sources` maps file ids to paths.
nlohmann::ordered_json to_json(const Program& program, const SourceManager& sources);

}  // namespace slipway::ir
