#pragma once
// Names in the generated file: pipeline keys and shell variable names, each
// derived deterministically from IR ids.

#include <map>
#include <set>
#include <string>

namespace slipway::backends::wercker {

/// Top-level keys the CLI reads as settings rather than pipelines.
bool is_reserved_key(const std::string& key);

/// Pipeline names: step `build.image` is the pipeline `build-image` (a `-`
/// never occurs in Slipway names, so no two steps can meet). A name the CLI
/// reserves gets a `-step` suffix.
class PipelineNames {
 public:
  const std::string& for_step(const std::string& step_id);

 private:
  std::map<std::string, std::string> by_step_;
  std::set<std::string> used_;
};

/// Upper case with every character outside [A-Za-z0-9] as `_`: `build.image` → `BUILD_IMAGE`.
std::string upper_ident(const std::string& text);

/// `build.image` → `build-image`: for file names the generated code uses.
std::string slug(const std::string& step_id);

}  // namespace slipway::backends::wercker
