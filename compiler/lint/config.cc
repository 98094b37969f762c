#include "compiler/lint/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "compiler/lint/rules.h"
#include "compiler/sema/modules.h"

namespace slipway::lint {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFileName = ".slipway.yaml";

std::string where(const std::string& path, const YAML::Mark& mark) {
  return path + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

/// Reads a level; `out` nullopt means off. False for an unknown word.
bool parse_level(const std::string& text, std::optional<Severity>& out) {
  if (text == "off") { out.reset(); return true; }
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Note}) {
    if (text == severity_name(s)) { out = s; return true; }
  }
  return false;
}

std::vector<std::string> rule_names() {
  std::vector<std::string> names;
  for (const auto& info : rule_catalog()) names.emplace_back(info.name);
  return names;
}

/// The canonical name of `name`, or null after recording an unknown-rule finding.
const RuleInfo* known(const YAML::Node& key, const std::string& name, FileId file, const SourceManager& sources,
                      LintConfig& out) {
  if (const RuleInfo* info = find_rule(name)) return info;
  const SourceFile& source = sources.file(file);
  size_t at = key.Mark().pos >= 0 ? static_cast<size_t>(key.Mark().pos) : 0;
  Span span{file, source.position(at), source.position(at + name.size())};
  auto d = Diagnostic::make(DiagCode::L0001, span, "`" + name + "` is not a lint rule");
  d.rule = std::string(kUnknownRule.name);
  d.severity = kUnknownRule.default_severity;
  d.label("this setting does nothing");
  if (auto near = closest_match(name, rule_names())) d.with_help("did you mean `" + *near + "`?");
  else d.with_help("the rules are listed in docs/lint.md");
  out.problems.push_back(std::move(d));
  return nullptr;
}

}  // namespace

std::optional<Severity> LintConfig::level(const std::string& rule, Severity default_level) const {
  auto found = levels.find(rule);
  return found == levels.end() ? std::optional<Severity>(default_level) : found->second;
}

bool parse_config(const std::string& path, FileId file, const SourceManager& sources, LintConfig& out,
                  std::string& error) {
  out.path = path;
  YAML::Node root;
  try {
    root = YAML::Load(sources.file(file).text());
  } catch (const YAML::Exception& e) {
    error = where(path, e.mark) + ": " + e.msg;
    return false;
  }
  if (!root || root.IsNull()) return true;
  if (!root.IsMap()) {
    error = where(path, root.Mark()) + ": expected a mapping with `rules` and/or `disable`";
    return false;
  }
  try {
    for (const auto& entry : root) {
      std::string key = entry.first.as<std::string>();
      const YAML::Node& value = entry.second;
      if (key == "rules") {
        if (value.IsNull()) continue;
        if (!value.IsMap()) {
          error = where(path, value.Mark()) + ": `rules` maps rule names to error, warning, note or off";
          return false;
        }
        for (const auto& rule : value) {
          std::string name = rule.first.as<std::string>();
          std::string text = rule.second.IsScalar() ? rule.second.as<std::string>() : "";
          std::optional<Severity> level;
          if (!parse_level(text, level)) {
            error = where(path, rule.second.Mark()) + ": `" + name + "` must be error, warning, note or off";
            return false;
          }
          if (const RuleInfo* info = known(rule.first, name, file, sources, out)) out.levels[std::string(info->name)] = level;
        }
      } else if (key == "disable") {
        if (value.IsNull()) continue;
        if (!value.IsSequence()) {
          error = where(path, value.Mark()) + ": `disable` is a list of rule names";
          return false;
        }
        for (const auto& item : value) {
          std::string name = item.as<std::string>();
          if (const RuleInfo* info = known(item, name, file, sources, out)) out.levels[std::string(info->name)] = std::nullopt;
        }
      } else {
        error = where(path, entry.first.Mark()) + ": unknown key `" + key + "` (expected `rules` or `disable`)";
        return false;
      }
    }
  } catch (const YAML::Exception& e) {
    error = where(path, e.mark) + ": " + e.msg;
    return false;
  }
  return true;
}

const LintConfig* ConfigCache::for_directory(const std::string& dir, std::string& error) {
  std::error_code ec;
  fs::path start = fs::absolute(dir.empty() ? "." : dir, ec).lexically_normal();
  std::string key = start.string();
  auto cached = nearest_.find(key);
  if (cached == nearest_.end()) {
    std::string found;
    for (fs::path p = start; !p.empty(); p = p.parent_path()) {
      if (fs::is_regular_file(p / kFileName, ec)) {
        found = (p / kFileName).string();
        break;
      }
      if (p == p.parent_path()) break;
    }
    cached = nearest_.emplace(key, found).first;
  }
  if (cached->second.empty()) return nullptr;
  const Entry& entry = load(cached->second);
  error = entry.error;
  return entry.config.get();
}

const ConfigCache::Entry& ConfigCache::load(const std::string& path) {
  auto found = loaded_.find(path);
  if (found != loaded_.end()) return found->second;
  Entry entry;
  // Shown relative to the working directory when it is below it.
  std::error_code ec;
  fs::path shown = fs::proximate(path, ec);
  std::string display = ec || shown.empty() ? path : shown.string();
  std::string text;
  if (!read_text_file(path, text, entry.error)) return loaded_.emplace(path, std::move(entry)).first->second;
  FileId file = sources_.add(display, std::move(text));
  auto config = std::make_unique<LintConfig>();
  if (parse_config(display, file, sources_, *config, entry.error)) entry.config = std::move(config);
  return loaded_.emplace(path, std::move(entry)).first->second;
}

}  // namespace slipway::lint
