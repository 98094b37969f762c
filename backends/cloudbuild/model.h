#pragma once
// The Cloud Build files as plain data, filled by the lowering and written by
// build_yaml.cc / triggers.cc. Strings hold the final text: everything that
// Cloud Build substitutes is already escaped (`$` → `$$`).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slipway::backends::cloudbuild {

/// One item of `steps:`.
struct CbStep {
  std::string id;
  std::string name;                   ///< the image
  std::vector<std::string> wait_for;  ///< empty: the step starts with the build (`['-']`)
  std::optional<std::string> entrypoint;
  std::vector<std::string> args;
  std::optional<std::string> script;  ///< exclusive with entrypoint/args; never substituted
  std::vector<std::string> env;       ///< "KEY=VALUE"
  std::vector<std::string> secret_env;
  std::optional<std::string> dir;
  std::optional<std::string> timeout;  ///< "600s"
  bool allow_failure = false;
};

/// One `availableSecrets.secretManager` entry.
struct CbSecret {
  std::string version_name;
  std::string env;
};

/// One build config file.
struct CbBuild {
  std::string file;                  ///< "cloudbuild-<instance>.yaml"
  std::vector<std::string> comments;  ///< lines written under the header
  std::vector<CbStep> steps;          ///< in an order where every waitFor id comes earlier
  std::vector<std::pair<std::string, std::string>> substitutions;  ///< name → default, sorted
  std::vector<CbSecret> secrets;
  std::optional<std::string> timeout;
  std::vector<std::string> tags;
};

/// One BuildTrigger document of the triggers file.
struct CbTrigger {
  enum class Kind { Branch, Tag, Manual } kind = Kind::Branch;
  std::string name;
  std::string description;
  std::string regex;          ///< Branch/Tag: RE2, anchored
  bool invert_regex = false;
  std::string manual_ref;     ///< Manual: "refs/heads/main"
  std::string build_file;     ///< path of the build file in the repository
  std::vector<std::pair<std::string, std::string>> substitutions;
  std::vector<std::string> required_substitutions;  ///< params without a default
  bool approval = false;
};

}  // namespace slipway::backends::cloudbuild
