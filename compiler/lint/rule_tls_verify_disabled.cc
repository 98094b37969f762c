// tls-verify-disabled: a command or env var turns off TLS certificate checks.

#include <array>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "tls-verify-disabled", Severity::Error, "a command or env var turns off TLS certificate verification",
    "Without certificate checks anyone on the network path can impersonate the server: a download can "
    "be swapped and credentials sent to it are captured. Flags: `curl -k`/`--insecure`, `wget "
    "--no-check-certificate`, `git -c http.sslVerify=false`, `--insecure-skip-tls-verify`, "
    "`--skip-tls-verify`, `--tls-verify=false`, `--no-verify-ssl`, `pip --trusted-host`, `npm config "
    "set strict-ssl false`; env vars `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, "
    "`PYTHONHTTPSVERIFY=0`, `NPM_CONFIG_STRICT_SSL=false`."};

constexpr std::array<std::string_view, 6> kAnyProgramFlags = {
    "--insecure-skip-tls-verify", "--insecure-skip-tls-verify=true", "--skip-tls-verify", "--tls-verify=false",
    "--no-verify-ssl", "--trusted-host"};

/// True when NAME=VALUE (an env var or a shell assignment) disables checks.
bool insecure_env(std::string_view name, std::string_view value) {
  if (name == "GIT_SSL_NO_VERIFY") return !value.empty();
  if (name == "NODE_TLS_REJECT_UNAUTHORIZED" || name == "PYTHONHTTPSVERIFY") return value == "0";
  if (name == "NPM_CONFIG_STRICT_SSL" || name == "npm_config_strict_ssl") return value == "false";
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The index of the offending word of `c`, or npos.
size_t insecure_word(const ShellCommand& c) {
  std::string_view program = program_name(c);
  size_t start = program_index(c);
  for (size_t i = 0; i < c.words.size(); ++i) {
    std::string_view w = c.words[i].text;
    size_t eq = w.find('=');
    if (eq != std::string_view::npos && insecure_env(w.substr(0, eq), w.substr(eq + 1))) return i;
    if (i <= start) continue;
    if (program == "curl" && (w == "--insecure" || has_short_flag(w, 'k'))) return i;
    if (program == "wget" && w == "--no-check-certificate") return i;
    if (program == "git" && lower(w).find("http.sslverify") != std::string::npos) {
      if (lower(w).find("=false") != std::string::npos) return i;
      if (i + 1 < c.words.size() && lower(c.words[i + 1].text) == "false") return i;
    }
    if (program == "npm" && w == "strict-ssl" && i + 1 < c.words.size() && c.words[i + 1].text == "false") return i;
    for (std::string_view flag : kAnyProgramFlags)
      if (w == flag || (flag == "--trusted-host" && w.rfind("--trusted-host=", 0) == 0)) return i;
  }
  return std::string::npos;
}

class TlsVerifyDisabled : public Rule {
 public:
  TlsVerifyDisabled() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const ir::Step& step = view.step();
    std::string what = "this step";
    for (const auto& e : step.env)
      if (!e.secret && insecure_env(e.name, value_text(e.value))) return found(ctx, e.span, what, e.name + "=" + value_text(e.value));
    for (const Command& c : view.commands()) {
      size_t word = insecure_word(c.shell);
      if (word == std::string::npos) continue;
      std::string shown = std::string(program_name(c.shell));
      const std::string& w = c.shell.words[word].text;
      shown = word > program_index(c.shell) ? shown + " " + w : w;
      return found(ctx, view.span_of(c, word), what, shown);
    }
  }

  void visit_service(const ir::Service& service, const StepView&, LintContext& ctx) override {
    for (const auto& e : service.env)
      if (!e.secret && insecure_env(e.name, value_text(e.value)))
        return found(ctx, e.span, "service `" + service.alias + "`", e.name + "=" + value_text(e.value));
  }

 private:
  void found(LintContext& ctx, Span at, const std::string& what, const std::string& shown) {
    report(ctx, at, what + " turns off TLS certificate verification with `" + shown + "`")
        .label("anyone on the network path can impersonate the server")
        .with_help("trust the server's CA instead (e.g. `curl --cacert ca.pem`, or add it with `update-ca-certificates`)");
  }
};

}  // namespace

std::unique_ptr<Rule> make_tls_verify_disabled() { return std::make_unique<TlsVerifyDisabled>(); }

}  // namespace slipway::lint
