#pragma once
// Local values of a workflow's secrets. Sources, first match wins:
//   1. --secret NAME=env:VAR | NAME=file:PATH
//   2. --secrets-file FILE (NAME=VALUE lines, # comments)
//   3. the secret's `local env = "VAR"` / `local file = "PATH"` binding
//   4. the environment variable named after the secret, upper-cased
//   5. a `.slipway-secrets` file next to the workflow (NAME=VALUE lines):
//      demo values that apply only when nothing above gives one
// Values never reach a command line, a label or an image; see docker_runner.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/result.h"

namespace slipway::runtime {

struct SecretSources {
  std::vector<std::string> cli;  ///< NAME=env:VAR or NAME=file:PATH
  std::string secrets_file;      ///< optional path
  std::string fallback_file;     ///< optional path, read only when it exists
};

/// The fallback file's name, looked for beside the workflow file.
inline constexpr const char* kFallbackSecretsFile = ".slipway-secrets";

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// The process environment, for EnvLookup.
std::optional<std::string> process_env(const std::string& name);

class SecretStore {
 public:
  const std::string* find(const std::string& name) const;
  void set(const std::string& name, std::string value) { values_[name] = std::move(value); }
  const std::map<std::string, std::string>& values() const { return values_; }
  /// Names whose value came from the fallback file.
  std::vector<std::string> from_fallback;

 private:
  std::map<std::string, std::string> values_;
};

/// Every secret name read by `steps` (env vars, files, service env).
std::set<std::string> secrets_used(const std::vector<const ir::Step*>& steps);

/// Loads the values of `needed`. An error names the secret, where it was
/// looked for, and how to provide it.
[[nodiscard]] Result<SecretStore, RunError> load_secrets(const ir::Workflow& workflow,
                                                         const std::set<std::string>& needed,
                                                         const SecretSources& sources, const EnvLookup& env);

}  // namespace slipway::runtime
