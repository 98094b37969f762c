#include "backends/concourse/names.h"

#include <cctype>

namespace slipway::backends::concourse {

std::string identifier(const std::string& text, bool allow_dots) {
  std::string out;
  for (unsigned char c : text) {
    char lower = static_cast<char>(std::tolower(c));
    bool keep = std::isalnum(c) || (c == '.' && allow_dots) || c == '-';
    char next = keep && c < 0x80 ? lower : '-';
    if (next == '-' && !out.empty() && out.back() == '-') continue;
    out += next;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  if (out.empty() || !std::islower(static_cast<unsigned char>(out[0]))) out = "s-" + out;
  return out;
}

std::string upper_ident(const std::string& text) {
  std::string out;
  for (unsigned char c : text) out += std::isalnum(c) && c < 0x80 ? static_cast<char>(std::toupper(c)) : '_';
  return out;
}

std::string NameAllocator::allocate(const std::string& base) {
  std::string name = base;
  for (int n = 2; taken_.count(name); ++n) name = base + separator_ + std::to_string(n);
  taken_.insert(name);
  return name;
}

}  // namespace slipway::backends::concourse
