// compile_concourse: the passes in order. Settings are read and names
// decided (Lowering::prepare), the workflow planned into jobs, and the model
// emitted — or, with any error, only the diagnostics are returned.

#include "backends/concourse/concourse.h"

#include <set>
#include <tuple>

#include "backends/concourse/emit.h"
#include "backends/concourse/lowering.h"
#include "backends/concourse/plan.h"

namespace slipway::backends {
namespace {

/// How to set the pipeline, and what it reads from outside the file.
std::vector<std::string> usage_lines(const ir::Workflow& workflow, const concourse::Lowering& lowering) {
  std::vector<std::string> out;
  std::string vars;
  if (!lowering.options.settings.count("concourse.repository")) vars += " -v repository=URI";
  for (const auto& name : lowering.static_vars) vars += " -v " + name + "=VALUE";
  out.push_back("Set it with: fly -t TARGET set-pipeline -p " + workflow.name + " -c pipeline.yml" + vars);
  out.push_back("New pipelines start paused: fly -t TARGET unpause-pipeline -p " + workflow.name);
  if (!lowering.credentials.empty()) {
    std::string list;
    for (const auto& [_, credential] : lowering.credentials) list += " ((" + credential + "))";
    out.push_back("Credentials from the credential manager:" + list);
  }
  return out;
}

/// Each pipeline instance is lowered once per source resource, so the same
/// finding can come up more than once.
std::vector<Diagnostic> unique(std::vector<Diagnostic> diagnostics) {
  std::vector<Diagnostic> out;
  std::set<std::tuple<uint16_t, uint32_t, uint32_t, std::string>> seen;
  for (auto& d : diagnostics)
    if (seen.insert({static_cast<uint16_t>(d.code), d.primary.begin.line, d.primary.begin.col, d.message}).second)
      out.push_back(std::move(d));
  return out;
}

}  // namespace

BackendOutput compile_concourse(const ir::Program& program, const BackendOptions& options) {
  BackendOutput out;
  if (program.workflows.empty()) return out;
  if (program.workflows.size() > 1) {
    out.diagnostics.push_back(
        Diagnostic::make(DiagCode::E0501, program.workflows[1].span,
                         "a Concourse `pipeline.yml` holds one workflow, and `" + program.source_path + "` has " +
                             std::to_string(program.workflows.size()))
            .with_help("compile one workflow at a time: slipway compile FILE --target concourse --workflow " +
                       program.workflows[0].name));
    return out;
  }
  const ir::Workflow& workflow = program.workflows[0];
  concourse::Lowering lowering(workflow, options);
  lowering.prepare();
  concourse::Pipeline pipeline = concourse::plan_pipeline(lowering);
  std::vector<std::string> header = usage_lines(workflow, lowering);
  for (auto& line : pipeline.header) header.push_back(std::move(line));
  pipeline.header = std::move(header);
  out.diagnostics = unique(std::move(lowering.diagnostics));
  if (out.has_errors()) return out;
  out.files.push_back({"pipeline.yml", concourse::emit_pipeline(pipeline, generated_header(options.source_path, "concourse"))});
  return out;
}

}  // namespace slipway::backends
