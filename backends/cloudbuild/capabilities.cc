// What Cloud Build does with each IR concept (docs/backends.md shows it).

#include "backends/cloudbuild/cloudbuild.h"

namespace slipway::backends {

const std::vector<Capability>& cloudbuild_capabilities() {
  using C = Concept;
  using S = Support;
  static const std::vector<Capability> table = {
      {C::Image, S::Native, "step `name`"},
      {C::ArgvRun, S::Native, "`entrypoint` (argv[0]) + `args`"},
      {C::ScriptRun, S::Native, "`script` (with a custom shell entrypoint: `entrypoint` + `args: [-c, SCRIPT]`)"},
      {C::Entrypoint, S::Native, "`entrypoint` (first item; the rest lead `args`)"},
      {C::Workdir, S::Native, "`dir`"},
      {C::Env, S::Native, "`env: [KEY=VALUE]`"},
      {C::SecretEnv, S::Native, "`availableSecrets.secretManager` + step `secretEnv`"},
      {C::SecretFile, S::Emulated,
       "`secretEnv`, written to the path by the step's sh wrapper before the command (the image needs `sh`)"},
      {C::PlainFile, S::Emulated, "written to the path by the step's sh wrapper before the command"},
      {C::OutputsBetweenSteps, S::Emulated,
       "files under /workspace/.slipway/outputs; the sh wrappers of producer and consumer check the types"},
      {C::StepDag, S::Native, "`id` + `waitFor` (`['-']` for steps without upstream)"},
      {C::Timeout, S::Native, "step `timeout`; the build `timeout` is raised to the longest path"},
      {C::Retry, S::Emulated, "a loop in the step's sh wrapper; the step `timeout` covers every attempt"},
      {C::AllowFailure, S::Native, "`allowFailure: true`"},
      {C::StepGate, S::Rejected, "E0520: approval gates whole builds, on their trigger"},
      {C::PipelineGate, S::Native, "trigger `approvalConfig.approvalRequired: true`"},
      {C::Services, S::Emulated,
       "a step before runs `docker run -d --network cloudbuild --network-alias ALIAS` and waits; a step after removes it"},
      {C::OnFailureHook, S::Emulated,
       "the step gets `allowFailure` and records its exit status; the hook waits for it and runs only after a "
       "failure; a `.result` step then fails the build"},
      {C::AlwaysHook, S::Emulated,
       "the step gets `allowFailure` and records its exit status; the hook waits for it; a `.result` step then "
       "fails the build if the step failed"},
      {C::PushTrigger, S::Native, "trigger `push.branch` (anchored RE2) in cloudbuild-triggers.yaml"},
      {C::TagTrigger, S::Native, "trigger `push.tag` (anchored RE2) in cloudbuild-triggers.yaml"},
      {C::ManualTrigger, S::Native, "manual trigger (`sourceToBuild` + `gitFileSource`)"},
      {C::Condition, S::Native,
       "folded into the trigger's branch/tag regex (`invertRegex` for negations); chained builds: checked by the "
       "chain step; E0523 when neither can"},
      {C::Environment, S::Emulated, "build `tags` + the trigger's description (Cloud Build has no environments)"},
      {C::ChainedPipelines, S::Emulated,
       "one build when the conditions agree; else the upstream build's last step runs `gcloud builds triggers run` "
       "on the same commit; E0524 for fan-in across builds"},
      {C::Params, S::Native, "user substitutions `_NAME` with `substitutions:` defaults"},
      {C::Context, S::Native,
       "$COMMIT_SHA, $SHORT_SHA, $BRANCH_NAME, $TAG_NAME, $BUILD_ID; build.number: E0522"},
  };
  return table;
}

}  // namespace slipway::backends
