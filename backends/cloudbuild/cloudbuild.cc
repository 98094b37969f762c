// The Cloud Build backend's entry point: plan the builds of the workflow,
// lower them, derive the triggers, and write the files.

#include "backends/cloudbuild/cloudbuild.h"

#include <algorithm>

#include "backends/cloudbuild/build_yaml.h"
#include "backends/cloudbuild/builds.h"
#include "backends/cloudbuild/grouping.h"
#include "backends/cloudbuild/secrets.h"
#include "backends/cloudbuild/settings.h"
#include "backends/cloudbuild/substitution.h"
#include "backends/cloudbuild/triggers.h"

namespace slipway::backends {

BackendOutput compile_cloudbuild(const ir::Program& program, const BackendOptions& options) {
  using namespace cloudbuild;
  BackendOutput out;
  Settings settings = parse_settings(options.settings, out.diagnostics);
  if (program.workflows.size() > 1) {
    out.diagnostics.push_back(
        Diagnostic::make(DiagCode::E0501, program.workflows[1].span,
                         "Cloud Build files hold one workflow, and `" + program.source_path + "` has " +
                             std::to_string(program.workflows.size()))
            .note("each workflow would write its own cloudbuild-triggers.yaml")
            .with_help("compile one workflow at a time: slipway compile FILE --target cloudbuild --workflow " +
                       program.workflows[0].name));
    return out;
  }
  std::string header = generated_header(options.source_path, "cloudbuild");
  for (const auto& workflow : program.workflows) {
    check_param_names(workflow, out.diagnostics);
    check_secret_bindings(workflow, out.diagnostics);
    BuildPlan plan = plan_builds(workflow, out.diagnostics);
    std::vector<LoweredBuild> builds = lower_builds(workflow, plan, settings, out.diagnostics);
    std::vector<CbTrigger> triggers = make_triggers(workflow, builds, out.diagnostics);
    for (const auto& lb : builds)
      out.files.push_back({lb.build.file, build_yaml(lb.build, header)});
    if (!triggers.empty()) out.files.push_back({kTriggersFile, triggers_yaml(triggers, settings, header)});
  }
  // A pipeline used twice repeats its steps' problems at the same place.
  std::vector<Diagnostic> unique;
  for (auto& d : out.diagnostics) {
    bool seen = std::any_of(unique.begin(), unique.end(), [&](const Diagnostic& u) {
      return u.code == d.code && u.primary == d.primary && u.message == d.message;
    });
    if (!seen) unique.push_back(std::move(d));
  }
  out.diagnostics = std::move(unique);
  // The driver writes nothing when there are errors; neither do tests.
  if (out.has_errors()) out.files.clear();
  return out;
}

}  // namespace slipway::backends
