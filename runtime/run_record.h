#pragma once
// What a run produces, step by step: the records the scheduler keeps and the
// reporters print.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/outputs.h"

namespace slipway::runtime {

using Clock = std::chrono::steady_clock;

enum class StepStatus {
  Pending,
  Running,
  Succeeded,
  Failed,
  TimedOut,
  Skipped,    ///< never started: a dependency failed, a condition was false, a gate was refused
  Cancelled,  ///< stopped or never started because the run stopped (fail-fast, interrupt)
  NotRun,     ///< a hook whose trigger did not happen
};

/// "succeeded", "failed", "timed out", ...
std::string status_name(StepStatus status);

struct StepRecord {
  std::string id;
  bool is_hook = false;
  bool allow_failure = false;
  StepStatus status = StepStatus::Pending;
  int attempts = 0;
  std::optional<int64_t> exit_code;
  Clock::time_point started{};   ///< first attempt
  Clock::time_point finished{};  ///< last attempt
  std::chrono::system_clock::time_point started_wall{};
  std::chrono::system_clock::time_point finished_wall{};
  std::string message;  ///< why it failed, was skipped or cancelled
  bool benign_skip = false;  ///< skipped by a false `when`: not a failure
  OutputValues outputs;      ///< declared outputs, checked

  bool ran() const { return attempts > 0; }
  /// Failed or timed out (whether or not allowed).
  bool failed() const { return status == StepStatus::Failed || status == StepStatus::TimedOut; }
  /// Dependents may proceed: succeeded, or failed with allow_failure.
  bool lets_dependents_run() const { return status == StepStatus::Succeeded || (failed() && allow_failure); }
  int64_t duration_ms() const {
    return ran() ? std::chrono::duration_cast<std::chrono::milliseconds>(finished - started).count() : 0;
  }
};

struct RunSummary {
  std::string run_id;
  std::vector<StepRecord> steps;  ///< plan order
  bool interrupted = false;
  bool forced = false;             ///< a second interrupt: stopped without waiting
  std::optional<std::string> stopped_by;  ///< fail-fast: the step whose failure stopped the run
  Clock::time_point started{};
  Clock::time_point finished{};
  std::vector<std::string> critical_path;  ///< step ids, first to last
  int64_t critical_path_ms = 0;

  /// Every required step succeeded (allowed failures and false conditions aside).
  bool succeeded() const;
  int64_t duration_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(finished - started).count();
  }
};

/// `10m`, `1m30s`, `45s`, `1.5s`, `250ms`: for timeouts and durations.
std::string format_duration(int64_t ms);

}  // namespace slipway::runtime
