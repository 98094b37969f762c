#include "backends/gitlab/context.h"

namespace slipway::backends::gitlab {
namespace {

// git.branch is CI_COMMIT_BRANCH rather than CI_COMMIT_REF_NAME: the latter
// holds the tag name in tag pipelines, where Slipway's git.branch is empty.
constexpr ContextVariable kContext[] = {
    {ir::ContextKey::GitSha, "CI_COMMIT_SHA", true},
    {ir::ContextKey::GitShortSha, "CI_COMMIT_SHORT_SHA", true},
    {ir::ContextKey::GitBranch, "CI_COMMIT_BRANCH", true},
    {ir::ContextKey::GitTag, "CI_COMMIT_TAG", true},
    {ir::ContextKey::BuildId, "CI_PIPELINE_ID", false},
    {ir::ContextKey::BuildNumber, "CI_PIPELINE_IID", true},
};

}  // namespace

const ContextVariable& context_variable(ir::ContextKey key) {
  for (const auto& c : kContext)
    if (c.key == key) return c;
  return kContext[0];
}

}  // namespace slipway::backends::gitlab
