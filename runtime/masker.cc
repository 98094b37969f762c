#include "runtime/masker.h"

#include <algorithm>

namespace slipway::runtime {

void Masker::add(const std::string& value) {
  auto insert = [&](std::string needle) {
    while (!needle.empty() && (needle.back() == '\r' || needle.back() == ' ' || needle.back() == '\t')) needle.pop_back();
    size_t start = needle.find_first_not_of(" \t");
    if (start == std::string::npos) return;
    needle.erase(0, start);
    if (std::find(needles_.begin(), needles_.end(), needle) == needles_.end()) needles_.push_back(needle);
  };
  insert(value);
  size_t pos = 0;
  while (pos < value.size()) {
    size_t end = value.find('\n', pos);
    if (end == std::string::npos) end = value.size();
    insert(value.substr(pos, end - pos));
    pos = end + 1;
  }
  // An exact value also masks inside a line: keep the whole value (with its
  // surrounding spaces) so "a b" masks before "a" does.
  std::stable_sort(needles_.begin(), needles_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Masker::mask(std::string_view text) const {
  std::string out(text);
  for (const auto& needle : needles_) {
    size_t pos = 0;
    while ((pos = out.find(needle, pos)) != std::string::npos) {
      out.replace(pos, needle.size(), kMask);
      pos += 3;
    }
  }
  return out;
}

}  // namespace slipway::runtime
