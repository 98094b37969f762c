// compile_gitlab: the pipeline as the passes run it. Settings are checked,
// names decided (Lowering::prepare), the workflow planned into jobs, and the
// model emitted — or, with any error, only the diagnostics are returned.

#include "backends/gitlab/gitlab.h"

#include "backends/gitlab/emit.h"
#include "backends/gitlab/lowering.h"
#include "backends/gitlab/plan.h"

namespace slipway::backends {
namespace {

/// `--set gitlab.gate_image=IMAGE` is the only GitLab setting: the image of
/// the jobs that stand for pipeline gates (they only print a line).
void check_settings(const BackendOptions& options, std::vector<Diagnostic>& diags) {
  for (const auto& [key, value] : options.settings) {
    if (key.rfind("gitlab.", 0) != 0) continue;
    // Settings come from the command line: there is no source span to point at.
    if (key != "gitlab.gate_image")
      diags.push_back(Diagnostic::make(DiagCode::E0556, Span{}, "unknown setting `" + key + "`")
                          .with_help("GitLab CI takes gitlab.gate_image"));
    else if (value.empty() || value.find('$') != std::string::npos)
      diags.push_back(Diagnostic::make(DiagCode::E0556, Span{}, "`--set gitlab.gate_image` is not an image name")
                          .with_help("write e.g. gitlab.gate_image=alpine:3.20"));
  }
}

}  // namespace

BackendOutput compile_gitlab(const ir::Program& program, const BackendOptions& options) {
  BackendOutput out;
  if (program.workflows.empty()) return out;
  if (program.workflows.size() > 1) {
    out.diagnostics.push_back(
        Diagnostic::make(DiagCode::E0501, program.workflows[1].span,
                         "a `.gitlab-ci.yml` holds one workflow, and `" + program.source_path + "` has " +
                             std::to_string(program.workflows.size()))
            .with_help("compile one workflow at a time: slipway compile FILE --target gitlab --workflow " +
                       program.workflows[0].name));
    return out;
  }
  gitlab::Lowering lowering(program.workflows[0], options);
  check_settings(options, lowering.diagnostics);
  lowering.prepare();
  gitlab::Pipeline pipeline = gitlab::plan_pipeline(lowering);
  std::vector<std::string> header = lowering.secrets.header_lines();
  for (auto& line : pipeline.header) header.push_back(std::move(line));
  pipeline.header = std::move(header);
  out.diagnostics = std::move(lowering.diagnostics);
  if (out.has_errors()) return out;
  out.files.push_back({".gitlab-ci.yml", gitlab::emit_pipeline(pipeline, generated_header(options.source_path, "gitlab"))});
  return out;
}

}  // namespace slipway::backends
