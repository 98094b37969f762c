#include "backends/gitlab/shell.h"

namespace slipway::backends::gitlab {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string shell_var(const std::string& name) { return "\"${" + name + "}\""; }

}  // namespace slipway::backends::gitlab
