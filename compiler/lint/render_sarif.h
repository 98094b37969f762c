#pragma once
// The SARIF 2.1.0 renderer for `slipway lint --format sarif` (code scanning
// in GitHub, GitLab and IDEs). Stable rule ids: the rule name for lint
// findings ("mutable-image-tag", "unused-param"), the code for compiler
// errors ("E0301"). Every rule of the catalog and every error code is
// described in tool.driver.rules, with a helpUri into docs/lint.md or
// docs/diagnostics.md.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace slipway::lint {

struct SarifOptions {
  std::string tool_version = "0.0.0";
  /// Prefix of every helpUri. Empty (the default): repository-relative URIs
  /// such as `docs/lint.md#mutable-image-tag`; set an absolute base such as
  /// `https://example.com/slipway/` for viewers that need one.
  std::string docs_base;
  /// The directory artifact URIs are relative to (absolute); used for
  /// run.originalUriBaseIds["%SRCROOT%"].
  std::string working_dir;
  bool execution_successful = true;
  int exit_code = 0;
  std::vector<std::string> errors;  ///< reported as toolExecutionNotifications
};

/// One SARIF log with one run.
nlohmann::ordered_json diagnostics_to_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                                            const SarifOptions& options);

/// diagnostics_to_sarif() printed with two-space indentation and a final newline.
void render_sarif(std::ostream& out, const SourceManager& sources, const std::vector<Diagnostic>& diags,
                  const SarifOptions& options);

/// `path` as a URI reference relative to `working_dir` when it lies below it
/// ("ci/a%20b.slip"), else an absolute `file://` URI. `relative` tells which.
std::string artifact_uri(const std::string& path, const std::string& working_dir, bool& relative);

}  // namespace slipway::lint
