#pragma once
// The machine-readable renderer: one JSON array, fields in a fixed order so
// that output is stable and diffable.

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/source.h"

namespace slipway {

/// One object per diagnostic, in the given order, with the fields `file`
/// (path or null), `range` ({start: {line, col}, end: {line, col}} or null),
/// `severity`, `code` ("E0001"), `name` ("syntax-error"), `message`, `labels`
/// ([{file, range, message}]), `notes` ([string]), `help` (string or null)
/// and `fix` (null or {range, replacement}). Lines and columns are 1-based;
/// columns count code points.
nlohmann::ordered_json diagnostics_to_json(const SourceManager& sources,
                                           const std::vector<Diagnostic>& diags);

/// diagnostics_to_json() printed with two-space indentation and a final newline.
void render_json(std::ostream& out, const SourceManager& sources,
                 const std::vector<Diagnostic>& diags);

}  // namespace slipway
