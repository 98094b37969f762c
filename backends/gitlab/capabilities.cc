// What GitLab CI does with each concept; docs/backends.md shows this table.

#include "backends/gitlab/gitlab.h"

namespace slipway::backends {

const std::vector<Capability>& gitlab_capabilities() {
  using C = Concept;
  using S = Support;
  static const std::vector<Capability> table = {
      {C::Image, S::Native, "`image`; `image: {name, entrypoint: [\"\"]}` when the step sets an entrypoint"},
      {C::ArgvRun, S::Emulated, "one `script` line, each argument quoted for the job's POSIX shell where it needs it"},
      {C::ScriptRun, S::Native, "`script`, as written (GitLab does not expand `$` in scripts)"},
      {C::Entrypoint, S::Emulated,
       "`image:entrypoint: [\"\"]` so the runner's shell starts; argv runs as entrypoint + argv; a script needs a "
       "shell entrypoint (E0544)"},
      {C::Workdir, S::Emulated, "`cd DIR` before the command (relative to $CI_PROJECT_DIR)"},
      {C::Env, S::Native,
       "`variables` for literal values (`expand: false` when they hold `$`); values with references are exported "
       "by the job's shell"},
      {C::SecretEnv, S::Native,
       "CI/CD variable named by the binding (listed in the header), exported under the step's name by `script`; "
       "masking follows the value"},
      {C::SecretFile, S::Emulated, "File-type CI/CD variable copied to the path by `script` (mode 600)"},
      {C::PlainFile, S::Emulated, "written by `script` with printf before the command"},
      {C::OutputsBetweenSteps, S::Native,
       "`artifacts:reports:dotenv` + `needs:artifacts`; typed and escaped by the job's shell; `secret` outputs: "
       "E0541"},
      {C::StepDag, S::Native, "`needs` (`needs: []` for first steps; 50 at most: E0547)"},
      {C::Timeout, S::Native, "`timeout` (`1h 30m`)"},
      {C::Retry, S::Native, "`retry` (0 to 2; more is E0540)"},
      {C::AllowFailure, S::Native, "`allow_failure: true`"},
      {C::StepGate, S::Native, "`when: manual`, `allow_failure: false`, `manual_confirmation`"},
      {C::PipelineGate, S::Emulated, "a manual job `INSTANCE:manual-gate` that the pipeline's first jobs need"},
      {C::Services, S::Native,
       "`services` (name, alias, command, variables); `ready PORT` → HEALTHCHECK_TCP_PORT, and the job's "
       "script waits for the port and fails after 5 minutes; a health command is E0545"},
      {C::OnFailureHook, S::Native, "a `when: on_failure` job that needs the step (E0550 if the step may fail)"},
      {C::AlwaysHook, S::Native, "a `when: always` job that needs the step"},
      {C::PushTrigger, S::Native, "`workflow:rules` on `$CI_PIPELINE_SOURCE == \"push\"` and `$CI_COMMIT_BRANCH`"},
      {C::TagTrigger, S::Native, "`workflow:rules` on `$CI_COMMIT_TAG` (globs as `=~ /regex/`)"},
      {C::ManualTrigger, S::Native, "`workflow:rules` on `$CI_PIPELINE_SOURCE == \"web\"`"},
      {C::Condition, S::Native, "`rules:if` on the instance's jobs and every job after them; `build.id`: E0552"},
      {C::Environment, S::Native, "`environment` on every job: the last jobs deploy, the others `action: prepare`"},
      {C::ChainedPipelines, S::Native, "`needs` from a pipeline's first jobs to the last jobs of the one before"},
      {C::Params, S::Native, "top-level `variables` with `description` (prefilled in Run pipeline)"},
      {C::Context, S::Native, "predefined variables ($CI_COMMIT_SHA, $CI_COMMIT_BRANCH, $CI_PIPELINE_IID, ...)"},
  };
  return table;
}

}  // namespace slipway::backends
