#pragma once
// What a run knows about where it runs: the git context (read from the local
// repository) and the run's identity (a generated id and build number).

#include <cstdint>
#include <optional>
#include <string>

#include "compiler/ir/ir.h"

namespace slipway::runtime {

struct GitContext {
  bool is_repo = false;
  std::string root;       ///< the repository's top level (empty when not a repo)
  std::string sha;        ///< HEAD, 40 hex digits ("" when unknown)
  std::string short_sha;  ///< first 7 digits
  std::string branch;     ///< current branch, or the --branch override ("" when detached)
  std::string tag;        ///< a tag pointing exactly at HEAD, or ""
};

/// Reads the context of the repository containing `dir`. `branch_override`
/// (from --branch) replaces the current branch. Never fails: outside a repo
/// the fields stay empty.
GitContext read_git_context(const std::string& dir, const std::optional<std::string>& branch_override);

struct RunIdentity {
  std::string id;           ///< e.g. 20261122-050102-3fa9; names and labels every engine object
  int64_t build_number = 0; ///< seconds since the epoch (SLIPWAY_BUILD_NUMBER overrides)
};

/// A fresh identity for a run.
RunIdentity new_run_identity();

/// The value of a built-in context key for this run.
std::string context_value(ir::ContextKey key, const GitContext& git, const RunIdentity& run);

/// Runs a command (argv, no shell) and returns its stdout, or nullopt when it
/// cannot be started or exits non-zero. For git only; never for docker.
std::optional<std::string> capture_command(const std::vector<std::string>& argv);

}  // namespace slipway::runtime
