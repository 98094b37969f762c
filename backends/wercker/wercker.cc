// compile_wercker: the passes in order. Settings are checked, names and
// secrets decided (Lowering::prepare), the workflow planned into pipelines,
// and the model emitted — or, with any error, only the diagnostics returned.

#include "backends/wercker/wercker.h"

#include "backends/wercker/emit.h"
#include "backends/wercker/lowering.h"
#include "backends/wercker/plan.h"

namespace slipway::backends {
namespace {

/// Wercker takes no settings; a `wercker.*` one is a typo worth reporting.
void check_settings(const BackendOptions& options, std::vector<Diagnostic>& diags) {
  for (const auto& entry : options.settings) {
    if (entry.first.rfind("wercker.", 0) != 0) continue;
    // Settings come from the command line: there is no source span to point at.
    diags.push_back(Diagnostic::make(DiagCode::E0589, Span{}, "unknown setting `" + entry.first + "`")
                        .with_help("Wercker takes no settings; drop `--set " + entry.first + "`"));
  }
}

}  // namespace

BackendOutput compile_wercker(const ir::Program& program, const BackendOptions& options) {
  BackendOutput out;
  if (program.workflows.empty()) return out;
  if (program.workflows.size() > 1) {
    out.diagnostics.push_back(
        Diagnostic::make(DiagCode::E0501, program.workflows[1].span,
                         "a `wercker.yml` is compiled from one workflow, and `" + program.source_path + "` has " +
                             std::to_string(program.workflows.size()))
            .with_help("compile one workflow at a time: slipway compile FILE --target wercker --workflow " +
                       program.workflows[0].name));
    return out;
  }
  wercker::Lowering lowering(program.workflows[0], options);
  check_settings(options, lowering.diagnostics);
  lowering.prepare();
  wercker::File file = wercker::plan_file(lowering);
  out.diagnostics = std::move(lowering.diagnostics);
  if (out.has_errors()) return out;
  out.files.push_back({"wercker.yml", wercker::emit_file(file, generated_header(options.source_path, "wercker"))});
  return out;
}

}  // namespace slipway::backends
