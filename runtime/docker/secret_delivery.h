#pragma once
// How secrets reach a container without ever appearing in its config
// (`docker inspect` shows Env, Cmd and Labels) or in a layer: the container
// starts with a small sh prelude as its entrypoint, reads a generated script
// from stdin (env exports and files written to a tmpfs), evaluates it, then
// execs the real command. The script travels only over the attach stream.

#include <string>
#include <vector>

#include "runtime/result.h"
#include "runtime/runner.h"

namespace slipway::runtime::docker {

/// Where secret files live (a tmpfs); the declared paths are symlinks into it.
inline constexpr const char* kSecretsTmpfs = "/run/slipway-secrets";

struct SecretDelivery {
  std::vector<std::string> entrypoint;  ///< sh -c PRELUDE slipway
  std::vector<std::string> cmd;         ///< the real argv
  std::string stdin_script;             ///< written to stdin after start, then stdin is closed
};

/// Wraps `argv` (the full command: entrypoint then arguments). Errors: an
/// empty argv, an env name that is not a shell identifier.
[[nodiscard]] Result<SecretDelivery, RunError> deliver_secrets(const std::vector<std::string>& argv,
                                                               const EnvList& secret_env,
                                                               const std::vector<FileSpec>& secret_files);

/// Single-quotes for sh: it's → 'it'\''s'.
std::string shell_quote(const std::string& text);

}  // namespace slipway::runtime::docker
