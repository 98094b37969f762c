#include "runtime/local_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "runtime/docker/docker_runner.h"
#include "runtime/docker/run_resources.h"
#include "runtime/dry_run_runner.h"
#include "runtime/human_reporter.h"
#include "runtime/interrupts.h"
#include "runtime/json_reporter.h"
#include "runtime/masker.h"
#include "runtime/scheduler.h"
#include "runtime/workspace.h"

namespace slipway::runtime {
namespace {

constexpr int kExitOk = 0, kExitFailed = 1, kExitSetup = 2;

void print_error(std::ostream& err, const Masker& masker, const std::string& message, const std::string& help = "") {
  err << "slipway: error: " << masker.mask(message) << "\n";
  if (!help.empty()) err << "help: " << masker.mask(help) << "\n";
  err.flush();
}

bool color_allowed(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(fd) == 1 && !(no_color && *no_color) && !(term && std::string(term) == "dumb");
}

/// Asks on the controlling terminal; false when there is none or on "no".
bool ask_on_tty(const ir::Gate& gate) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  std::string prompt = "\nslipway: manual gate `" + gate.name + "`: " + gate.message + " [y/N] ";
  (void)!::write(fd, prompt.data(), prompt.size());
  std::string answer;
  char c;
  while (::read(fd, &c, 1) == 1 && c != '\n') answer += c;
  ::close(fd);
  return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace

int run_locally(const ir::Program& program, const LocalRunOptions& options, std::ostream& out, std::ostream& err) {
  Masker masker;
  // 1. The workflow.
  const ir::Workflow* workflow = nullptr;
  std::string names;
  for (const auto& w : program.workflows) names += (names.empty() ? "" : ", ") + w.name;
  if (!options.workflow.empty()) {
    for (const auto& w : program.workflows)
      if (w.name == options.workflow) workflow = &w;
    if (!workflow) {
      print_error(err, masker, "no workflow `" + options.workflow + "` in `" + options.source_file + "`",
                  names.empty() ? "" : "workflows: " + names);
      return kExitSetup;
    }
  } else if (program.workflows.size() == 1) {
    workflow = &program.workflows[0];
  } else {
    print_error(err, masker,
                program.workflows.empty() ? "`" + options.source_file + "` has no workflow"
                                          : "`" + options.source_file + "` has several workflows",
                names.empty() ? "" : "pick one with --workflow: " + names);
    return kExitSetup;
  }

  // 2. Context and plan.
  std::filesystem::path source_dir = std::filesystem::path(options.source_file).parent_path();
  std::string dir = source_dir.empty() ? "." : source_dir.lexically_normal().string();
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  GitContext git = read_git_context(dir, options.branch);
  RunIdentity run = new_run_identity();
  auto plan = build_plan(*workflow, options.plan, git, run);
  if (!plan) {
    print_error(err, masker, plan.error().message, plan.error().help);
    return kExitSetup;
  }

  // 3. Secrets of the steps that may run; every value is masked from here on.
  std::vector<const ir::Step*> may_run;
  for (const auto& ps : plan->steps)
    if (!ps.skip_reason) may_run.push_back(ps.step);
  SecretSources sources = options.secrets;
  sources.fallback_file = (std::filesystem::path(dir) / kFallbackSecretsFile).string();
  auto secrets = load_secrets(*workflow, secrets_used(may_run), sources, options.env);
  SecretStore store;
  if (secrets) {
    store = secrets.value();
  } else if (!options.dry_run) {
    print_error(err, masker, secrets.error().message, secrets.error().help);
    return kExitSetup;
  }
  for (const auto& name : store.from_fallback)
    err << "slipway: note: secret `" << name << "` has no value of its own; using the one in "
        << sources.fallback_file << "\n";
  for (const auto& [name, value] : store.values()) {
    masker.add(value);
    if (!value.empty() && value.size() < 4)
      err << "slipway: warning: secret `" << name << "` is only " << value.size()
          << " characters long; masking it will hide unrelated text too\n";
  }

  // 4. Gates: on a terminal ask when the step is due; otherwise --approve.
  SchedulerOptions sched;
  sched.jobs = options.jobs;
  sched.keep_going = options.keep_going;
  sched.run_id = run.id;
  sched.approved_gates.insert(options.approve.begin(), options.approve.end());
  bool interactive = ::isatty(STDIN_FILENO) == 1;
  for (const auto& ps : plan->steps) {
    if (ps.skip_reason) continue;
    for (const ir::Gate* gate : ps.gates) {
      if (sched.approved_gates.count(gate->name) || options.dry_run || interactive) continue;
      print_error(err, masker,
                  "step `" + ps.step->id + "` waits at manual gate `" + gate->name + "` (\"" + gate->message +
                      "\"), and stdin is not a terminal to ask",
                  "approve it up front with --approve " + gate->name);
      return kExitSetup;
    }
  }
  if (options.dry_run) {
    for (const auto& ps : plan->steps)
      for (const ir::Gate* gate : ps.gates) sched.approved_gates.insert(gate->name);
  } else if (interactive) {
    sched.ask_gate = ask_on_tty;
  }

  // 5. Reporter.
  std::unique_ptr<Reporter> reporter;
  if (options.json) {
    reporter = std::make_unique<JsonReporter>(out, masker);
  } else {
    HumanReporterOptions human;
    human.color = color_allowed(STDOUT_FILENO);
    human.live_status = ::isatty(STDOUT_FILENO) == 1 && std::getenv("TERM") && std::string(std::getenv("TERM")) != "dumb";
    reporter = std::make_unique<HumanReporter>(out, masker, human);
  }
  ValueScope scope;
  scope.workflow = workflow;
  scope.git = &git;
  scope.run = &run;
  scope.secrets = &store;
  scope.placeholder_secrets = options.dry_run;

  // 6a. Dry run: no engine at all.
  if (options.dry_run) {
    if (!secrets) reporter->notice("(dry run) " + secrets.error().message);
    DryRunRunner runner;
    RunSummary summary = run_plan(plan.value(), runner, *reporter, scope, sched);
    return summary.succeeded() ? kExitOk : kExitFailed;
  }

  // 6b. The engine.
  auto endpoint = engine::endpoint_from_environment();
  if (!endpoint) {
    print_error(err, masker, "DOCKER_HOST `" + std::string(std::getenv("DOCKER_HOST")) + "` is not supported",
                "use unix:///path/to/docker.sock or tcp://HOST:PORT");
    return kExitSetup;
  }
  auto client = engine::EngineClient::connect(*endpoint);
  if (!client) {
    if (client.error().kind == engine::EngineError::Kind::Unreachable)
      print_error(err, masker, engine::unreachable_message(*endpoint, client.error()), engine::unreachable_help());
    else
      print_error(err, masker, "the Docker engine at " + endpoint->display + " answered badly: " + client.error().describe());
    return kExitSetup;
  }
  InterruptCounter interrupts;
  sched.interrupts = [] { return InterruptCounter::count(); };
  docker::RunResources resources(*client.value(), run.id);

  // Host files holding secret values stay out of the workspace.
  std::vector<std::string> secret_files = {sources.fallback_file};
  if (!sources.secrets_file.empty()) secret_files.push_back(sources.secrets_file);
  for (const auto& spec : sources.cli)
    if (auto at = spec.find("=file:"); at != std::string::npos) secret_files.push_back(spec.substr(at + 6));
  for (const auto& s : workflow->secrets)
    if (auto b = s.bindings.find("local"); b != s.bindings.end() && b->second.qualifier == "file")
      secret_files.push_back(b->second.value);
  auto workspace = pack_workspace(git.is_repo ? git.root : dir, secret_files);
  if (!workspace) {
    print_error(err, masker, workspace.error().message, workspace.error().help);
    return kExitSetup;
  }
  std::vector<std::string> images;
  for (const auto& ps : plan->steps)
    if (!ps.skip_reason)
      if (auto image = resolve_text(ps.step->image, scope); image && !image->empty()) images.push_back(image.value());
  if (auto prepared = resources.prepare_workspace(workspace->tar, images); !prepared) {
    (void)resources.cleanup();
    print_error(err, masker, prepared.error().message, prepared.error().help);
    return kExitSetup;
  }
  if (!options.json)
    reporter->notice("copied " + std::to_string(workspace->files) + " files (" +
                     std::to_string(workspace->bytes / 1024) + " KiB) from " + workspace->root +
                     (workspace->from_git ? " (git)" : "") + " into the workspace volume");
  RunSummary summary;
  {
    docker::DockerRunner runner(resources, std::max<size_t>(1, options.jobs));
    summary = run_plan(plan.value(), runner, *reporter, scope, sched);
    if (summary.forced) {
      // Second interrupt: remove everything now; workers may still be blocked.
      auto report = resources.cleanup();
      err << "slipway: forced stop: removed " << report.total() << " engine objects of run " << run.id << "\n";
      err.flush();
      out.flush();
      std::_Exit(kExitFailed);
    }
  }
  auto report = resources.cleanup();
  if (summary.interrupted && !options.json)
    err << "slipway: cleaned up " << report.total() << " engine objects of run " << run.id << "\n";
  for (const auto& e : report.errors) err << "slipway: warning: cleanup: " << masker.mask(e) << "\n";
  return summary.succeeded() ? kExitOk : kExitFailed;
}

}  // namespace slipway::runtime
