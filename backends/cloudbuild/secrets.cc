#include "backends/cloudbuild/secrets.h"

#include <cctype>
#include <regex>

namespace slipway::backends::cloudbuild {

std::string secret_version_name(const ir::Secret& secret) {
  auto it = secret.bindings.find("cloudbuild");
  if (it != secret.bindings.end()) return it->second.value;
  std::string id;
  for (char c : secret.name) id += c == '_' ? '-' : c;
  return "projects/$PROJECT_ID/secrets/" + id + "/versions/latest";
}

void check_secret_bindings(const ir::Workflow& workflow, std::vector<Diagnostic>& diags) {
  static const std::regex version(R"(^projects/[^/]+/secrets/[A-Za-z0-9_-]+/versions/[^/]+$)");
  // `$` may only start a built-in substitution that names the project; the
  // binding is Cloud Build text, so it is written as the user gave it.
  static const std::regex dollar(R"(\$(\$|PROJECT_ID\b|PROJECT_NUMBER\b|\{PROJECT_ID\}|\{PROJECT_NUMBER\}))");
  for (const auto& secret : workflow.secrets) {
    auto it = secret.bindings.find("cloudbuild");
    if (it == secret.bindings.end()) continue;
    const std::string& text = it->second.value;
    std::string rest = std::regex_replace(text, dollar, "x");
    if (!std::regex_match(text, version) || rest.find('$') != std::string::npos)
      diags.push_back(Diagnostic::make(DiagCode::E0527, it->second.span,
                                       "the `cloudbuild` binding of secret `" + secret.name +
                                           "` is not a Secret Manager version name")
                          .note("Cloud Build reads secrets by version: projects/PROJECT/secrets/NAME/versions/VERSION, "
                                "where `$PROJECT_ID` may stand for the build's project")
                          .with_help("write e.g. cloudbuild = \"projects/$PROJECT_ID/secrets/" + secret.name +
                                     "/versions/latest\""));
  }
}

std::string indirect_secret_env(const std::string& secret) {
  std::string out = "SLIPWAY_SECRET_";
  for (char c : secret) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return out;
}

void SecretTable::note_direct(const std::string& key, const std::string& secret) { key_secrets_[key].insert(secret); }

bool SecretTable::can_be_direct(const std::string& key, const std::string& secret) const {
  auto it = key_secrets_.find(key);
  return it != key_secrets_.end() && it->second.size() == 1 && *it->second.begin() == secret;
}

std::string SecretTable::use_direct(const std::string& key, const std::string& secret) {
  add(key, secret);
  return key;
}

std::string SecretTable::use_indirect(const std::string& secret, const std::set<std::string>& taken) {
  // A name the build already declares for this secret serves every step.
  for (const auto& [env, name] : env_secret_)
    if (name == secret && !taken.count(env)) return env;
  std::string env = indirect_secret_env(secret);
  add(env, secret);
  return env;
}

void SecretTable::add(const std::string& env, const std::string& secret) {
  if (!declared_.insert(env).second) return;
  env_secret_.emplace_back(env, secret);
  const ir::Secret* s = workflow_.find_secret(secret);
  entries_.push_back(CbSecret{s ? secret_version_name(*s) : "", env});
}

}  // namespace slipway::backends::cloudbuild
