#pragma once
// Shell text for step code. Every value becomes one shell word: literal text
// single-quoted, each reference a double-quoted variable expansion, so no
// value is ever parsed as shell syntax.

#include <string>

#include "backends/wercker/lowering.h"

namespace slipway::backends::wercker {

/// `text` as one POSIX shell word (unquoted only when plainly safe).
std::string shell_quote(const std::string& text);

/// One shell word that evaluates to `value`.
std::string shell_word(const ir::Value& value, const Lowering& lowering);

}  // namespace slipway::backends::wercker
