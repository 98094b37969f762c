// `slipway lint [PATH]...`: every semantic check plus the lint rules, with
// per-project configuration, inline suppressions, and human, JSON or SARIF
// output.

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "compiler/cli/driver.h"
#include "compiler/diag/render_human.h"
#include "compiler/diag/render_json.h"
#include "compiler/lint/render_sarif.h"
#include "compiler/lint/run.h"

namespace slipway::cli {

namespace {

// Below this many files a single process is faster than starting workers.
constexpr size_t kFilesPerWorkerProcess = 8;

unsigned online_cpus() {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 1;
}

}  // namespace

void register_lint(CLI::App& app, int& exit_code) {
  struct State {
    std::vector<std::string> paths;
    std::vector<std::string> include_dirs;
    std::string format = "human";
    bool strict = false;
    unsigned jobs = 0;
    std::string docs_base;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("lint", "Check workflow files and report likely CI mistakes (lint rules)");
  cmd->footer(
      "Examples:\n"
      "  slipway lint                         every *.slip below the current directory\n"
      "  slipway lint ci/ deploy.slip --strict\n"
      "  slipway lint --format sarif > slipway.sarif\n\n"
      "Rules, their levels, `.slipway.yaml` and `# slipway: ignore[RULE] reason`: docs/lint.md.\n"
      "Exit status: 0 clean, 1 findings at error level (with --strict: any finding),\n"
      "2 usage, I/O or configuration error.");
  cmd->add_option("paths", state->paths, "Files or directories (searched for *.slip); default: .")->type_name("PATH");
  cmd->add_option("-I,--include", state->include_dirs, "Directory searched for imports (repeatable)")->type_name("DIR");
  cmd->add_option("--format", state->format, "Output format")
      ->check(CLI::IsMember({"human", "json", "sarif"}))
      ->default_str("human");
  cmd->add_flag("--strict", state->strict, "Exit 1 on any finding, not only on errors");
  cmd->add_option("-j,--jobs", state->jobs, "Worker processes (default: one per CPU for 8 files or more)")
      ->type_name("N");
  cmd->add_option("--docs-base", state->docs_base, "Prefix of the documentation links in SARIF (default: repository-relative)")
      ->type_name("URL");
  cmd->callback([state, &exit_code] {
    std::vector<std::string> errors;
    std::vector<std::string> files =
        lint::collect_files(state->paths.empty() ? std::vector<std::string>{"."} : state->paths, errors);
    unsigned jobs = state->jobs;
    if (jobs == 0) jobs = files.size() >= kFilesPerWorkerProcess ? online_cpus() : 1;

    lint::LintOptions options;
    options.include_dirs = state->include_dirs;
    lint::LintRun run;
    lint::lint_files(files, options, jobs, run);
    errors.insert(errors.end(), run.errors.begin(), run.errors.end());

    bool failing = false;
    for (const Diagnostic& d : run.findings) failing |= state->strict || d.severity == Severity::Error;
    exit_code = !errors.empty() ? kExitUsage : failing ? kExitFindings : kExitOk;

    for (const auto& e : errors) print_error(e);
    if (state->format == "json") {
      render_json(std::cout, run.sources, run.findings);
    } else if (state->format == "sarif") {
      lint::SarifOptions sarif;
      sarif.tool_version = SLIPWAY_VERSION;
      sarif.docs_base = state->docs_base;
      std::error_code ec;
      sarif.working_dir = std::filesystem::current_path(ec).string();
      sarif.execution_successful = errors.empty();
      sarif.exit_code = exit_code;
      sarif.errors = errors;
      lint::render_sarif(std::cout, run.sources, run.findings, sarif);
    } else {
      HumanRenderOptions render;
      render.color = should_use_color(STDERR_FILENO);
      // std::cerr is unbuffered: one write instead of one per piece of text.
      std::ostringstream text;
      render_human(text, run.sources, run.findings, render);
      std::cerr << text.str();
    }
  });
}

}  // namespace slipway::cli
