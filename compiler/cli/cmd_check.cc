// `slipway check FILE...`: parse and run every semantic check.

#include "compiler/cli/driver.h"

namespace slipway::cli {

void register_check(CLI::App& app, int& exit_code) {
  struct State {
    std::vector<std::string> files;
    FrontEndOptions options;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("check", "Parse and type-check workflow files");
  cmd->footer(
      "Examples:\n"
      "  slipway check ci.slip\n"
      "  slipway check examples/*/*.slip --format json\n"
      "  slipway check -I ../company-lib -p region=europe-west1 ci.slip\n\n"
      "Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.");
  cmd->add_option("files", state->files, "Workflow files (*.slip)")->required()->type_name("FILE");
  add_front_end_options(*cmd, state->options);
  cmd->callback([state, &exit_code] {
    std::map<std::string, std::string> overrides;
    if (!Session::parse_overrides(state->options.param_overrides, overrides)) {
      exit_code = kExitUsage;
      return;
    }
    Session session(state->options);
    for (const auto& file : state->files) (void)session.compile(file, /*require_workflow=*/false);
    session.print_diagnostics();
    if (session.io_failed()) exit_code = kExitUsage;
    else exit_code = session.has_errors() ? kExitFindings : kExitOk;
  });
}

}  // namespace slipway::cli
