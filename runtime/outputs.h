#pragma once
// The outputs protocol: a step appends `name=value` lines (or the heredoc
// form `name<<DELIM` ... `DELIM` for multi-line values) to $SLIPWAY_OUTPUTS;
// after it exits the runtime parses the file and checks every declared
// output against its type.

#include <map>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/result.h"

namespace slipway::runtime {

using OutputValues = std::map<std::string, std::string>;

/// Parses the file's text; the last write of a name wins. Undeclared names
/// are kept (and ignored by dependents). An error describes a malformed line.
[[nodiscard]] Result<OutputValues, RunError> parse_outputs_file(const std::string& text);

/// Checks `values` against the declarations: every declared output present
/// and well-typed. The error lists each problem, e.g.
/// `output `count` must be an int, found "abc"`.
[[nodiscard]] Result<Ok, RunError> check_outputs(const OutputValues& values, const std::vector<ir::OutputDecl>& decls);

/// True when `text` is a valid value of a scalar type (int, bool, duration, string).
bool value_has_type(const std::string& text, ir::TypeKind type);

}  // namespace slipway::runtime
