#pragma once
// The language's glob patterns for branches and tags (language.md,
// "Triggers"): `*` matches any characters except `/`, `**` any characters
// including `/`, `?` one character other than `/`; every other character is
// literal. One definition, so that `slipway run` and every backend agree on
// which refs a pattern selects.

#include <string>

namespace slipway::ir {

/// True when `text` matches `glob` in full.
bool glob_matches(const std::string& glob, const std::string& text);

/// An unanchored regex matching exactly what `glob` matches, in the syntax
/// RE2 and POSIX extended regexes share (`[^/]*`, `.*`, `\.`).
std::string glob_regex(const std::string& glob);

/// True when `pattern` holds a wildcard (else it names one ref exactly).
bool has_wildcard(const std::string& pattern);

}  // namespace slipway::ir
