#pragma once
// Inline suppressions: `# slipway: ignore[rule-a, rule-b] why this is fine`
// (or `//`) on the line of a finding or on the line above it.

#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/source.h"

namespace slipway::lint {

struct Suppression {
  struct Name {
    std::string name;
    Span span;
  };
  Span span;                ///< the whole comment
  std::vector<Name> rules;  ///< as written (unknown names are kept, to be reported)
  std::string reason;       ///< the text after `]`; empty when none was given
  bool malformed = false;   ///< `slipway: ignore` with no `[...]`
  bool own_line = false;    ///< nothing but white space before the comment

  /// True when a finding whose primary span starts at `at` is covered: on
  /// the comment's line, or on the next one for a comment on a line of its own.
  bool covers(const Span& at) const {
    return at.file == span.file && (at.begin.line == span.begin.line || (own_line && at.begin.line == span.begin.line + 1));
  }
};

/// Every `slipway: ignore` comment of `file` (whose text is in `sources`).
std::vector<Suppression> read_suppressions(const ast::File& file, const SourceManager& sources);

}  // namespace slipway::lint
