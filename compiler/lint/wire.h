#pragma once
// The results of a lint worker process, as bytes: findings plus the text of
// every file they point into, so the parent can render them.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace slipway::lint {

struct WorkerResult {
  std::vector<Diagnostic> findings;
  std::vector<std::pair<size_t, std::string>> errors;  ///< file index in the whole run → message
};

/// Encodes `result`; spans refer to files of `sources`.
std::string encode_result(const WorkerResult& result, const SourceManager& sources);

/// Decodes `bytes` into `result`, adding the files it carries to `sources`
/// (a path already in `by_path` is reused). False on malformed input.
bool decode_result(const std::string& bytes, SourceManager& sources, std::map<std::string, FileId>& by_path,
                   WorkerResult& result);

}  // namespace slipway::lint
