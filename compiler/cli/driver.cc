#include "compiler/cli/driver.h"

#include <unistd.h>

#include <iostream>
#include <sstream>

#include "compiler/diag/render_human.h"
#include "compiler/diag/render_json.h"

namespace slipway::cli {

void print_error(const std::string& message) {
  bool color = should_use_color(STDERR_FILENO);
  std::cerr << "slipway: " << (color ? "\x1b[1;31merror\x1b[0m" : "error") << ": " << message << "\n";
}

void add_front_end_options(CLI::App& cmd, FrontEndOptions& options, bool with_format) {
  cmd.add_option("-I,--include", options.include_dirs, "Directory searched for imports (repeatable)")
      ->type_name("DIR");
  cmd.add_option("-p,--param", options.param_overrides, "Set a param at compile time (repeatable)")
      ->type_name("NAME=VALUE");
  if (with_format)
    cmd.add_option("--format", options.format, "Diagnostic format")
        ->check(CLI::IsMember({"human", "json"}))
        ->default_str("human");
}

bool Session::parse_overrides(const std::vector<std::string>& raw, std::map<std::string, std::string>& out) {
  for (const auto& item : raw) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      print_error("`-p " + item + "`: expected NAME=VALUE");
      return false;
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return true;
}

std::optional<ir::Program> Session::compile(const std::string& path, bool require_workflow) {
  LoadOptions load;
  load.include_dirs = options_.include_dirs;
  LoadResult loaded = load_modules(path, sources_, diags_, load);
  if (loaded.io_failed) {
    print_error(loaded.io_error);
    io_failed_ = true;
    return std::nullopt;
  }
  // Analysis needs a parsed root; parse errors are already diagnostics.
  bool parsed = true;
  for (const auto& m : loaded.set.modules) parsed &= m.ast != nullptr;
  if (!parsed) return ir::Program{path, {}};
  AnalyzeOptions analyze_options;
  analyze_options.require_workflow = require_workflow;
  parse_overrides(options_.param_overrides, analyze_options.param_overrides);
  return analyze(loaded.set, diags_, analyze_options);
}

std::optional<ir::Program> Session::compile_clean(const std::string& path, int& exit_code) {
  auto program = compile(path);
  if (io_failed()) {
    exit_code = kExitUsage;
    return std::nullopt;
  }
  print_diagnostics();
  if (!program || has_errors()) {
    exit_code = kExitFindings;
    return std::nullopt;
  }
  return program;
}

void Session::print_diagnostics() {
  auto all = diags_.sorted();
  if (options_.format == "json") {
    render_json(std::cout, sources_, all);
    return;
  }
  HumanRenderOptions render;
  render.color = should_use_color(STDERR_FILENO);
  // std::cerr flushes after every insertion: rendered straight into it, a
  // large file's warnings cost about 33 write calls each (140,000 for the
  // 10,000-step benchmark file). Render once, write once.
  std::ostringstream text;
  render_human(text, sources_, all, render);
  std::cerr << text.str() << std::flush;
}

}  // namespace slipway::cli
