#include "backends/common/yaml_text.h"

#include <regex>
#include <set>

namespace slipway::backends {
namespace {

/// YAML 1.1 words and number shapes that a plain scalar would turn into a
/// non-string (booleans, null, ints in any base, floats, sexagesimals).
bool looks_typed(std::string_view text) {
  // Fast path first: std::regex is slow, and most strings start with a
  // letter and are not one of YAML 1.1's words.
  static const std::set<std::string_view> words = {
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
      "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "=", "<<"};
  if (text.empty()) return false;
  if (words.count(text)) return true;
  char first = text.front();
  bool numeric_start = (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.';
  if (!numeric_start) return false;
  static const std::regex typed(
      R"(^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|)"
      R"(null|Null|NULL|~|)"
      R"([-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+([eE][-+]?[0-9]+)?|)"
      R"([-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?0o?[0-7_]+|)"
      R"([-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|)"
      R"([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|=|<<)$)");
  return std::regex_match(text.begin(), text.end(), typed);
}

}  // namespace

bool is_plain_safe(std::string_view text) {
  if (text.empty()) return false;
  if (looks_typed(text)) return false;
  // Indicators that may not start a plain scalar.
  static constexpr std::string_view kBadFirst = "-?:,[]{}#&*!|>'\"%@`";
  if (kBadFirst.find(text.front()) != std::string_view::npos) return false;
  if (text.front() == ' ' || text.back() == ' ' || text.front() == '\t' || text.back() == '\t') return false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return false;  // control characters, newlines, tabs
    if (c >= 0x80) return false;              // keep non-ASCII quoted: some parsers mangle it
    if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return false;
    if (c == '#' && i > 0 && text[i - 1] == ' ') return false;
    if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',') return false;
  }
  return true;
}

bool is_literal_safe(std::string_view text) {
  // A literal block keeps text exactly only if no line has trailing spaces,
  // no line starts with a space/tab where indentation detection could fail,
  // and there are no control characters.
  bool multiline = text.find('\n') != std::string_view::npos;
  // `|` (clip) reads back with exactly one final line break, so only text
  // ending in exactly one newline keeps its value.
  if (!multiline || text.back() != '\n' || (text.size() >= 2 && text[text.size() - 2] == '\n')) return false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) return false;
    if (start == 0 && !line.empty() && (line.front() == ' ' || line.front() == '\t')) return false;
    for (unsigned char c : line)
      if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

void emit_string(YAML::Emitter& out, const std::string& text) {
  if (is_plain_safe(text)) out << text;
  else if (is_literal_safe(text)) out << YAML::Literal << text;
  else out << YAML::DoubleQuoted << text;
}

}  // namespace slipway::backends
