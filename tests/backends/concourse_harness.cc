#include "tests/backends/concourse_harness.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace slipway::test {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void for_each_plan_step(const YAML::Node& doc, const std::function<void(const YAML::Node&, const std::string&)>& visit) {
  std::function<void(const YAML::Node&, const std::string&)> walk = [&](const YAML::Node& step, const std::string& path) {
    visit(step, path);
    if (step["do"])
      for (size_t i = 0; i < step["do"].size(); ++i) walk(step["do"][i], path + ".do[" + std::to_string(i) + "]");
    if (step["in_parallel"])
      for (size_t i = 0; i < step["in_parallel"]["steps"].size(); ++i)
        walk(step["in_parallel"]["steps"][i], path + ".in_parallel.steps[" + std::to_string(i) + "]");
    for (const char* single : {"try", "on_failure", "on_error", "ensure"})
      if (step[single]) walk(step[single], path + "." + single);
  };
  for (size_t j = 0; j < doc["jobs"].size(); ++j)
    for (size_t i = 0; i < doc["jobs"][j]["plan"].size(); ++i)
      walk(doc["jobs"][j]["plan"][i], "$.jobs[" + std::to_string(j) + "].plan[" + std::to_string(i) + "]");
}

YAML::Node find_task(const YAML::Node& doc, const std::string& name) {
  YAML::Node found;
  for_each_plan_step(doc, [&](const YAML::Node& step, const std::string&) {
    if (step["task"] && step["task"].as<std::string>() == name) found = step;
  });
  return found;
}

TaskRun run_task(const YAML::Node& task, const std::map<std::string, std::string>& vars, const std::string& dir) {
  std::string env;
  auto add = [&](const YAML::Node& params) {
    if (!params) return;
    for (const auto& kv : params) {
      std::string value = kv.second.as<std::string>();
      if (value.rfind("((", 0) == 0) {
        std::string name = value.substr(2, value.size() - 4);
        value = vars.count(name) ? vars.at(name) : "";
      }
      env += kv.first.as<std::string>() + "=" + shell_quote(value) + " ";
    }
  };
  add(task["config"]["params"]);
  add(task["params"]);
  const YAML::Node& r = task["config"]["run"];
  std::string command = shell_quote(r["path"].as<std::string>());
  for (const auto& a : r["args"]) command += " " + shell_quote(a.as<std::string>());
  std::string cd = dir + (r["dir"] ? "/" + r["dir"].as<std::string>() : "");
  auto result = run_shell("cd " + shell_quote(cd) + " && env " + env + command);
  return {result.exit_code, result.out, result.err};
}

namespace {

class JobRunner {
 public:
  JobRunner(const std::string& dir, JobRun& run) : dir_(dir), run_(run) {}

  /// Runs one plan step with its modifiers and hooks; true when it succeeded.
  bool step(const YAML::Node& s) {
    int attempts = s["attempts"] ? s["attempts"].as<int>() : 1;
    bool ok = false;
    for (int i = 0; i < attempts && !ok; ++i) ok = body(s);
    // A task that exits non-zero fails; `on_error` is for errors (a timeout,
    // a lost worker), which this runner never produces.
    if (!ok && s["on_failure"]) step(s["on_failure"]);
    if (s["ensure"]) ok = step(s["ensure"]) && ok;
    return ok;
  }

 private:
  bool body(const YAML::Node& s) {
    if (s["get"]) return true;  // the artifact is already in the directory
    if (s["try"]) {
      step(s["try"]);
      return true;
    }
    if (s["do"]) {
      for (const auto& child : s["do"])
        if (!step(child)) return false;
      return true;
    }
    if (s["in_parallel"]) {
      bool all = true;
      for (const auto& child : s["in_parallel"]["steps"]) all = step(child) && all;
      return all;
    }
    if (s["load_var"]) {
      std::string name = s["load_var"].as<std::string>();
      std::string format = s["format"] ? s["format"].as<std::string>() : "";
      if (format != "raw") run_.problem = "load_var " + name + " without format: raw";
      run_.vars[".:" + name] = read_file(dir_ + "/" + s["file"].as<std::string>());
      return true;
    }
    if (s["task"]) {
      std::string name = s["task"].as<std::string>();
      for (const auto& output : s["config"]["outputs"]) fs::create_directories(dir_ + "/" + output["name"].as<std::string>());
      TaskRun r = run_task(s, run_.vars, dir_);
      run_.order.push_back(name);
      run_.tasks[name] = r;
      return r.exit_code == 0;
    }
    run_.problem = "a plan step the harness does not know: " + YAML::Dump(s);
    return false;
  }

  std::string dir_;
  JobRun& run_;
};

}  // namespace

JobRun run_job(const YAML::Node& job, const std::map<std::string, std::string>& credentials, const std::string& dir) {
  JobRun run;
  run.vars = credentials;
  JobRunner runner(dir, run);
  for (const auto& s : job["plan"]) {
    if (!runner.step(s)) {
      run.succeeded = false;
      break;
    }
  }
  if (!run.problem.empty()) run.succeeded = false;
  return run;
}

}  // namespace slipway::test
