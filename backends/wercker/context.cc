#include "backends/wercker/context.h"

namespace slipway::backends::wercker {
namespace {

constexpr ContextVariable kContext[] = {
    {ir::ContextKey::GitSha, "WERCKER_GIT_COMMIT", ""},
    {ir::ContextKey::GitShortSha, "SLIPWAY_GIT_SHORT_SHA",
     "SLIPWAY_GIT_SHORT_SHA=\"$(printf '%.7s' \"$WERCKER_GIT_COMMIT\")\""},
    {ir::ContextKey::GitBranch, "WERCKER_GIT_BRANCH", ""},
    {ir::ContextKey::GitTag, "WERCKER_GIT_TAG", ""},
    {ir::ContextKey::BuildId, "WERCKER_RUN_ID", ""},
    {ir::ContextKey::BuildNumber, "WERCKER_MAIN_PIPELINE_STARTED", ""},
};

}  // namespace

const ContextVariable& context_variable(ir::ContextKey key) {
  for (const auto& c : kContext)
    if (c.key == key) return c;
  return kContext[0];
}

}  // namespace slipway::backends::wercker
