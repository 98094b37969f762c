#pragma once
// Secrets: Secret Manager versions declared in `availableSecrets` and handed
// to steps with `secretEnv`. A step env var that is exactly one secret keeps
// its own name (`secretEnv: [KEY]`); when a name would stand for two
// different secrets in one build, or the secret is composed with other text
// or written to a file, it is declared as SLIPWAY_SECRET_<NAME> and the
// step's wrapper moves it where it belongs.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "backends/cloudbuild/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// The Secret Manager version a secret is read from: the `cloudbuild`
/// binding, or projects/$PROJECT_ID/secrets/<name with dashes>/versions/latest.
std::string secret_version_name(const ir::Secret& secret);

/// Reports `cloudbuild` bindings that are not version names (E0527).
void check_secret_bindings(const ir::Workflow& workflow, std::vector<Diagnostic>& diags);

/// The env name a secret has when a wrapper has to move it.
std::string indirect_secret_env(const std::string& secret);

/// The secrets one build declares.
class SecretTable {
 public:
  explicit SecretTable(const ir::Workflow& workflow) : workflow_(workflow) {}

  /// Records that some step wants env var `key` to be `secret`; call for
  /// every such env var of the build before `direct_name`.
  void note_direct(const std::string& key, const std::string& secret);
  /// True when `key` stands for this one secret everywhere in the build.
  bool can_be_direct(const std::string& key, const std::string& secret) const;
  /// Declares `secret` under `key`; returns `key`.
  std::string use_direct(const std::string& key, const std::string& secret);
  /// The env name a wrapper reads `secret` from: one the build declares
  /// already, else SLIPWAY_SECRET_<NAME> (declared now).
  /// `taken`: env names the step sets otherwise, which cannot be reused.
  std::string use_indirect(const std::string& secret, const std::set<std::string>& taken = {});

  /// `availableSecrets.secretManager`, in order of first use.
  const std::vector<CbSecret>& entries() const { return entries_; }

 private:
  void add(const std::string& env, const std::string& secret);

  const ir::Workflow& workflow_;
  std::map<std::string, std::set<std::string>> key_secrets_;
  std::set<std::string> declared_;
  std::vector<std::pair<std::string, std::string>> env_secret_;  ///< declared env → secret, in order
  std::vector<CbSecret> entries_;
};

}  // namespace slipway::backends::cloudbuild
