#pragma once
// Linting text in memory for the lint tests: the same pipeline as
// `slipway lint` (front end, rules, configuration, suppressions) without
// files or processes.

#include <memory>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace slipway::test {

struct Linted {
  SourceManager sources;
  std::vector<Diagnostic> findings;  ///< sorted, as the CLI prints them
  std::string config_error;          ///< set when the `.slipway.yaml` text is malformed

  /// How many findings `rule` (a rule name, or a code for compiler errors) has.
  size_t count(const std::string& rule) const;
  /// The findings of `rule`.
  std::vector<Diagnostic> of(const std::string& rule) const;
  /// "rule@line:col, ..." for failure messages.
  std::string summary() const;
};

/// Lints `text` as `test.slip`, with `config_yaml` as its `.slipway.yaml`
/// when not empty.
std::unique_ptr<Linted> lint_text(const std::string& text, const std::string& config_yaml = "");

/// Wraps step properties in a one-step workflow: `workflow ci { on push step s { BODY } }`.
std::string one_step(const std::string& body, const std::string& before = "");

}  // namespace slipway::test
