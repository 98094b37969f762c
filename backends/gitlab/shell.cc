#include "backends/gitlab/shell.h"

#include <set>
#include <string_view>

namespace slipway::backends::gitlab {

std::string shell_quote(const std::string& text) {
  bool plain = !text.empty();
  for (unsigned char c : text)
    plain &= isalnum(c) || std::string_view("_./:@%+,-").find(static_cast<char>(c)) != std::string_view::npos;
  // Reserved words are special in command position; quote them anywhere.
  static const std::set<std::string> kReserved = {"if", "then", "else", "elif", "fi", "do", "done", "case",
                                                  "esac", "while", "until", "for", "in", "function", "select", "time"};
  if (plain && !kReserved.count(text)) return text;
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string shell_var(const std::string& name) { return "\"$" + name + "\""; }

}  // namespace slipway::backends::gitlab
