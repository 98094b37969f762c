#include "backends/gitlab/names.h"

#include <cstdint>
#include <cstdio>

namespace slipway::backends::gitlab {
namespace {

// Top-level keys GitLab reads as configuration, not as jobs.
const std::set<std::string> kReservedKeys = {
    "stages", "variables", "default", "workflow", "include", "image", "services", "cache",
    "before_script", "after_script", "pages", "spec", "types", "!reference"};

std::string fit(const std::string& name) {
  if (name.size() <= kMaxJobName) return name;
  return name.substr(0, kMaxJobName - 9) + "~" + short_hash(name);
}

}  // namespace

std::string NameAllocator::allocate(const std::string& base) {
  std::string name = base;
  for (int n = 2; taken_.count(name); ++n) name = base + "_" + std::to_string(n);
  taken_.insert(name);
  return name;
}

const std::string& JobNames::for_step(const std::string& step_id) {
  std::string wanted;
  for (char c : step_id) wanted += c == '.' ? ':' : c;
  return add("step:" + step_id, wanted);
}

const std::string& JobNames::for_gate(const std::string& instance) {
  return add("gate:" + instance, instance + ":manual-gate");
}

const std::string& JobNames::add(const std::string& key, const std::string& wanted) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  std::string name = fit(wanted);
  if (name.empty() || name[0] == '.' || kReservedKeys.count(name) || used_.taken(name))
    name = fit(wanted + "~" + short_hash(key));
  used_.reserve(name);
  return by_key_.emplace(key, name).first->second;
}

std::string path_slug(const std::string& step_id) {
  std::string out;
  for (char c : step_id) out += (isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '-';
  return out;
}

std::string upper_ident(const std::string& text) {
  std::string out;
  for (char c : text)
    out += isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(toupper(static_cast<unsigned char>(c))) : '_';
  return out;
}

std::string short_hash(const std::string& text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

}  // namespace slipway::backends::gitlab
