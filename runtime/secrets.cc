#include "runtime/secrets.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace slipway::runtime {
namespace {

std::optional<std::string> read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string expand_home(const std::string& path, const EnvLookup& env) {
  if (path.rfind("~/", 0) == 0)
    if (auto home = env("HOME")) return *home + path.substr(1);
  return path;
}

std::string upper(const std::string& name) {
  std::string out;
  for (char c : name) out += isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(toupper(c)) : '_';
  return out;
}

/// A string secret read from a file loses its final newline; a file secret is kept byte for byte.
std::string from_file(std::string text, bool is_file) {
  if (!is_file)
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void collect(const ir::Value& value, std::set<std::string>& out) {
  for (const auto& r : value.refs())
    if (r.kind == ir::Ref::Kind::Secret) out.insert(r.name);
}

Result<Ok, RunError> parse_secrets_file(const std::string& text, const std::string& path,
                                       std::map<std::string, std::string>& out) {
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) return fail(RunError{path + ":" + std::to_string(number) + ": expected NAME=VALUE", ""});
    out[line.substr(start, eq - start)] = line.substr(eq + 1);
  }
  return Ok{};
}

}  // namespace

std::optional<std::string> process_env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  return v ? std::optional<std::string>(v) : std::nullopt;
}

const std::string* SecretStore::find(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

std::set<std::string> secrets_used(const std::vector<const ir::Step*>& steps) {
  std::set<std::string> out;
  for (const ir::Step* s : steps) {
    for (const auto& e : s->env) collect(e.value, out);
    for (const auto& f : s->files) collect(f.value, out);
    for (const auto& svc : s->services)
      for (const auto& e : svc.env) collect(e.value, out);
  }
  return out;
}

Result<SecretStore, RunError> load_secrets(const ir::Workflow& workflow, const std::set<std::string>& needed,
                                           const SecretSources& sources, const EnvLookup& env) {
  SecretStore store;
  std::map<std::string, std::string> cli;
  for (const auto& spec : sources.cli) {
    auto eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    std::string source = eq == std::string::npos ? "" : spec.substr(eq + 1);
    if (eq == std::string::npos || (source.rfind("env:", 0) != 0 && source.rfind("file:", 0) != 0))
      return fail(RunError{"`--secret " + spec + "`: expected NAME=env:VAR or NAME=file:PATH", ""});
    if (!workflow.find_secret(name))
      return fail(RunError{"`--secret " + spec + "`: the workflow has no secret `" + name + "`", ""});
    cli[name] = source;
  }
  std::map<std::string, std::string> file_values, fallback_values;
  if (!sources.secrets_file.empty()) {
    auto text = read_whole(sources.secrets_file);
    if (!text) return fail(RunError{"cannot read secrets file `" + sources.secrets_file + "`", ""});
    auto parsed = parse_secrets_file(*text, sources.secrets_file, file_values);
    if (!parsed) return fail(parsed.error());
  }
  if (!sources.fallback_file.empty())
    if (auto text = read_whole(sources.fallback_file)) {
      auto parsed = parse_secrets_file(*text, sources.fallback_file, fallback_values);
      if (!parsed) return fail(parsed.error());
    }
  for (const auto& name : needed) {
    const ir::Secret* secret = workflow.find_secret(name);
    bool is_file = secret && secret->is_file;
    std::string help = "pass --secret " + name + "=env:VAR or --secret " + name +
                       "=file:PATH, or list it in a --secrets-file";
    auto from_source = [&](const std::string& kind, const std::string& where,
                           const std::string& origin) -> Result<Ok, RunError> {
      if (kind == "env") {
        auto v = env(where);
        if (!v) return fail(RunError{"secret `" + name + "` has no local value: environment variable `" + where +
                                         "` is not set (" + origin + ")",
                                     "export " + where + "=..., or " + help});
        store.set(name, *v);
      } else {
        std::string path = expand_home(where, env);
        auto v = read_whole(path);
        if (!v) return fail(RunError{"secret `" + name + "` has no local value: cannot read `" + path + "` (" +
                                         origin + ")",
                                     help});
        store.set(name, from_file(*v, is_file));
      }
      return Ok{};
    };
    if (auto it = cli.find(name); it != cli.end()) {
      auto colon = it->second.find(':');
      auto r = from_source(it->second.substr(0, colon), it->second.substr(colon + 1), "from --secret");
      if (!r) return fail(r.error());
      continue;
    }
    if (auto it = file_values.find(name); it != file_values.end()) {
      store.set(name, it->second);
      continue;
    }
    // The binding (or the default env var); the fallback file when that is unset.
    std::string kind = "env", where = upper(name), origin = "the default for an unbound secret";
    if (secret) {
      auto binding = secret->bindings.find("local");
      if (binding != secret->bindings.end() &&
          (binding->second.qualifier.empty() || binding->second.qualifier == "env" ||
           binding->second.qualifier == "file")) {
        kind = binding->second.qualifier.empty() ? "env" : binding->second.qualifier;
        where = binding->second.value;
        origin = "its `local` binding";
      }
    }
    auto r = from_source(kind, where, origin);
    if (r) continue;
    if (auto it = fallback_values.find(name); it != fallback_values.end()) {
      store.set(name, it->second);
      store.from_fallback.push_back(name);
      continue;
    }
    return fail(r.error());
  }
  return store;
}

}  // namespace slipway::runtime
