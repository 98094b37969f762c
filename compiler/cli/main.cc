// The `slipway` command: subcommands over the compiler, backends and runtime.

#include <iostream>

#include "compiler/cli/driver.h"

int main(int argc, char** argv) {
  using namespace slipway::cli;
  CLI::App app{"Slipway: one typed workflow, compiled to Cloud Build, Concourse, GitLab CI and Wercker, or run on Docker"};
  app.name("slipway");
  app.set_version_flag("--version", std::string("slipway ") + SLIPWAY_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  slipway check ci.slip                 type-check a workflow\n"
      "  slipway ir ci.slip --json             print the expanded IR\n"
      "  slipway compile ci.slip --target all  write CI configs for every target\n"
      "  slipway help check                    help for one subcommand\n\n"
      "Exit status: 0 ok, 1 findings or failure, 2 usage or I/O error.");
  int exit_code = kExitOk;
  register_check(app, exit_code);
  register_ir(app, exit_code);
  register_compile(app, exit_code);
  register_run(app, exit_code);
  register_gc(app, exit_code);
  register_graph(app, exit_code);
  register_lint(app, exit_code);
  register_fmt(app, exit_code);

  // `slipway help [SUBCOMMAND]`
  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for a subcommand");
  help->add_option("subcommand", help_topic, "Subcommand name");
  help->callback([&] {
    if (help_topic.empty()) {
      std::cout << app.help();
      return;
    }
    for (CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == help_topic && sub != help) {
        std::cout << sub->help();
        return;
      }
    }
    print_error("no subcommand `" + help_topic + "`; see `slipway --help`");
    exit_code = kExitUsage;
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(e.what());
    std::cerr << "run `slipway --help` for usage\n";
    return kExitUsage;
  }
  return exit_code;
}
