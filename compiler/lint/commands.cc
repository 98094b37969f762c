#include "compiler/lint/commands.h"

#include <array>

namespace slipway::lint {
namespace {

/// A program and up to two words that must follow it (in any order; a
/// trailing `*` matches a prefix).
struct Pattern {
  std::string_view program;
  std::string_view first;
  std::string_view second = {};
};

constexpr Pattern kDeploys[] = {
    {"kubectl", "apply"},    {"kubectl", "create"},      {"kubectl", "replace"},
    {"kubectl", "set"},      {"kubectl", "rollout"},     {"kubectl", "patch"},
    {"kubectl", "scale"},    {"kubectl", "delete"},      {"helm", "install"},
    {"helm", "upgrade"},     {"helm", "rollback"},       {"helm", "uninstall"},
    {"gcloud", "deploy"},    {"terraform", "apply"},     {"terraform", "destroy"},
    {"tofu", "apply"},       {"pulumi", "up"},           {"aws", "deploy"},
    {"aws", "update-service"}, {"aws", "update-function-code"}, {"az", "deploy"},
    {"az", "deployment"},    {"docker", "stack", "deploy"}, {"flyctl", "deploy"},
    {"fly", "deploy"},       {"serverless", "deploy"},   {"sls", "deploy"},
    {"cdk", "deploy"},       {"firebase", "deploy"},     {"netlify", "deploy"},
    {"vercel", "--prod"},    {"argocd", "app", "sync"},  {"skaffold", "run"},
    {"skaffold", "deploy"},  {"kamal", "deploy"},        {"cap", "deploy"},
};

constexpr Pattern kOneShot[] = {
    {"npm", "publish"},      {"yarn", "publish"},        {"yarn", "npm", "publish"},
    {"pnpm", "publish"},     {"twine", "upload"},        {"gem", "push"},
    {"cargo", "publish"},    {"poetry", "publish"},      {"uv", "publish"},
    {"mvn", "deploy"},       {"gradle", "publish*"},     {"gradlew", "publish*"},
    {"gh", "release", "create"}, {"goreleaser", "release"}, {"npx", "semantic-release"},
    {"dotnet", "nuget", "push"}, {"nuget", "push"},      {"kubectl", "create"},
    {"helm", "install"},     {"gcloud", "create"},       {"glab", "release", "create"},
};

bool word_matches(std::string_view word, std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '*') return word.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return word == pattern;
}

bool has_matching_word(const ShellCommand& command, size_t from, std::string_view pattern) {
  for (size_t i = from; i < command.words.size(); ++i)
    if (word_matches(command.words[i].text, pattern)) return true;
  return false;
}

template <size_t N>
std::string match(const ShellCommand& command, const Pattern (&table)[N]) {
  std::string_view program = program_name(command);
  if (program.empty()) return {};
  size_t after = program_index(command) + 1;
  for (const Pattern& p : table) {
    if (p.program != program || !has_matching_word(command, after, p.first)) continue;
    if (!p.second.empty() && !has_matching_word(command, after, p.second)) continue;
    std::string out(program);
    out += " " + std::string(p.first);
    if (!p.second.empty()) out += " " + std::string(p.second);
    if (out.back() == '*') out.pop_back();
    return out;
  }
  return {};
}

/// `curl -X POST`, `--data ...`, `-F ...`: an HTTP request that is not
/// idempotent by the HTTP rules.
std::string curl_post(const ShellCommand& command) {
  if (program_name(command) != "curl") return {};
  const auto& w = command.words;
  for (size_t i = program_index(command) + 1; i < w.size(); ++i) {
    std::string_view word = w[i].text;
    bool method = word == "-X" || word == "--request";
    if (method && i + 1 < w.size() && (w[i + 1].text == "POST" || w[i + 1].text == "PATCH")) return "curl -X " + w[i + 1].text;
    if (word == "-XPOST" || word == "--request=POST") return "curl -X POST";
    if (word == "-d" || word.rfind("--data", 0) == 0 || word == "-F" || word == "--form") return "curl " + std::string(word);
  }
  return {};
}

}  // namespace

std::string deploy_action(const ShellCommand& command) {
  std::string found = match(command, kDeploys);
  if (!found.empty()) return found;
  std::string_view program = program_name(command);
  // A script of the project's own named after deploying: ./deploy.sh, bin/deploy-app.
  if (program.find("deploy") != std::string_view::npos) return std::string(command.words[program_index(command)].text);
  return {};
}

std::string one_shot_action(const ShellCommand& command) {
  std::string found = match(command, kOneShot);
  return found.empty() ? curl_post(command) : found;
}

}  // namespace slipway::lint
