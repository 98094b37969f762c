#include "backends/gitlab/environment.h"

#include <algorithm>
#include <regex>

#include "backends/gitlab/values.h"

namespace slipway::backends::gitlab {
namespace {

bool name_char(char c) {
  return isalnum(static_cast<unsigned char>(c)) || std::string_view("_-./ ${}").find(c) != std::string_view::npos;
}

Diagnostic& env_error(Lowering& lowering, const ir::Value& v, const ir::Environment& env, std::string message) {
  Span at = v.span.valid() ? v.span : env.name.span;
  return lowering.error(DiagCode::E0549, at, std::move(message));
}

bool check_common(const ExpandedText& text, const ir::Value& v, const ir::Environment& env, const char* what,
                  Lowering& lowering) {
  bool ok = true;
  if (text.literal_dollar) {
    lowering.error(DiagCode::E0548, v.span.valid() ? v.span : env.name.span,
                   std::string("a literal `$` in an environment ") + what + " would be read as a GitLab variable")
        .label("GitLab expands `$NAME` here and offers no escape for it")
        .with_help("write the environment without `$`");
    ok = false;
  }
  if (text.reads_runner_only) {
    env_error(lowering, v, env, std::string("GitLab CI cannot put `build.id` in an environment ") + what)
        .label("CI_PIPELINE_ID exists only on the runner; GitLab names environments before")
        .with_help("use `build.number` (CI_PIPELINE_IID) instead");
    ok = false;
  }
  if (text.text.size() > 255) {
    env_error(lowering, v, env, std::string("environment ") + what + " is longer than GitLab's 255 characters")
        .with_help("shorten it");
    ok = false;
  }
  return ok;
}

}  // namespace

std::optional<EnvironmentText> lower_environment(const ir::Environment& env, Lowering& lowering) {
  EnvironmentText out;
  ExpandedText name = expanded_text(env.name, lowering);
  bool ok = check_common(name, env.name, env, "name", lowering);
  std::string literal;
  for (const auto& p : env.name.parts)
    if (!p.ref) literal += p.text;
  if (auto text = literal_text(env.name)) literal = *text;
  if (ok && !std::all_of(literal.begin(), literal.end(), name_char)) {
    env_error(lowering, env.name, env, "`" + name.text + "` is not a GitLab environment name")
        .label("GitLab allows letters, digits, spaces and `_-./{}` in environment names")
        .with_help("use a name like \"production\" or \"review/eu-1\"");
    ok = false;
  }
  if (ok && (name.text.empty() || name.text.front() == '/' || name.text.back() == '/')) {
    env_error(lowering, env.name, env, "`" + name.text + "` is not a GitLab environment name")
        .label("a GitLab environment name is not empty and neither starts nor ends with `/`")
        .with_help("drop the leading or trailing `/`");
    ok = false;
  }
  out.name = name.text;
  if (env.url) {
    ExpandedText url = expanded_text(*env.url, lowering);
    bool url_ok = check_common(url, *env.url, env, "url", lowering);
    static const std::regex kUrl(R"(^(https?://.+|\$[A-Za-z]).*)");
    if (url_ok && !std::regex_match(url.text, kUrl)) {
      env_error(lowering, *env.url, env, "`" + url.text + "` is not an environment url GitLab accepts")
          .label("GitLab takes an http:// or https:// url here")
          .with_help("write the full url, e.g. \"https://staging.example.com\"");
      url_ok = false;
    }
    ok &= url_ok;
    out.url = url.text;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace slipway::backends::gitlab
