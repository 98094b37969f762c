// What Concourse does with each concept; docs/backends.md shows this table.

#include "backends/concourse/concourse.h"

namespace slipway::backends {

const std::vector<Capability>& concourse_capabilities() {
  using C = Concept;
  using S = Support;
  static const std::vector<Capability> table = {
      {C::Image, S::Native,
       "task `image_resource` (`registry-image`; `repository` + `tag`, `latest` when none, a digest as "
       "`version.digest`)"},
      {C::ArgvRun, S::Native, "`run.path` (argv[0]) + `run.args`, `run.dir: source`"},
      {C::ScriptRun, S::Native, "`run: {path: sh, args: [-c, SCRIPT]}` (with an entrypoint: entrypoint + `-c` + script)"},
      {C::Entrypoint, S::Native, "leads `run.path`/`run.args`"},
      {C::Workdir, S::Native, "`run.dir: source/DIR` (an absolute or composed dir: `cd` in the task program)"},
      {C::Env, S::Native, "task `params`; values with references are composed by the task program"},
      {C::SecretEnv, S::Native, "`((credential))` in the task step's `params` (credential manager; redacted in logs)"},
      {C::SecretFile, S::Emulated, "`((credential))` param written to the path by the task program (mode 600)"},
      {C::PlainFile, S::Emulated, "written by the task program before the command"},
      {C::OutputsBetweenSteps, S::Native,
       "the producer's values directory (a task output, typed by the task program) + `load_var` (`format: raw`) + "
       "`((.:var))` in the reader's `params`"},
      {C::StepDag, S::Emulated,
       "nested `do`/`in_parallel` (series-parallel); a DAG that is not series-parallel gets added waits (note "
       "E0565)"},
      {C::Timeout, S::Native, "step `timeout` (errors the build: hooks use `on_error` too)"},
      {C::Retry, S::Native, "step `attempts` (retry + 1)"},
      {C::AllowFailure, S::Native, "`try:`"},
      {C::StepGate, S::Rejected, "E0561: a job runs its plan without pausing; gate a pipeline use instead"},
      {C::PipelineGate, S::Native, "the job's `get` has no `trigger: true`: started by `fly trigger-job` or the UI"},
      {C::Services, S::Emulated,
       "a privileged task runs Docker-in-Docker: the services and the step's own image on a network of its own "
       "(note E0562)"},
      {C::OnFailureHook, S::Native, "step `on_failure` and `on_error` (a timeout errors the build)"},
      {C::AlwaysHook, S::Native, "step `ensure`"},
      {C::PushTrigger, S::Native,
       "`git` resource `source` on one branch (`--set concourse.branch`), `get: source, trigger: true`"},
      {C::TagTrigger, S::Native, "a `git` resource per tag glob (`tag_filter`) and a job per pipeline use on it"},
      {C::ManualTrigger, S::Native, "every job can be started by hand (`fly trigger-job`)"},
      {C::Condition, S::Emulated,
       "decided per git resource when compiling (its branch or tag glob); a job only where it holds; E0564 when "
       "it cannot be decided"},
      {C::Environment, S::Emulated, "`serial_groups: [environment-NAME]` and a header line with the url"},
      {C::ChainedPipelines, S::Native, "`passed:` the upstream jobs on the `get` of the source"},
      {C::Params, S::Emulated, "folded when compiling (default or `-p`); without a value: a `((name))` var for `fly "
                               "set-pipeline -v`"},
      {C::Context, S::Emulated,
       "git.branch folded per resource; git.sha/short_sha from `.git/HEAD`, git.tag from `.git/ref` of the checkout; "
       "build.id drawn by a task at the start of the job and loaded with `load_var`; build.number: E0563"},
  };
  return table;
}

}  // namespace slipway::backends
