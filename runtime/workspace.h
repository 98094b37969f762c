#pragma once
// The source tree copied into each run's workspace volume (/workspace in
// every step): the git repository's files (tracked, plus untracked ones git
// does not ignore) or, outside a repository, the directory. Patterns in
// `.slipwayignore` at the root leave files out (gitignore-like: `#`
// comments, `dir/` for directories, a `/` anchors at the root).

#include <string>
#include <vector>

#include "runtime/result.h"

namespace slipway::runtime {

struct Workspace {
  std::string root;     ///< the directory packed
  bool from_git = false;
  size_t files = 0;
  size_t bytes = 0;
  std::string tar;      ///< ready for the archive API, extracted at /workspace
};

/// Where outputs files live inside the workspace (world-writable).
inline constexpr const char* kOutputsDir = ".slipway/outputs";

/// Packs the tree that contains `dir` (its repository's top level when it is
/// in one). Files named `.slipway-secrets` and the files in `secret_files`
/// (host paths of secret values) are never copied.
[[nodiscard]] Result<Workspace, RunError> pack_workspace(const std::string& dir,
                                                         const std::vector<std::string>& secret_files = {});

/// Matches `.slipwayignore` rules against '/'-separated relative paths.
class IgnoreRules {
 public:
  explicit IgnoreRules(const std::string& text);
  bool ignored(const std::string& path) const;

 private:
  struct Rule {
    std::string pattern;
    bool anchored = false;
    bool directory_only = false;
    bool negated = false;
  };
  std::vector<Rule> rules_;
};

}  // namespace slipway::runtime
