// retry-non-idempotent: `retry` on a step that publishes something once.

#include "compiler/lint/commands.h"
#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "retry-non-idempotent", Severity::Warning, "a step with `retry` runs a command that cannot run twice",
    "`retry` runs the whole step again after any failure. When the first attempt already published (a "
    "package version, a release, a POST) and failed later, the second attempt fails with \"already "
    "exists\" and hides the real error, or does the thing twice. Package registries (npm, PyPI, "
    "crates.io, RubyGems, Maven release repositories) refuse to overwrite a version. Pushing a container "
    "image is not flagged: a re-push of the same tag is harmless."};

class RetryNonIdempotent : public Rule {
 public:
  RetryNonIdempotent() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const ir::Step& step = view.step();
    if (step.retry <= 0) return;
    for (const Command& c : view.commands()) {
      std::string action = one_shot_action(c.shell);
      if (action.empty()) continue;
      auto retry = view.index().property_span(step, &ast::StepBody::retry);
      report(ctx, retry ? *retry : step.provenance.decl,
             "`retry` repeats `" + action + "`, which cannot run twice")
          .label("retries the whole step")
          .also(view.span_of(c), "not safe to repeat")
          .note("a retry after a partial success fails with \"already exists\" (hiding the first error) or repeats the effect")
          .with_help("remove `retry`, or retry only the flaky part inside the script, before the publishing command");
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_retry_non_idempotent() { return std::make_unique<RetryNonIdempotent>(); }

}  // namespace slipway::lint
