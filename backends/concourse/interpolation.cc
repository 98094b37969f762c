#include "backends/concourse/interpolation.h"

#include <cctype>

namespace slipway::backends::concourse {

bool has_var_opening(std::string_view text) { return text.find("((") != std::string_view::npos; }

std::vector<std::string> split_at_var_openings(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at = text.find("(("); at != std::string::npos; at = text.find("((", start)) {
    out.push_back(text.substr(start, at - start));
    start = at + 2;
  }
  out.push_back(text.substr(start));
  return out;
}

bool is_var_reference(const std::string& name) {
  if (name.empty()) return false;
  size_t colon = name.find(':');
  if (colon != std::string::npos && (colon == 0 || name.find(':', colon + 1) != std::string::npos)) return false;
  std::string path = colon == std::string::npos ? name : name.substr(colon + 1);
  // `((.:x))` is a build-local var, set by load_var in the same build only.
  if (path.empty() || name.substr(0, colon == std::string::npos ? 0 : colon) == ".") return false;
  for (unsigned char c : name)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '/' || c == '.' || c == '@' || c == ':')) return false;
  return path.front() != '.' && path.back() != '.';
}

}  // namespace slipway::backends::concourse
