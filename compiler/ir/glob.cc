#include "compiler/ir/glob.h"

namespace slipway::ir {
namespace {

bool match_from(const std::string& glob, size_t gi, const std::string& text, size_t ti) {
  while (gi < glob.size()) {
    if (glob[gi] == '*') {
      bool across = gi + 1 < glob.size() && glob[gi + 1] == '*';
      size_t rest = gi + (across ? 2 : 1);
      for (size_t k = ti; k <= text.size(); ++k) {
        if (match_from(glob, rest, text, k)) return true;
        if (k < text.size() && text[k] == '/' && !across) return false;
      }
      return false;
    }
    if (ti >= text.size()) return false;
    if (glob[gi] == '?' ? text[ti] == '/' : glob[gi] != text[ti]) return false;
    ++gi;
    ++ti;
  }
  return ti == text.size();
}

}  // namespace

bool glob_matches(const std::string& glob, const std::string& text) { return match_from(glob, 0, text, 0); }

std::string glob_regex(const std::string& glob) {
  static const std::string meta = R"(\.+*?()|[]{}^$)";
  std::string out;
  for (size_t i = 0; i < glob.size(); ++i) {
    char c = glob[i];
    if (c == '*' && i + 1 < glob.size() && glob[i + 1] == '*') {
      out += ".*";
      ++i;
    } else if (c == '*') {
      out += "[^/]*";
    } else if (c == '?') {
      out += "[^/]";
    } else {
      if (meta.find(c) != std::string::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

bool has_wildcard(const std::string& pattern) { return pattern.find_first_of("*?") != std::string::npos; }

}  // namespace slipway::ir
