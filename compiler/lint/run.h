#pragma once
// Linting many files: finding them (directories are searched for `*.slip`),
// linting each (in worker processes when asked), and merging the findings
// into one deterministic, de-duplicated list: a file imported by two linted
// files is reported once.

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/lint/linter.h"

namespace slipway::lint {

/// Expands `paths`: a file is kept as given, a directory adds every `*.slip`
/// below it (skipping hidden directories such as `.git`), sorted. A path
/// that does not exist adds a line to `errors`.
std::vector<std::string> collect_files(const std::vector<std::string>& paths, std::vector<std::string>& errors);

struct LintRun {
  SourceManager sources;
  std::vector<Diagnostic> findings;  ///< sorted by file and position, duplicates removed
  std::vector<std::string> errors;   ///< unreadable files, broken configuration; in file order
};

/// Lints `files`. With `jobs` > 1 the files are split over that many worker
/// processes (fork), whose results come back over pipes; the merged result
/// is the same as with one job.
void lint_files(const std::vector<std::string>& files, const LintOptions& options, unsigned jobs, LintRun& run);

/// Sorts by file path and position and removes repeated findings (same
/// file, span, rule or code, and message; the most severe copy is kept).
void sort_and_dedupe(const SourceManager& sources, std::vector<Diagnostic>& findings);

}  // namespace slipway::lint
