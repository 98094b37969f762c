#include "runtime/docker/secret_delivery.h"

namespace slipway::runtime::docker {
namespace {

bool is_identifier(const std::string& name) {
  if (name.empty() || isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

}  // namespace

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Result<SecretDelivery, RunError> deliver_secrets(const std::vector<std::string>& argv, const EnvList& secret_env,
                                                 const std::vector<FileSpec>& secret_files) {
  if (argv.empty())
    return fail(RunError{"cannot pass secrets: neither the step nor its image names a command", ""});
  SecretDelivery d;
  // printf and export are shell builtins: no value is ever an argument of a
  // new process (visible in /proc), and nothing is written outside the tmpfs.
  d.entrypoint = {"sh", "-c",
                  "eval \"$(cat)\" || { echo 'slipway: could not place secrets' >&2; exit 125; }; "
                  "exec \"$@\" </dev/null",
                  "slipway"};
  d.cmd = argv;
  for (const auto& [name, value] : secret_env) {
    if (!is_identifier(name))
      return fail(RunError{"env name `" + name + "` cannot carry a secret: it is not a shell identifier", ""});
    d.stdin_script += "export " + name + "=" + shell_quote(value) + "\n";
  }
  int index = 0;
  for (const auto& f : secret_files) {
    std::string stored = std::string(kSecretsTmpfs) + "/" + std::to_string(index++);
    d.stdin_script += "printf '%s' " + shell_quote(f.content) + " > " + stored + " && chmod 0400 " + stored +
                      " && mkdir -p " + shell_quote(parent_of(f.path)) + " && ln -sf " + stored + " " +
                      shell_quote(f.path) + " || exit 1\n";
  }
  return d;
}

}  // namespace slipway::runtime::docker
