// What Wercker does with each concept; docs/backends.md shows this table.

#include "backends/wercker/wercker.h"

namespace slipway::backends {

const std::vector<Capability>& wercker_capabilities() {
  using C = Concept;
  using S = Support;
  static const std::vector<Capability> table = {
      {C::Image, S::Native, "the step's own pipeline with `box: {id, cmd: /bin/sh}`; a computed image, `$` or digest: E0582"},
      {C::ArgvRun, S::Emulated, "a `script` step running the argv, each argument quoted for the box's POSIX shell"},
      {C::ScriptRun, S::Emulated, "a `script` step running `sh -c SCRIPT` (the script quoted as one word)"},
      {C::Entrypoint, S::Emulated, "the command line is entrypoint + argv (a script is the entrypoint's last argument)"},
      {C::Workdir, S::Emulated, "`cd DIR` before the command (relative to $WERCKER_SOURCE_DIR)"},
      {C::Env, S::Emulated, "`export NAME=VALUE` in the step's code (wercker.yml has no step env)"},
      {C::SecretEnv, S::Emulated,
       "a host variable (X_NAME on the host, listed in the header) exported under the step's name"},
      {C::SecretFile, S::Emulated, "the variable's contents written to the path by the step's code (umask 077)"},
      {C::PlainFile, S::Emulated, "written by the step's code with printf before the command"},
      {C::OutputsBetweenSteps, S::Emulated,
       "files under .slipway/values/ in the workspace, carried by $WERCKER_OUTPUT_DIR; typed by producer and reader; "
       "`secret` outputs: E0585"},
      {C::StepDag, S::Emulated,
       "one `workflows` chain in dependency order (`requires` the pipeline before); the CLI runs pipelines one at a "
       "time (note E0580)"},
      {C::Timeout, S::Emulated, "a watchdog in the step's code; `command-timeout: 60` caps it (over 60m: E0583)"},
      {C::Retry, S::Emulated, "a loop in the step's code"},
      {C::AllowFailure, S::Emulated, "the step's code reports the failure and succeeds"},
      {C::StepGate, S::Emulated, "the step stops the run unless X_SLIPWAY_APPROVE_GATE=yes was given up front"},
      {C::PipelineGate, S::Emulated, "the use's first step stops the run unless X_SLIPWAY_APPROVE_GATE=yes was given"},
      {C::Services, S::Native,
       "`services` (id, name, cmd, env); `ready PORT` waits in the step's code; a health command: E0587"},
      {C::OnFailureHook, S::Emulated, "`after-steps` of the step's pipeline, run when the step did not succeed (E0581 "
                                      "if its image differs)"},
      {C::AlwaysHook, S::Emulated, "`after-steps` of the step's pipeline (E0581 if its image differs)"},
      {C::PushTrigger, S::Emulated, "runs are started by hand; without `on manual`, steps check the branch"},
      {C::TagTrigger, S::Emulated, "runs are started by hand; without `on manual`, steps check $WERCKER_GIT_TAG"},
      {C::ManualTrigger, S::Native, "`wercker workflow NAME`"},
      {C::Condition, S::Emulated, "a shell test at the start of the steps of the use and of every use after it"},
      {C::Environment, S::Emulated, "named in the header comment (the CLI has no environments)"},
      {C::ChainedPipelines, S::Native, "`workflows` `requires`"},
      {C::Params, S::Emulated, "variables SLIPWAY_PARAM_NAME with the default in the step's code"},
      {C::Context, S::Emulated, "CLI variables ($WERCKER_GIT_COMMIT, $WERCKER_GIT_BRANCH, $WERCKER_RUN_ID, ...)"},
  };
  return table;
}

}  // namespace slipway::backends
