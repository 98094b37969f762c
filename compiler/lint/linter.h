#pragma once
// Linting one file: parse it and its imports, run every semantic check
// (a file with no workflow, such as a template library, is fine), run the
// lint rules over the IR, then apply the project's configuration and the
// file's suppressions.

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/lint/config.h"

namespace slipway::lint {

struct LintOptions {
  std::vector<std::string> include_dirs;  ///< `-I DIR`, searched in order
};

struct FileResult {
  /// Set when the file could not be read, or its `.slipway.yaml` is broken
  /// (exit status 2); one line, no location prefix of its own.
  std::string error;
  std::vector<Diagnostic> findings;  ///< compiler diagnostics and lint findings
};

/// Lints `text` as the file `path` (imports resolve against its directory)
/// under `config` (may be null). Used by lint_file and by tests.
[[nodiscard]] std::vector<Diagnostic> lint_source(const std::string& path, std::string text, SourceManager& sources,
                                                  const LintConfig* config, const LintOptions& options);

/// Lints the file at `path`. Sources of the file, its imports and its
/// configuration are added to `sources`; findings point into them.
[[nodiscard]] FileResult lint_file(const std::string& path, SourceManager& sources, ConfigCache& configs,
                                   const LintOptions& options);

}  // namespace slipway::lint
