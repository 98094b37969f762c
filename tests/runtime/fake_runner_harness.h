#pragma once
// A Runner for the scheduler's tests: steps "run" for a set time in memory,
// print given lines, exit with given codes and write given outputs. It
// records what was started, when, and what was aborted.

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/reporter.h"
#include "runtime/runner.h"

namespace slipway::runtime::test {

struct FakeStep {
  int64_t duration_ms = 5;
  std::vector<int64_t> exit_codes = {0};  ///< per attempt; the last repeats
  std::vector<std::string> lines;
  std::string outputs;                    ///< $SLIPWAY_OUTPUTS text
  std::string error;                      ///< non-empty: Status::Error with this message
};

class FakeRunner : public Runner {
 public:
  std::map<std::string, FakeStep> steps;  ///< by step id; others use the defaults
  size_t max_parallel = 64;

  struct Start {
    StepSpec spec;
    Clock::time_point at;
  };
  std::vector<Start> started;
  std::vector<std::string> aborted;
  size_t peak_running = 0;
  std::map<std::string, Clock::time_point> finished_at;

  size_t capacity() const override { return max_parallel; }
  StepHandle start(const StepSpec& spec) override;
  std::vector<RunnerEvent> poll(std::chrono::milliseconds max_wait) override;
  void abort(StepHandle handle) override;

  std::vector<std::string> started_ids() const;
  const StepSpec* spec_of(const std::string& id) const;  ///< the last attempt's spec

 private:
  struct Running {
    StepSpec spec;
    Clock::time_point due;
    bool aborted = false;
  };
  std::map<StepHandle, Running> running_;
  StepHandle next_ = 1;
};

/// Collects reporter calls as text lines: "started a.b", "log a.b: text",
/// "finished a.b succeeded", "notice ...", "run succeeded".
class RecordingReporter : public Reporter {
 public:
  std::vector<std::string> events;
  void run_started(const Plan&, const std::string&) override { events.push_back("run started"); }
  void step_started(const StepRecord& s, int attempt) override {
    events.push_back("started " + s.id + (attempt > 1 ? " #" + std::to_string(attempt) : ""));
  }
  void step_log(const StepRecord& s, StreamKind, const std::string& line) override {
    events.push_back("log " + s.id + ": " + line);
  }
  void step_finished(const StepRecord& s) override {
    events.push_back("finished " + s.id + " " + status_name(s.status) + (s.message.empty() ? "" : ": " + s.message));
  }
  void notice(const std::string& text) override { events.push_back("notice " + text); }
  void run_finished(const RunSummary& s) override { events.push_back(std::string("run ") + (s.succeeded() ? "succeeded" : "failed")); }
  bool has(const std::string& prefix) const;
  std::string dump() const;
};

}  // namespace slipway::runtime::test
