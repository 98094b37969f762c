#pragma once
// Emitting strings into YAML that every consumer reads back exactly. The
// targets parse YAML 1.1 (Ruby Psych, go-yaml v2), where `yes`, `on`, `010`
// and `1e3` are not strings, so anything that is not plainly a string is
// quoted; multi-line text becomes a literal block.

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace slipway::backends {

/// True when `text` would be read back as the same string if emitted as a
/// plain (unquoted) YAML 1.1 scalar.
bool is_plain_safe(std::string_view text);

/// True when `text` is multi-line text that a `|` literal block carries
/// exactly (one final line break, no trailing blanks, no control characters).
bool is_literal_safe(std::string_view text);

/// Emits `text` as a YAML string scalar: plain when safe, a literal block for
/// multi-line text that a block can carry exactly, double-quoted otherwise.
void emit_string(YAML::Emitter& out, const std::string& text);

}  // namespace slipway::backends
