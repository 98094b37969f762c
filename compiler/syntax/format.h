#pragma once
// The canonical layout of a .slip file (`slipway fmt`). The formatter only
// changes white space between tokens: the token sequence, every comment and
// so the meaning stay exactly as written. It is idempotent.

#include <optional>
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/parse.h"

namespace slipway {

/// The formatted text of `file`, or nullopt when it does not parse (the
/// diagnostics say why).
[[nodiscard]] std::optional<std::string> format_source(const SourceManager& sources, FileId file,
                                                       DiagnosticEngine& diags,
                                                       const ParseOptions& options = {});

}  // namespace slipway
