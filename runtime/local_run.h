#pragma once
// `slipway run`: everything between a checked program and an exit code.
// Picks the workflow, reads the git context, plans, loads secrets, checks
// gates, connects to the engine (or not, for --dry-run), copies the
// workspace, schedules, reports, and cleans up.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/plan.h"
#include "runtime/secrets.h"

namespace slipway::runtime {

struct LocalRunOptions {
  std::string source_file;  ///< the .slip file: its repository (or directory) is the workspace
  std::string workflow;     ///< empty: the only one
  PlanOptions plan;
  std::optional<std::string> branch;
  size_t jobs = 4;
  bool keep_going = false;
  bool dry_run = false;
  bool json = false;
  std::vector<std::string> approve;
  SecretSources secrets;
  EnvLookup env = process_env;
};

/// Exit codes: 0 every required step succeeded, 1 otherwise, 2 a usage or
/// setup error (unknown workflow, missing secret, no engine, ...).
int run_locally(const ir::Program& program, const LocalRunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace slipway::runtime
