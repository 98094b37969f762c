#include "tests/backends/cloudbuild_harness.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>

namespace slipway::test {
namespace {

bool name_char(char c, bool first) {
  return std::isupper(static_cast<unsigned char>(c)) || c == '_' || (!first && std::isdigit(static_cast<unsigned char>(c)));
}

/// Walks `text`, calling `on_ref` for each reference and `on_text` for the rest.
template <typename Ref, typename Text>
void scan(const std::string& text, std::string* problem, Ref on_ref, Text on_text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      on_text(std::string(1, text[i]));
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      on_text("$");
      ++i;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      size_t end = text.find('}', i);
      if (end == std::string::npos) {
        if (problem) *problem = "unclosed ${ in: " + text;
        return;
      }
      on_ref(text.substr(i + 2, end - i - 2));
      i = end;
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && name_char(text[j], j == i + 1)) ++j;
    if (j == i + 1) {
      if (problem) *problem = "bare $ in: " + text;
      on_text("$");
      continue;
    }
    on_ref(text.substr(i + 1, j - i - 1));
    i = j - 1;
  }
}

std::string str(const YAML::Node& n) { return n && n.IsScalar() ? n.as<std::string>() : ""; }

void collect_strings(const YAML::Node& n, std::vector<std::string>& out) {
  if (!n) return;
  if (n.IsScalar()) out.push_back(n.as<std::string>());
  if (n.IsSequence()) for (const auto& i : n) collect_strings(i, out);
  if (n.IsMap()) for (const auto& kv : n) collect_strings(kv.second, out);
}

}  // namespace

const std::vector<std::string>& cloudbuild_builtins() {
  static const std::vector<std::string> names = {
      "PROJECT_ID", "BUILD_ID", "PROJECT_NUMBER", "LOCATION", "TRIGGER_NAME", "COMMIT_SHA", "REVISION_ID",
      "SHORT_SHA", "REPO_NAME", "REPO_FULL_NAME", "BRANCH_NAME", "TAG_NAME", "REF_NAME",
      "TRIGGER_BUILD_CONFIG_PATH", "SERVICE_ACCOUNT_EMAIL", "SERVICE_ACCOUNT"};
  return names;
}

std::vector<std::string> substitution_refs(const std::string& text, std::string* problem) {
  std::vector<std::string> out;
  scan(text, problem, [&](const std::string& name) { out.push_back(name); }, [](const std::string&) {});
  return out;
}

std::string substitute(const std::string& text, const std::map<std::string, std::string>& values, std::string* problem) {
  std::string out;
  scan(
      text, problem,
      [&](const std::string& name) {
        auto it = values.find(name);
        if (it == values.end()) {
          if (problem) *problem = "unknown substitution " + name;
          return;
        }
        out += it->second;
      },
      [&](const std::string& t) { out += t; });
  return out;
}

std::vector<std::string> check_build_file(const std::string& path, const std::string& text) {
  std::vector<std::string> problems;
  auto fail = [&](const std::string& p) { problems.push_back(path + ": " + p); };
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const std::exception& e) {
    fail(std::string("does not parse: ") + e.what());
    return problems;
  }
  std::set<std::string> declared;
  for (const auto& kv : root["substitutions"]) {
    std::string key = kv.first.as<std::string>();
    if (!std::regex_match(key, std::regex("_[A-Z0-9_]+"))) fail("substitution key " + key);
    declared.insert(key);
  }
  std::set<std::string> known(cloudbuild_builtins().begin(), cloudbuild_builtins().end());
  known.insert(declared.begin(), declared.end());
  std::set<std::string> read;
  auto check_text = [&](const std::string& t, const std::string& where) {
    std::string problem;
    for (const auto& r : substitution_refs(t, &problem)) {
      read.insert(r);
      // A param without a default is read but not declared: it must be given.
      if (!known.count(r) && r.rfind('_', 0) != 0) fail(where + ": unknown substitution $" + r);
    }
    if (!problem.empty()) fail(where + ": " + problem);
  };
  std::set<std::string> ids;
  std::set<std::string> secret_env_used;
  if (!root["steps"] || !root["steps"].IsSequence() || root["steps"].size() == 0) fail("no steps");
  for (const auto& step : root["steps"]) {
    std::string id = str(step["id"]);
    if (id.empty()) fail("a step without id");
    if (str(step["name"]).empty()) fail(id + ": no name");
    if (step["script"] && (step["args"] || step["entrypoint"])) fail(id + ": script mixed with args/entrypoint");
    if (!step["waitFor"] || !step["waitFor"].IsSequence()) fail(id + ": no waitFor (would wait for every step)");
    for (const auto& w : step["waitFor"]) {
      std::string dep = w.as<std::string>();
      if (dep == "-" && step["waitFor"].size() != 1) fail(id + ": '-' mixed with ids");
      if (dep != "-" && !ids.count(dep)) fail(id + ": waitFor " + dep + " is not an earlier step");
    }
    if (!ids.insert(id).second) fail(id + ": duplicate id");
    for (const char* key : {"id", "name", "entrypoint", "dir"}) check_text(str(step[key]), id + "." + key);
    for (const char* key : {"args", "env", "secretEnv", "waitFor"})
      for (const auto& item : step[key]) check_text(item.as<std::string>(), id + "." + key);
    for (const auto& e : step["secretEnv"]) secret_env_used.insert(e.as<std::string>());
    if (step["timeout"] && !std::regex_match(str(step["timeout"]), std::regex(R"(\d+(\.\d{1,9})?s)")))
      fail(id + ": bad timeout");
    for (const auto& kv : step) {
      static const std::set<std::string> keys = {"id", "name", "waitFor", "entrypoint", "args", "script", "env",
                                                 "secretEnv", "dir", "timeout", "allowFailure"};
      if (!keys.count(kv.first.as<std::string>())) fail(id + ": unexpected key " + kv.first.as<std::string>());
    }
  }
  for (const auto& kv : root["substitutions"]) check_text(str(kv.second), "substitutions");
  for (const auto& t : root["tags"]) check_text(t.as<std::string>(), "tags");
  std::set<std::string> secret_env_declared;
  for (const auto& s : root["availableSecrets"]["secretManager"]) {
    std::string env = str(s["env"]);
    if (!secret_env_declared.insert(env).second) fail("secret env " + env + " declared twice");
    if (!secret_env_used.count(env)) fail("secret env " + env + " is used by no step");
    check_text(str(s["versionName"]), "availableSecrets");
    if (!std::regex_match(str(s["versionName"]), std::regex(R"(projects/[^/]+/secrets/[^/]+/versions/[^/]+)")))
      fail("versionName " + str(s["versionName"]));
  }
  for (const auto& e : secret_env_used)
    if (!secret_env_declared.count(e)) fail("secretEnv " + e + " is not in availableSecrets");
  for (const auto& d : declared)
    if (!read.count(d)) fail("substitution " + d + " is declared but never read (MUST_MATCH fails)");
  if (str(root["options"]["substitutionOption"]) != "MUST_MATCH") fail("substitutionOption is not MUST_MATCH");
  if (root["timeout"] && !std::regex_match(str(root["timeout"]), std::regex(R"(\d+(\.\d{1,9})?s)")))
    fail("bad build timeout");
  for (const auto& t : root["tags"])
    if (!std::regex_match(t.as<std::string>(), std::regex(R"([\w][\w.-]{0,127})"))) fail("bad tag");
  return problems;
}

std::vector<std::string> check_triggers_file(const std::string& text, const std::vector<std::string>& build_files) {
  std::vector<std::string> problems;
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const std::exception& e) {
    return {std::string("triggers file does not parse: ") + e.what()};
  }
  static const std::set<std::string> keys = {"name", "description", "repositoryEventConfig", "github", "filename",
                                             "sourceToBuild", "gitFileSource", "substitutions", "approvalConfig",
                                             "serviceAccount"};
  std::set<std::string> names;
  for (const auto& doc : docs) {
    std::string name = str(doc["name"]);
    auto fail = [&](const std::string& p) { problems.push_back("trigger " + name + ": " + p); };
    if (!std::regex_match(name, std::regex("[a-z0-9][a-z0-9-]{0,62}[a-z0-9]"))) fail("bad name");
    if (!names.insert(name).second) fail("duplicate name");
    for (const auto& kv : doc)
      if (!keys.count(kv.first.as<std::string>())) fail("unknown key " + kv.first.as<std::string>());
    bool event = doc["repositoryEventConfig"] || doc["github"];
    bool manual = doc["sourceToBuild"] && doc["gitFileSource"];
    if (event == manual) fail("neither a push nor a manual trigger");
    std::string file = event ? str(doc["filename"]) : str(doc["gitFileSource"]["path"]);
    std::string base = file.substr(file.rfind('/') + 1);
    if (std::find(build_files.begin(), build_files.end(), base) == build_files.end())
      fail("build file " + file + " was not generated");
    if (event) {
      const YAML::Node push = doc["repositoryEventConfig"] ? doc["repositoryEventConfig"]["push"] : doc["github"]["push"];
      if (!push || (push["branch"] && push["tag"]) || (!push["branch"] && !push["tag"])) fail("push needs one of branch/tag");
      std::string re = push["branch"] ? str(push["branch"]) : str(push["tag"]);
      try {
        std::regex compiled(re, std::regex::extended);
      } catch (const std::exception&) {
        fail("regex does not compile: " + re);
      }
    }
    if (doc["approvalConfig"] && !doc["approvalConfig"]["approvalRequired"].as<bool>()) fail("approval false");
    for (const auto& kv : doc["substitutions"])
      if (!std::regex_match(kv.first.as<std::string>(), std::regex("_[A-Z0-9_]+"))) fail("substitution key");
  }
  return problems;
}

}  // namespace slipway::test
