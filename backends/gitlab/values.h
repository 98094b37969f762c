#pragma once
// Values in two renderings. In a job's script a value is one shell word:
// literal text single-quoted, each reference expanded once by the shell. In
// keywords GitLab or its runner expands (image, services, environment) a
// value is text with `$NAME` references, where a literal `$` cannot be
// written safely.

#include <optional>
#include <string>

#include "backends/gitlab/lowering.h"

namespace slipway::backends::gitlab {

/// The text of a literal scalar (string, int, bool, duration); nullopt when
/// the value has references.
std::optional<std::string> literal_text(const ir::Value& value);

/// One shell word that evaluates to the value. A file secret reads as
/// `"$(cat "${VAR}")"`: its variable holds a path.
std::string shell_word(const ir::Value& value, const Lowering& lowering);

/// Text for a keyword GitLab expands. Flags say what the caller must check.
struct ExpandedText {
  std::string text;
  bool literal_dollar = false;   ///< literal text holds `$`: it would be read as a reference
  bool reads_output = false;     ///< a dotenv value: available only on the runner
  bool reads_runner_only = false;  ///< a runner-only context variable (build.id)
  bool reads_secret = false;
};
ExpandedText expanded_text(const ir::Value& value, const Lowering& lowering);

}  // namespace slipway::backends::gitlab
