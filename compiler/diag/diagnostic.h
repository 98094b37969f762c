#pragma once
// A diagnostic is plain data: stable code, severity, primary span, secondary
// labels, notes, optional help and fix. Emission (DiagnosticEngine) is kept
// apart from rendering (render_human.h, render_json.h).

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/source.h"

namespace slipway {

enum class Severity { Note, Warning, Error };

enum class DiagCode : uint16_t {
#define DIAG(code, sev, name, summary) code,
#include "compiler/diag/codes.def"
#undef DIAG
};

/// Static facts about a code, from codes.def.
struct DiagCodeInfo {
  DiagCode code;
  std::string_view id;       ///< "E0001"
  Severity default_severity;
  std::string_view name;     ///< "syntax-error"
  std::string_view summary;
};

const DiagCodeInfo& code_info(DiagCode code);
const std::vector<DiagCodeInfo>& all_codes();
std::string_view severity_name(Severity severity);

/// A secondary location, e.g. "first defined here".
struct Label {
  Span span;
  std::string message;
};

/// A machine-applicable replacement of the text under `span`.
struct Fix {
  Span span;
  std::string replacement;
};

struct Diagnostic {
  DiagCode code{};
  Severity severity = Severity::Error;
  std::string message;        ///< lowercase, no final period, code in backticks
  Span primary;
  std::string primary_label;  ///< shown beside the caret (may be empty)
  std::vector<Label> secondary;
  std::vector<std::string> notes;
  std::optional<std::string> help;
  std::optional<Fix> fix;
  /// The lint rule that produced this finding (e.g. "mutable-image-tag");
  /// empty for compiler diagnostics. Renderers show it in place of the code.
  std::string rule;

  /// The id renderers show: the rule name for lint findings, else the code.
  std::string display_id() const;

  /// Starts a diagnostic with the code's default severity.
  static Diagnostic make(DiagCode code, Span primary, std::string message);
  Diagnostic& label(std::string text) { primary_label = std::move(text); return *this; }
  Diagnostic& also(Span span, std::string text) { secondary.push_back({span, std::move(text)}); return *this; }
  Diagnostic& note(std::string text) { notes.push_back(std::move(text)); return *this; }
  Diagnostic& with_help(std::string text) { help = std::move(text); return *this; }
  Diagnostic& with_fix(Span span, std::string replacement) { fix = Fix{span, std::move(replacement)}; return *this; }
};

/// Collects diagnostics for one invocation. Passes emit into it; the driver
/// renders at the end.
class DiagnosticEngine {
 public:
  void emit(Diagnostic diagnostic);
  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  size_t warning_count() const { return warning_count_; }
  /// All diagnostics, stably sorted by file, then position (deterministic output).
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& in_emission_order() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::set<std::string> seen_;  ///< code|rule|position|message of each emitted diagnostic
  size_t error_count_ = 0;
  size_t warning_count_ = 0;
};

/// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
/// The closest candidate within a distance that scales with the word's
/// length, or nullopt when nothing is close enough.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace slipway
