#pragma once
// The syntax adapter: ANTLR parse tree in, our AST out. ANTLR types never
// leave compiler/syntax; everything downstream sees only ast::File and
// diagnostics.

#include <memory>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace slipway {

struct ParseOptions {
  /// Files above this size are refused with E0013 before lexing.
  size_t max_file_bytes = 16u << 20;  // ANTLR keeps every token: ~80 B of memory per input byte
  /// Deeper bracket nesting is refused with E0005 before parsing, so the
  /// recursive-descent parser cannot overflow the stack.
  unsigned max_nesting = 128;
};

/// Parses one file of `sources`. Every problem becomes a diagnostic in
/// `diags`. Returns the AST, or null when the file had syntax errors (the
/// diagnostics then say why); never throws on bad input.
[[nodiscard]] std::unique_ptr<ast::File> parse_file(const SourceManager& sources, FileId file,
                                                    DiagnosticEngine& diags,
                                                    const ParseOptions& options = {});

}  // namespace slipway
