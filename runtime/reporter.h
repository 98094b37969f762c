#pragma once
// Where the scheduler reports what happens. Implementations print for
// humans (human_reporter.h) or as JSON events (json_reporter.h); both mask
// every secret value before writing anything.

#include <string>
#include <vector>

#include "runtime/plan.h"
#include "runtime/run_record.h"
#include "runtime/runner.h"

namespace slipway::runtime {

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void run_started(const Plan& plan, const std::string& run_id) = 0;
  virtual void step_started(const StepRecord& step, int attempt) = 0;
  /// One whole line of the step's output, unmasked (the reporter masks).
  virtual void step_log(const StepRecord& step, StreamKind stream, const std::string& line) = 0;
  /// The step reached its final state (including skipped, cancelled, not run).
  virtual void step_finished(const StepRecord& step) = 0;
  /// A message about the run itself (retries, fail-fast, interrupts).
  virtual void notice(const std::string& text) = 0;
  virtual void run_finished(const RunSummary& summary) = 0;
  /// Called a few times a second while steps run (live status on a TTY).
  virtual void tick(const std::vector<const StepRecord*>& running) { (void)running; }
};

}  // namespace slipway::runtime
