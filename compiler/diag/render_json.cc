#include "compiler/diag/render_json.h"

namespace slipway {

namespace {

using nlohmann::ordered_json;

bool known_file(const SourceManager& sources, const Span& span) {
  return span.file != kNoFile && span.file < sources.size();
}

/// The path even when the span has no line (a diagnostic about a whole file).
ordered_json file_json(const SourceManager& sources, const Span& span) {
  if (!known_file(sources, span)) return nullptr;
  return sources.file(span.file).path();
}

ordered_json position_json(SourcePos pos) {
  ordered_json json = ordered_json::object();
  json["line"] = pos.line;
  json["col"] = pos.col;
  return json;
}

ordered_json range_json(const SourceManager& sources, const Span& span) {
  if (!span.valid() || !known_file(sources, span)) return nullptr;
  ordered_json json = ordered_json::object();
  json["start"] = position_json(span.begin);
  json["end"] = position_json(span.end);
  return json;
}

ordered_json diagnostic_json(const SourceManager& sources, const Diagnostic& diag) {
  const DiagCodeInfo& info = code_info(diag.code);
  ordered_json json = ordered_json::object();
  json["file"] = file_json(sources, diag.primary);
  json["range"] = range_json(sources, diag.primary);
  json["severity"] = severity_name(diag.severity);
  json["code"] = diag.display_id();
  json["name"] = diag.rule.empty() ? std::string(info.name) : diag.rule;
  json["message"] = diag.message;
  json["labels"] = ordered_json::array();
  for (const Label& label : diag.secondary) {
    ordered_json entry = ordered_json::object();
    entry["file"] = file_json(sources, label.span);
    entry["range"] = range_json(sources, label.span);
    entry["message"] = label.message;
    json["labels"].push_back(std::move(entry));
  }
  json["notes"] = ordered_json::array();
  for (const std::string& note : diag.notes) json["notes"].push_back(note);
  json["help"] = diag.help ? ordered_json(*diag.help) : ordered_json(nullptr);
  if (diag.fix) {
    ordered_json fix = ordered_json::object();
    fix["range"] = range_json(sources, diag.fix->span);
    fix["replacement"] = diag.fix->replacement;
    json["fix"] = std::move(fix);
  } else {
    json["fix"] = nullptr;
  }
  return json;
}

}  // namespace

nlohmann::ordered_json diagnostics_to_json(const SourceManager& sources,
                                           const std::vector<Diagnostic>& diags) {
  ordered_json json = ordered_json::array();
  for (const Diagnostic& diag : diags) json.push_back(diagnostic_json(sources, diag));
  return json;
}

void render_json(std::ostream& out, const SourceManager& sources,
                 const std::vector<Diagnostic>& diags) {
  // Messages may quote source text; replace bad UTF-8 rather than throw.
  std::string text =
      diagnostics_to_json(sources, diags).dump(2, ' ', false, ordered_json::error_handler_t::replace);
  out << text << '\n';
}

}  // namespace slipway
