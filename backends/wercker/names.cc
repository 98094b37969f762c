#include "backends/wercker/names.h"

#include <cctype>

namespace slipway::backends::wercker {

bool is_reserved_key(const std::string& key) {
  // configReservedWords of the CLI, plus `ignore-file`, which it also reads
  // at the top level.
  static const std::set<std::string> kReserved = {"box",        "services", "command-timeout", "no-response-timeout",
                                                  "source-dir", "workflows", "ignore-file"};
  return kReserved.count(key) > 0;
}

const std::string& PipelineNames::for_step(const std::string& step_id) {
  auto found = by_step_.find(step_id);
  if (found != by_step_.end()) return found->second;
  std::string name = slug(step_id);
  if (is_reserved_key(name)) name += "-step";
  std::string unique = name;
  for (int n = 2; used_.count(unique); ++n) unique = name + "-" + std::to_string(n);
  used_.insert(unique);
  return by_step_.emplace(step_id, unique).first->second;
}

std::string upper_ident(const std::string& text) {
  std::string out;
  for (unsigned char c : text) out += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
  return out;
}

std::string slug(const std::string& step_id) {
  std::string out;
  for (unsigned char c : step_id) out += std::isalnum(c) || c == '_' ? static_cast<char>(c) : '-';
  return out;
}

}  // namespace slipway::backends::wercker
