// deploy-without-timeout: a step with no `timeout` in a pipeline that deploys.

#include "compiler/lint/commands.h"
#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "deploy-without-timeout", Severity::Warning, "a step of a deploying pipeline has no `timeout`",
    "A deploy that hangs (a rollout waiting for pods that never get ready, a lock held by a dead run) "
    "keeps the environment busy until the CI system's own limit, often hours, and blocks the next "
    "deploy. A pipeline deploys when its instance has an `environment` or a `manual` gate, when one "
    "of its steps has a `manual` gate, or when a step runs a deploy command (kubectl apply, helm "
    "upgrade, gcloud ... deploy, terraform apply, a ./deploy script, ...)."};

class DeployWithoutTimeout : public Rule {
 public:
  DeployWithoutTimeout() : Rule(kInfo) {}

  void visit_instance(const InstanceView& view, LintContext& ctx) override {
    std::string why = deploys(view);
    if (why.empty()) return;
    for (const StepView& step : view.steps) {
      if (step.step().timeout_ms) continue;
      report(ctx, step.step().provenance.decl, "step `" + step.step().name + "` has no `timeout`")
          .label("may hang for hours")
          .note("pipeline `" + view.instance.name + "` deploys: " + why)
          .with_help("add `timeout 15m` (or whatever the step normally takes, with room to spare)");
    }
  }

 private:
  /// Why the instance counts as deploying, or "" when it does not.
  static std::string deploys(const InstanceView& view) {
    const ir::Instance& instance = view.instance;
    if (instance.environment) return "it has `environment \"" + value_text(instance.environment->name) + "\"`";
    if (instance.manual) return "it waits for a manual gate";
    for (const StepView& step : view.steps) {
      if (step.step().manual) return "step `" + step.step().id + "` waits for a manual gate";
      for (const Command& command : step.commands()) {
        std::string action = deploy_action(command.shell);
        if (!action.empty()) return "step `" + step.step().id + "` runs `" + action + "`";
      }
    }
    return {};
  }
};

}  // namespace

std::unique_ptr<Rule> make_deploy_without_timeout() { return std::make_unique<DeployWithoutTimeout>(); }

}  // namespace slipway::lint
