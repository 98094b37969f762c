#pragma once
// Runs generated Concourse pipelines on this machine, the way a worker
// would as far as a test can tell: a task runs its `run.path` + `run.args`
// in a directory holding its inputs and outputs, with its params as the
// environment and `((var))` references filled in from build-local vars and
// credentials. Tasks run on the host, not in their image (no registry is
// reachable), so only pipelines whose commands exist here can run; the
// Docker-in-Docker tasks find this machine's engine already answering.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>


namespace slipway::test {

std::string shell_quote(const std::string& text);

/// Calls `visit(step, json_path)` for every plan step of every job, nested
/// ones included (do, in_parallel, try, hooks).
void for_each_plan_step(const YAML::Node& doc, const std::function<void(const YAML::Node&, const std::string&)>& visit);

/// The plan step `task: NAME` anywhere in the pipeline (null when absent).
YAML::Node find_task(const YAML::Node& doc, const std::string& name);

struct TaskRun {
  int exit_code;
  std::string out;
  std::string err;
};

/// Runs one task in `dir` (which holds its inputs), with its params as the
/// environment; a param `((NAME))` takes `vars[NAME]` (build-local vars are
/// named `.:NAME`), or the empty string.
TaskRun run_task(const YAML::Node& task, const std::map<std::string, std::string>& vars, const std::string& dir);

struct JobRun {
  bool succeeded = true;
  std::vector<std::string> order;          ///< the tasks run, in the order they ran
  std::map<std::string, TaskRun> tasks;    ///< the last run of each task
  std::map<std::string, std::string> vars; ///< credentials plus the vars load_var set
  std::string problem;                     ///< a plan step the harness cannot run
};

/// Runs the plan of `job`: `get` finds its artifact already in `dir`; a task
/// gets its output directories made, runs, and fails the job unless it is
/// inside `try`; `load_var` reads a file into the build-local var (`raw`);
/// `do` runs in order; `in_parallel` runs its steps one after another (each
/// sees the artifacts as the steps before left them; on Concourse the
/// branches start from the same state); `attempts`, `on_failure`, `ensure` and
/// `try` behave as on Concourse (a task that exits non-zero fails; errors,
/// which run `on_error`, do not happen here). All artifacts live in `dir`.
JobRun run_job(const YAML::Node& job, const std::map<std::string, std::string>& credentials, const std::string& dir);

}  // namespace slipway::test
