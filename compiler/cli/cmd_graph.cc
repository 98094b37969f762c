// `slipway graph FILE [--format dot|mermaid|text] [--pipeline P]`: the DAG as a picture.

#include <iostream>

#include "compiler/cli/driver.h"
#include "compiler/graph/graph_render.h"

namespace slipway::cli {

void register_graph(CLI::App& app, int& exit_code) {
  struct State {
    std::string file;
    std::string format = "dot";
    std::string pipeline;
    FrontEndOptions options;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("graph", "Draw the workflow DAG (Graphviz dot, Mermaid or text)");
  cmd->footer(
      "Examples:\n"
      "  slipway graph ci.slip | dot -Tsvg > ci.svg\n"
      "  slipway graph ci.slip --format mermaid      paste into Markdown\n"
      "  slipway graph ci.slip --format text --pipeline deploy");
  cmd->add_option("file", state->file, "Workflow file")->required()->type_name("FILE");
  cmd->add_option("--format", state->format, "Output format")
      ->check(CLI::IsMember({"dot", "mermaid", "text"}))
      ->default_str("dot");
  cmd->add_option("--pipeline", state->pipeline, "Only this pipeline (or pipeline instance)");
  add_front_end_options(*cmd, state->options, /*with_format=*/false);
  cmd->callback([state, &exit_code] {
    Session session(state->options);
    auto program = session.compile_clean(state->file, exit_code);
    if (!program) return;
    graph::GraphOptions options;
    options.format = state->format == "mermaid" ? graph::Format::Mermaid
                     : state->format == "text"  ? graph::Format::Text
                                                : graph::Format::Dot;
    options.pipeline = state->pipeline;
    if (!graph::render_graph(std::cout, *program, options)) {
      print_error("no pipeline `" + state->pipeline + "` in `" + state->file + "`");
      exit_code = kExitUsage;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace slipway::cli
