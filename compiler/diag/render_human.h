#pragma once
// The terminal renderer: rustc-style text with source snippets, carets and
// an optional colour mode. Writes to a stream so tests run in memory.

#include <ostream>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/source.h"

namespace slipway {

struct HumanRenderOptions {
  bool color = false;  ///< emit ANSI SGR colour codes
};

/// Writes every diagnostic in the given order, each followed by a blank line,
/// then a summary line ("error: 2 errors, 1 warning emitted") when any error
/// or warning was among them. Writes nothing for an empty list.
void render_human(std::ostream& out, const SourceManager& sources,
                  const std::vector<Diagnostic>& diags, const HumanRenderOptions& opts);

/// The colour decision without touching the process: true only for a
/// terminal, with NO_COLOR unset (nullptr) or empty, and TERM not "dumb".
bool color_allowed(bool is_tty, const char* no_color, const char* term);

/// color_allowed() for file descriptor `fd` and the real environment.
bool should_use_color(int fd);

}  // namespace slipway
