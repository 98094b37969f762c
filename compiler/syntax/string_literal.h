#pragma once
// Decoding string literals: the quotes, the indentation of `"""` strings,
// escapes and `${...}` interpolations. Every character keeps its source
// position, so diagnostics and interpolated expressions point at the file.

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {

/// One piece of a string literal after escapes are decoded.
struct StringPiece {
  bool interpolation = false;
  std::string text;   ///< literal text (decoded); empty for an interpolation
  MappedText source;  ///< an interpolation: the raw text between `${` and `}`
  Span span;          ///< literal: the text it came from; interpolation: `${` through `}`
};

/// The content of a `"..."` token: its text without the quotes.
MappedText string_content(const MappedText& token);

/// The content of a `"""..."""` token: a blank first and last line are
/// dropped, the indentation common to all non-blank lines is removed, blank
/// lines become empty, and lines are joined with "\n".
MappedText triple_string_content(const MappedText& token);

/// Splits decoded content into literal text and interpolations (adjacent
/// literal text is one piece). Reports E0006 for bad escapes and E0007 for
/// empty or unclosed interpolations; the bad part is left out. In `raw`
/// mode (multi-line strings) backslashes are literal, except `\${`.
std::vector<StringPiece> split_string(const MappedText& content, FileId file,
                                      DiagnosticEngine& diags, bool raw = false);

}  // namespace slipway::syntax
