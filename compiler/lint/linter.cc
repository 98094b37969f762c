#include "compiler/lint/linter.h"

#include <filesystem>

#include "compiler/lint/policy.h"
#include "compiler/lint/rules.h"
#include "compiler/lint/walk.h"
#include "compiler/sema/analyze.h"
#include "compiler/sema/modules.h"

namespace slipway::lint {

std::vector<Diagnostic> lint_source(const std::string& path, std::string text, SourceManager& sources,
                                    const LintConfig* config, const LintOptions& options) {
  DiagnosticEngine diags;
  LoadOptions load;
  load.include_dirs = options.include_dirs;
  ModuleSet modules = load_modules_from_text(path, std::move(text), sources, diags, load);
  bool parsed = true;
  for (const auto& m : modules.modules) parsed &= m.ast != nullptr;
  std::vector<Diagnostic> all;
  if (parsed) {
    AnalyzeOptions analyze_options;
    analyze_options.require_workflow = false;
    ir::Program program = analyze(modules, diags, analyze_options);
    // The IR is meaningful only without errors; the errors are the findings then.
    if (!diags.has_errors()) {
      SourceIndex index(modules, sources);
      static const auto rules = make_rules();
      all = run_rules(program, index, rules);
      // The standard library is not the user's to change.
      std::erase_if(all, [&](const Diagnostic& d) { return index.is_stdlib(d.primary.file); });
    }
  }
  std::vector<Diagnostic> front = diags.in_emission_order();
  all.insert(all.begin(), std::make_move_iterator(front.begin()), std::make_move_iterator(front.end()));

  std::vector<Suppression> suppressions;
  for (const auto& m : modules.modules) {
    if (!m.ast || m.is_stdlib) continue;
    auto found = read_suppressions(*m.ast, sources);
    suppressions.insert(suppressions.end(), found.begin(), found.end());
  }
  return apply_policy(std::move(all), config, suppressions);
}

FileResult lint_file(const std::string& path, SourceManager& sources, ConfigCache& configs,
                     const LintOptions& options) {
  FileResult result;
  std::string text;
  if (!read_text_file(path, text, result.error)) return result;
  std::string dir = std::filesystem::path(path).parent_path().string();
  const LintConfig* config = configs.for_directory(dir.empty() ? "." : dir, result.error);
  if (!result.error.empty()) return result;
  result.findings = lint_source(path, std::move(text), sources, config, options);
  return result;
}

}  // namespace slipway::lint
