// Hook emulation. Cloud Build runs no step after a failed one, so a step
// with `on_failure`/`always` hooks is allowed to fail (`allowFailure`) and
// records its exit status in /workspace/.slipway/status/<id>; its hooks
// wait for it (an `on_failure` hook exits 0 at once when the status is 0);
// and `<id>.result` waits for the step and all its hooks, then fails the
// build when the step failed. Everything that waited for the step waits for
// the result step instead, so nothing downstream runs after a failure.

#include "backends/cloudbuild/lowering.h"
#include "backends/cloudbuild/substitution.h"

namespace slipway::backends::cloudbuild {

bool needs_result_step(const ir::Step& step) {
  // An allowed failure lets the build go on anyway: no result step to fail it.
  return !step.is_hook() && !step.allow_failure && (!step.on_failure.empty() || !step.always.empty());
}

std::string settled_id(const ir::Step& step) { return needs_result_step(step) ? step.id + ".result" : step.id; }

CbStep result_step(const ir::Step& step, const BuildScope& scope) {
  CbStep out;
  out.id = settled_id(step);
  out.name = scope.settings.docker_image;
  out.entrypoint = "sh";
  std::string file = sh_quote(status_file(step.id));
  std::string program =
      "# slipway: fails the build if step " + step.id + " failed, now that its hooks have run (docs/backends.md)\n"
      "slipway_status=\n"
      "[ -f " + file + " ] && read -r slipway_status < " + file + "\n"
      "[ \"$slipway_status\" = 0 ] && exit 0\n"
      "slipway_how=\"exit status $slipway_status\"\n"
      "[ -n \"$slipway_status\" ] || slipway_how='stopped before it finished'\n"
      "printf 'slipway: step %s failed (%s)\\n' " + sh_quote(step.id) + " \"$slipway_how\" >&2\n"
      "exit 1\n";
  out.args = {"-c", escape_dollars(program)};
  return out;
}

}  // namespace slipway::backends::cloudbuild
