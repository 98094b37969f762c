#pragma once
// Per-project lint configuration: the nearest `.slipway.yaml` found from a
// linted file's directory upward. Schema (docs/lint.md#configuration):
//
//   rules:                        # optional: rule name (or W01xx code) -> level
//     mutable-image-tag: error    # error | warning | note | off
//     unquoted-interpolation: off
//   disable: [duplicate-step]     # optional: the same as `RULE: off`
//
// Unknown rule names become `unknown-rule` findings pointing into the file;
// anything else malformed is a usage error.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace slipway::lint {

struct LintConfig {
  std::string path;  ///< the file as shown in messages
  /// Canonical rule name → level; nullopt turns the rule off.
  std::map<std::string, std::optional<Severity>> levels;
  /// `unknown-rule` findings located in the file.
  std::vector<Diagnostic> problems;

  /// The level of `rule`: its default, or what the file sets (nullopt: off).
  std::optional<Severity> level(const std::string& rule, Severity default_level) const;
};

/// Parses `text` (the file `path`, already added to `sources` as `file`).
/// False with a one-line `error` ("PATH:LINE:COL: ...") when it is malformed.
bool parse_config(const std::string& path, FileId file, const SourceManager& sources, LintConfig& out,
                  std::string& error);

/// Finds and loads configuration files, each once.
class ConfigCache {
 public:
  explicit ConfigCache(SourceManager& sources) : sources_(sources) {}

  /// The configuration for a file in `dir` (null when no file applies).
  /// Sets `error` when the applicable file is unreadable or malformed.
  const LintConfig* for_directory(const std::string& dir, std::string& error);

 private:
  struct Entry {
    std::unique_ptr<LintConfig> config;
    std::string error;
  };
  const Entry& load(const std::string& path);

  SourceManager& sources_;
  std::map<std::string, std::string> nearest_;  ///< absolute dir → config path ("" for none)
  std::map<std::string, Entry> loaded_;          ///< config path → parsed file
};

}  // namespace slipway::lint
