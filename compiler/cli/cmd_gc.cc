// `slipway gc`: remove containers, volumes and networks left by runs that
// crashed (their slipway process on this host is gone), found by label.

#include <signal.h>

#include <iostream>

#include "compiler/cli/driver.h"
#include "runtime/docker/run_resources.h"
#include "runtime/engine/engine_client.h"

namespace slipway::cli {

void register_gc(CLI::App& app, int& exit_code) {
  struct State {
    bool all = false;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("gc", "Remove engine objects left behind by crashed runs");
  cmd->footer(
      "Examples:\n"
      "  slipway gc         remove objects of runs whose slipway process is gone\n"
      "  slipway gc --all   also those of runs still in progress\n\n"
      "Exit status: 0 ok, 1 some objects could not be removed, 2 no engine.");
  cmd->add_flag("--all", state->all, "Also remove objects of runs that are still running");
  cmd->callback([state, &exit_code] {
    namespace engine = runtime::engine;
    namespace docker = runtime::docker;
    auto endpoint = engine::endpoint_from_environment();
    if (!endpoint) {
      print_error("DOCKER_HOST is not a unix:// or tcp:// address");
      exit_code = kExitUsage;
      return;
    }
    auto client = engine::EngineClient::connect(*endpoint);
    if (!client) {
      print_error(client.error().kind == engine::EngineError::Kind::Unreachable
                      ? engine::unreachable_message(*endpoint, client.error())
                      : client.error().describe());
      std::cerr << "help: " << engine::unreachable_help() << "\n";
      exit_code = kExitUsage;
      return;
    }
    std::string host = docker::host_name();
    bool all = state->all;
    // A run is alive when its slipway process still exists on this host.
    auto keep = [&](const std::map<std::string, std::string>& labels) {
      if (all) return false;
      auto h = labels.find(docker::kHostLabel);
      auto p = labels.find(docker::kPidLabel);
      if (h == labels.end() || p == labels.end() || h->second != host) return false;
      int pid = std::atoi(p->second.c_str());
      return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
    };
    auto report = docker::remove_labelled(*client.value(), docker::kRunLabel, keep);
    std::cout << "removed " << report.containers << " container" << (report.containers == 1 ? "" : "s") << ", "
              << report.volumes << " volume" << (report.volumes == 1 ? "" : "s") << ", " << report.networks
              << " network" << (report.networks == 1 ? "" : "s") << "\n";
    for (const auto& e : report.errors) print_error("could not remove " + e);
    exit_code = report.errors.empty() ? kExitOk : kExitFindings;
  });
}

}  // namespace slipway::cli
