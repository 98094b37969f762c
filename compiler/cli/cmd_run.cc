// `slipway run FILE`: check the workflow, then run it on the local Docker
// engine (or describe it with --dry-run). The work is runtime::run_locally;
// this file is options → compile → run.

#include <algorithm>
#include <iostream>
#include <thread>

#include "compiler/cli/driver.h"
#include "runtime/local_run.h"

namespace slipway::cli {

void register_run(CLI::App& app, int& exit_code) {
  struct State {
    std::string file;
    runtime::LocalRunOptions run;
    std::string branch;
    FrontEndOptions options;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("run", "Run a workflow on the local Docker engine");
  cmd->footer(
      "Examples:\n"
      "  slipway run ci.slip                          every pipeline of the only workflow\n"
      "  slipway run ci.slip --step build.test        one step and what it needs\n"
      "  slipway run ci.slip --secret token=env:TOKEN --approve production\n"
      "  slipway run ci.slip --dry-run                show what would run; no engine needed\n"
      "  slipway run ci.slip --json                   a stream of JSON events on stdout\n\n"
      "Secrets come from --secret, --secrets-file (NAME=VALUE lines), the secret's `local` binding,\n"
      "or the environment variable named after it in upper case, or a .slipway-secrets file beside the\n"
      "workflow (NAME=VALUE demo values, used last); they are masked as *** everywhere.\n"
      "Engine objects carry the label slipway.run=<id> and are removed at the end (`slipway gc` removes\n"
      "leftovers of crashed runs). The engine is DOCKER_HOST, default unix:///var/run/docker.sock.\n\n"
      "Exit status: 0 every required step succeeded, 1 otherwise, 2 usage, setup or engine error.");
  cmd->add_option("file", state->file, "Workflow file")->required()->type_name("FILE");
  cmd->add_option("-w,--workflow", state->run.workflow, "The workflow to run (needed when there are several)");
  cmd->add_option("--pipeline", state->run.plan.pipelines, "Run only this pipeline instance (repeatable)")
      ->type_name("NAME");
  cmd->add_option("--step", state->run.plan.steps, "Run only this step and what it needs (repeatable)")
      ->type_name("STEP");
  cmd->add_option("--secret", state->run.secrets.cli, "Where a secret's value comes from (repeatable)")
      ->type_name("NAME=env:VAR|file:PATH");
  cmd->add_option("--secrets-file", state->run.secrets.secrets_file, "A file of NAME=VALUE secret lines")
      ->type_name("FILE");
  cmd->add_option("--branch", state->branch, "Evaluate `when` conditions as if on this branch")->type_name("BRANCH");
  cmd->add_option("-j,--jobs", state->run.jobs, "Steps run at once")->default_val(std::max(1u, std::thread::hardware_concurrency()))
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--keep-going", state->run.keep_going, "After a failure, let independent steps finish");
  cmd->add_flag("--dry-run", state->run.dry_run, "Show what would run, in order; touch no engine");
  cmd->add_flag("--json", state->run.json, "Print JSON events (one per line) instead of text");
  cmd->add_option("--approve", state->run.approve, "Approve a manual gate up front (repeatable)")->type_name("GATE");
  add_front_end_options(*cmd, state->options, false);
  cmd->callback([state, &exit_code] {
    Session session(state->options);
    auto program = session.compile_clean(state->file, exit_code);
    if (!program) return;
    state->run.source_file = state->file;
    if (!state->branch.empty()) state->run.branch = state->branch;
    exit_code = runtime::run_locally(*program, state->run, std::cout, std::cerr);
  });
}

}  // namespace slipway::cli
