// `slipway ir FILE [--json]`: print the IR that backends and the runtime read.

#include <iostream>

#include "compiler/cli/driver.h"
#include "compiler/ir/ir_json.h"

namespace slipway::cli {

void register_ir(CLI::App& app, int& exit_code) {
  struct State {
    std::string file;
    bool json = false;
    FrontEndOptions options;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("ir", "Print the workflow IR (templates expanded, names resolved)");
  cmd->footer(
      "Examples:\n"
      "  slipway ir ci.slip --json\n"
      "  slipway ir ci.slip --json -p region=us-east1 | jq '.workflows[0].instances'\n\n"
      "The JSON has a stable field order: the same input prints the same bytes.");
  cmd->add_option("file", state->file, "Workflow file")->required()->type_name("FILE");
  cmd->add_flag("--json", state->json, "Print JSON (the only format for now)");
  add_front_end_options(*cmd, state->options);
  cmd->callback([state, &exit_code] {
    Session session(state->options);
    auto program = session.compile_clean(state->file, exit_code);
    if (!program) return;
    std::cout << ir::to_json(*program, session.sources()).dump(2) << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace slipway::cli
