#pragma once
// The built-in context on Wercker: one table, documented in docs/backends.md.
//
// | Slipway        | shell value                                   |
// |----------------|-----------------------------------------------|
// | git.sha        | $WERCKER_GIT_COMMIT                           |
// | git.short_sha  | the first 7 characters of $WERCKER_GIT_COMMIT |
// | git.branch     | $WERCKER_GIT_BRANCH                           |
// | git.tag        | $WERCKER_GIT_TAG (empty when not a tag)       |
// | build.id       | $WERCKER_RUN_ID                               |
// | build.number   | $WERCKER_MAIN_PIPELINE_STARTED (Unix seconds) |
//
// The CLI keeps no build counter; the start time of the run's first
// pipeline is the same in every pipeline of a run and grows between runs.

#include <string_view>

#include "compiler/ir/ir.h"

namespace slipway::backends::wercker {

struct ContextVariable {
  ir::ContextKey key;
  std::string_view variable;  ///< the shell variable the step code reads
  /// Shell text that sets `variable` from the CLI's variables, or empty when
  /// the CLI sets it itself.
  std::string_view derive;
};

const ContextVariable& context_variable(ir::ContextKey key);

}  // namespace slipway::backends::wercker
