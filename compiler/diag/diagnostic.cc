#include "compiler/diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace slipway {

const std::vector<DiagCodeInfo>& all_codes() {
  static const std::vector<DiagCodeInfo> codes = {
#define DIAG(code, sev, name, summary) {DiagCode::code, #code, Severity::sev, name, summary},
#include "compiler/diag/codes.def"
#undef DIAG
  };
  return codes;
}

const DiagCodeInfo& code_info(DiagCode code) {
  // The enum and the table come from the same X-macro, so the enum value is
  // the row index.
  return all_codes().at(static_cast<size_t>(code));
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

Diagnostic Diagnostic::make(DiagCode code, Span primary, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = code;
  diagnostic.severity = code_info(code).default_severity;
  diagnostic.primary = primary;
  diagnostic.message = std::move(message);
  return diagnostic;
}

void DiagnosticEngine::emit(Diagnostic diagnostic) {
  // The same finding reached twice (a template expanded at several call
  // sites, a definition checked again) is reported once.
  std::string key = std::to_string(static_cast<int>(diagnostic.code)) + "|" + diagnostic.rule + "|" +
                    std::to_string(diagnostic.primary.file) + ":" + std::to_string(diagnostic.primary.begin.line) +
                    ":" + std::to_string(diagnostic.primary.begin.col) + "|" + diagnostic.message;
  if (!seen_.insert(std::move(key)).second) return;
  if (diagnostic.severity == Severity::Error) ++error_count_;
  if (diagnostic.severity == Severity::Warning) ++warning_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

std::vector<Diagnostic> DiagnosticEngine::sorted() const {
  std::vector<Diagnostic> result = diagnostics_;
  auto key = [](const Diagnostic& d) {
    // Diagnostics without a location come first, in emission order.
    if (!d.primary.valid()) return std::tuple(false, FileId{0}, SourcePos{});
    return std::tuple(true, d.primary.file, d.primary.begin);
  };
  std::stable_sort(result.begin(), result.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  return result;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  size_t limit = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == word) continue;
    size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string Diagnostic::display_id() const {
  return rule.empty() ? std::string(code_info(code).id) : rule;
}

}  // namespace slipway
