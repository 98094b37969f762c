#pragma once
// Names in the generated file: job names, file paths and variable names,
// each derived deterministically from IR ids and kept unique.

#include <map>
#include <set>
#include <string>

namespace slipway::backends::gitlab {

/// GitLab stores the names a job `needs` in 128 characters at most.
inline constexpr size_t kMaxJobName = 128;

/// Hands out unique names: the base itself, else `base_2`, `base_3`, ...
class NameAllocator {
 public:
  /// Marks `name` as taken by something else (an env var, a predefined one).
  void reserve(const std::string& name) { taken_.insert(name); }
  bool taken(const std::string& name) const { return taken_.count(name) > 0; }
  std::string allocate(const std::string& base);

 private:
  std::set<std::string> taken_;
};

/// Job names: a step `build.image` is `build:image`, its hook `build:image:notify`;
/// an instance gate is `production:manual-gate` (a `-` never occurs in step
/// ids, so no step can take it). Over-long names are cut and end in a hash.
class JobNames {
 public:
  const std::string& for_step(const std::string& step_id);
  const std::string& for_gate(const std::string& instance);

 private:
  const std::string& add(const std::string& key, const std::string& wanted);
  std::map<std::string, std::string> by_key_;
  NameAllocator used_;
};

/// `build.image` → `build-image`: for file names under `.slipway/`.
std::string path_slug(const std::string& step_id);

/// Upper case with every character outside [A-Za-z0-9] as `_`: `build.image` → `BUILD_IMAGE`.
std::string upper_ident(const std::string& text);

/// FNV-1a, as 8 hex digits; stable across platforms.
std::string short_hash(const std::string& text);

}  // namespace slipway::backends::gitlab
