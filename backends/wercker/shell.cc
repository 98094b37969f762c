#include "backends/wercker/shell.h"

#include <cctype>
#include <set>
#include <string_view>

namespace slipway::backends::wercker {

std::string shell_quote(const std::string& text) {
  bool plain = !text.empty();
  for (unsigned char c : text)
    plain &= std::isalnum(c) || std::string_view("_./:@%+,-").find(static_cast<char>(c)) != std::string_view::npos;
  // Reserved words are special in command position; quote them anywhere.
  static const std::set<std::string> kReserved = {"if", "then", "else", "elif", "fi", "do", "done", "case",
                                                  "esac", "while", "until", "for", "in", "function", "select", "time"};
  if (plain && !kReserved.count(text)) return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shell_word(const ir::Value& value, const Lowering& lowering) {
  if (auto text = literal_text(value)) return shell_quote(*text);
  std::string out;
  for (const auto& part : value.parts) {
    if (part.ref) out += "\"$" + lowering.variable_for(*part.ref) + "\"";
    else if (!part.text.empty()) out += shell_quote(part.text);
  }
  return out.empty() ? "''" : out;
}

}  // namespace slipway::backends::wercker
