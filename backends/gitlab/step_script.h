#pragma once
// A step's command as a GitLab `script:`, with the environment it needs.
//
// GitLab starts a job's container with the image's ENTRYPOINT and hands it a
// shell script, so a step that sets an entrypoint gets `entrypoint: [""]`
// (the runner's shell starts directly) and its command line becomes
// entrypoint + argv. A script step's entrypoint must be a shell; its options
// (`-eu`, `-o pipefail`) become a `set` line before the script.
//
// Literal env values become job `variables:` (with `expand: false` when they
// hold `$`). Every value with a reference (param, context, output, secret)
// is exported by the job's shell instead, which expands it exactly once:
// GitLab expands `variables:` values on the server and again on the runner,
// so a `$` inside a param or a branch name would be read as a reference.
// Secrets stay masked that way too: GitLab masks a value wherever it is
// printed, and `export KEY="$VAR"` shows only the variable's name.

#include <string>
#include <vector>

#include "backends/gitlab/lowering.h"
#include "backends/gitlab/model.h"

namespace slipway::backends::gitlab {

struct StepScript {
  std::vector<ScriptEntry> script;
  std::vector<Variable> variables;
  bool clear_entrypoint = false;  ///< the step sets an entrypoint: start the runner's shell instead
  bool exports_outputs = false;   ///< the job writes a dotenv report
};

/// Lowers run, entrypoint, workdir, env and files of `step`. Reports a
/// script step whose entrypoint is not a shell (E0544) and a step with
/// nothing to run (E0554).
StepScript lower_step_script(const ir::Step& step, Lowering& lowering);

}  // namespace slipway::backends::gitlab
