#include "compiler/lint/render_sarif.h"

#include <cctype>
#include <filesystem>
#include <map>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr const char* kRoot = "%SRCROOT%";

std::string level(Severity severity) { return std::string(severity_name(severity)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Percent-encodes everything but unreserved characters and `/`.
std::string encode_path(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

ordered_json text(const std::string& s) { return ordered_json{{"text", s}}; }

ordered_json rule_descriptor(const std::string& id, const std::string& summary, const std::string& description,
                             Severity severity, const std::string& help_uri) {
  ordered_json rule = ordered_json::object();
  rule["id"] = id;
  rule["shortDescription"] = text(summary);
  rule["fullDescription"] = text(description);
  rule["defaultConfiguration"] = ordered_json{{"level", level(severity)}};
  rule["helpUri"] = help_uri;
  return rule;
}

class SarifWriter {
 public:
  SarifWriter(const SourceManager& sources, const SarifOptions& options) : sources_(sources), options_(options) {}

  ordered_json rules() {
    ordered_json out = ordered_json::array();
    for (const RuleInfo& info : rule_catalog()) {
      std::string id(info.name);
      auto rule = rule_descriptor(id, std::string(info.summary), std::string(info.description), info.default_severity,
                                  options_.docs_base + "docs/lint.md#" + id);
      ordered_json tags = ordered_json::array({"lint"});
      if (info.code) rule["properties"] = ordered_json{{"tags", tags}, {"code", std::string(code_info(*info.code).id)}};
      else rule["properties"] = ordered_json{{"tags", tags}};
      index_[id] = out.size();
      out.push_back(std::move(rule));
    }
    for (const DiagCodeInfo& code : all_codes()) {
      if (code.id.empty() || code.id[0] != 'E') continue;
      std::string id(code.id);
      auto rule = rule_descriptor(id, std::string(code.summary), std::string(code.name) + ": " + std::string(code.summary),
                                  code.default_severity,
                                  options_.docs_base + "docs/diagnostics.md#" + lower(id) + "-" + std::string(code.name));
      rule["name"] = std::string(code.name);
      index_[id] = out.size();
      out.push_back(std::move(rule));
    }
    return out;
  }

  ordered_json result(const Diagnostic& d) {
    ordered_json r = ordered_json::object();
    std::string id = d.display_id();
    r["ruleId"] = id;
    if (auto found = index_.find(id); found != index_.end()) r["ruleIndex"] = found->second;
    r["level"] = level(d.severity);
    std::string message = d.message;
    for (const std::string& note : d.notes) message += "\nnote: " + note;
    if (d.help) message += "\nhelp: " + *d.help;
    r["message"] = text(message);
    r["locations"] = ordered_json::array();
    if (auto loc = location(d.primary, d.primary_label)) r["locations"].push_back(std::move(*loc));
    ordered_json related = ordered_json::array();
    for (const Label& label : d.secondary) {
      auto loc = location(label.span, label.message);
      if (!loc) continue;
      (*loc)["id"] = related.size();
      related.push_back(std::move(*loc));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    return r;
  }

 private:
  std::optional<ordered_json> location(const Span& span, const std::string& message) {
    if (span.file == kNoFile || span.file >= sources_.size()) return std::nullopt;
    ordered_json artifact = ordered_json::object();
    bool relative = false;
    artifact["uri"] = artifact_uri(sources_.file(span.file).path(), options_.working_dir, relative);
    if (relative) artifact["uriBaseId"] = kRoot;
    ordered_json physical = ordered_json::object();
    physical["artifactLocation"] = std::move(artifact);
    if (span.valid()) {
      ordered_json region = ordered_json::object();
      region["startLine"] = span.begin.line;
      region["startColumn"] = span.begin.col;
      SourcePos end = span.end.line >= span.begin.line && span.end.line != 0 ? span.end : span.begin;
      region["endLine"] = end.line;
      region["endColumn"] = std::max<uint32_t>(end.col, 1);
      physical["region"] = std::move(region);
    }
    ordered_json loc = ordered_json::object();
    loc["physicalLocation"] = std::move(physical);
    if (!message.empty()) loc["message"] = text(message);
    return loc;
  }

  const SourceManager& sources_;
  const SarifOptions& options_;
  std::map<std::string, size_t> index_;
};

}  // namespace

std::string artifact_uri(const std::string& path, const std::string& working_dir, bool& relative) {
  fs::path p(path);
  if (p.is_relative()) {
    relative = true;
    return encode_path(p.lexically_normal().generic_string());
  }
  fs::path rel = p.lexically_normal().lexically_relative(fs::path(working_dir).lexically_normal());
  if (!working_dir.empty() && !rel.empty() && *rel.begin() != "..") {
    relative = true;
    return encode_path(rel.generic_string());
  }
  relative = false;
  return "file://" + encode_path(p.lexically_normal().generic_string());
}

nlohmann::ordered_json diagnostics_to_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                                            const SarifOptions& options) {
  SarifWriter writer(sources, options);
  ordered_json driver = ordered_json::object();
  driver["name"] = "slipway";
  driver["version"] = options.tool_version;
  driver["semanticVersion"] = options.tool_version;
  driver["rules"] = writer.rules();

  ordered_json invocation = ordered_json::object();
  invocation["executionSuccessful"] = options.execution_successful;
  invocation["exitCode"] = options.exit_code;
  if (!options.errors.empty()) {
    ordered_json notes = ordered_json::array();
    for (const auto& e : options.errors) notes.push_back(ordered_json{{"level", "error"}, {"message", text(e)}});
    invocation["toolExecutionNotifications"] = std::move(notes);
  }

  ordered_json run = ordered_json::object();
  run["tool"] = ordered_json{{"driver", std::move(driver)}};
  run["invocations"] = ordered_json::array({std::move(invocation)});
  if (!options.working_dir.empty()) {
    std::string root = options.working_dir;
    if (root.back() != '/') root += '/';
    run["originalUriBaseIds"] = ordered_json{{kRoot, ordered_json{{"uri", "file://" + encode_path(root)}}}};
  }
  run["columnKind"] = "unicodeCodePoints";
  ordered_json results = ordered_json::array();
  for (const Diagnostic& d : diags) results.push_back(writer.result(d));
  run["results"] = std::move(results);

  ordered_json log = ordered_json::object();
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ordered_json::array({std::move(run)});
  return log;
}

void render_sarif(std::ostream& out, const SourceManager& sources, const std::vector<Diagnostic>& diags,
                  const SarifOptions& options) {
  out << diagnostics_to_sarif(sources, diags, options).dump(2, ' ', false, ordered_json::error_handler_t::replace)
      << '\n';
}

}  // namespace slipway::lint
