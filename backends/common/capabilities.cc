#include "backends/common/capabilities.h"

namespace slipway::backends {

std::string_view concept_name(Concept c) {
  switch (c) {
    case Concept::Image: return "step image";
    case Concept::ArgvRun: return "argv `run [...]`";
    case Concept::ScriptRun: return "script `run \"...\"`";
    case Concept::Entrypoint: return "entrypoint";
    case Concept::Workdir: return "workdir";
    case Concept::Env: return "env vars";
    case Concept::SecretEnv: return "secret as env var";
    case Concept::SecretFile: return "secret as file";
    case Concept::PlainFile: return "non-secret `files`";
    case Concept::OutputsBetweenSteps: return "typed outputs between steps";
    case Concept::StepDag: return "step DAG (`needs`, implicit edges)";
    case Concept::Timeout: return "timeout";
    case Concept::Retry: return "retry";
    case Concept::AllowFailure: return "allow_failure";
    case Concept::StepGate: return "manual gate on a step";
    case Concept::PipelineGate: return "manual gate on a pipeline use";
    case Concept::Services: return "services";
    case Concept::OnFailureHook: return "on_failure hook";
    case Concept::AlwaysHook: return "always hook";
    case Concept::PushTrigger: return "push trigger (branch globs)";
    case Concept::TagTrigger: return "tag trigger";
    case Concept::ManualTrigger: return "manual trigger";
    case Concept::Condition: return "`when` condition";
    case Concept::Environment: return "environment (name, url)";
    case Concept::ChainedPipelines: return "chained pipelines";
    case Concept::Params: return "params (run-time overridable)";
    case Concept::Context: return "built-in context (git.*, build.*)";
  }
  return "?";
}

const std::vector<Concept>& all_concepts() {
  static const std::vector<Concept> list = {
      Concept::Image, Concept::ArgvRun, Concept::ScriptRun, Concept::Entrypoint, Concept::Workdir,
      Concept::Env, Concept::SecretEnv, Concept::SecretFile, Concept::PlainFile,
      Concept::OutputsBetweenSteps, Concept::StepDag, Concept::Timeout, Concept::Retry,
      Concept::AllowFailure, Concept::StepGate, Concept::PipelineGate, Concept::Services,
      Concept::OnFailureHook, Concept::AlwaysHook, Concept::PushTrigger, Concept::TagTrigger,
      Concept::ManualTrigger, Concept::Condition, Concept::Environment, Concept::ChainedPipelines,
      Concept::Params, Concept::Context};
  return list;
}

}  // namespace slipway::backends
