#pragma once
// Triggers and `when` conditions as shell tests. The CLI has no triggers:
// every run is started by hand, so a workflow with `on manual` always runs,
// and one with only push triggers checks that the run's branch or tag is one
// they list. A condition on a pipeline use guards its steps and every step
// after them, as a skipped pipeline skips what waits for it.

#include <string>
#include <vector>

#include "backends/wercker/lowering.h"

namespace slipway::backends::wercker {

struct ShellTest {
  std::string text;          ///< a shell command list; empty: always true
  bool uses_match = false;   ///< calls slipway_match
  std::vector<ir::ContextKey> context;  ///< context values it reads
};

/// `git.branch == "main"` → `[ "$WERCKER_GIT_BRANCH" = main ]`.
ShellTest condition_test(const ir::Condition& condition);

/// The test the triggers impose on a run; empty when any run may proceed.
ShellTest trigger_test(const std::vector<ir::Trigger>& triggers);

/// The conjunction of several tests (empty ones are dropped).
ShellTest all_of(const std::vector<ShellTest>& tests);

/// Header comment lines describing the triggers.
std::vector<std::string> trigger_lines(const std::vector<ir::Trigger>& triggers);

}  // namespace slipway::backends::wercker
