#pragma once
// The `--set cloudbuild.*` settings, parsed once and validated.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace slipway::backends::cloudbuild {

struct Settings {
  /// 2nd-gen repository resource the triggers watch, or empty.
  std::string repository;
  /// 1st-gen GitHub App repository as owner and name, or empty.
  std::string github_owner, github_name;
  /// Directory of the generated build files inside the repository ("" = root).
  std::string dir;
  std::string service_account;
  std::string gcloud_image = "gcr.io/google.com/cloudsdktool/cloud-sdk:slim";
  std::string docker_image = "gcr.io/cloud-builders/docker";

  /// `cloudbuild.dir` joined with a file name: the trigger's `filename`.
  std::string repo_path(const std::string& file) const;
};

/// Reads the `cloudbuild.*` keys of `raw`; other targets' keys are ignored.
/// Unknown or malformed keys are reported as E0533.
Settings parse_settings(const std::map<std::string, std::string>& raw, std::vector<Diagnostic>& diags);

}  // namespace slipway::backends::cloudbuild
