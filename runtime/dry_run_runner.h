#pragma once
// `slipway run --dry-run`: shows what each step would run, in the order the
// scheduler would run it, and touches no engine. Each step "succeeds" at
// once with invented outputs (0, false, 1s, "<dry-run: step.name>"), so the
// whole plan is walked.

#include <deque>

#include "runtime/runner.h"

namespace slipway::runtime {

class DryRunRunner : public Runner {
 public:
  size_t capacity() const override { return 1024; }
  StepHandle start(const StepSpec& spec) override;
  std::vector<RunnerEvent> poll(std::chrono::milliseconds max_wait) override;
  void abort(StepHandle handle) override { (void)handle; }

  /// The lines describing `spec`: image, command, env (secret values
  /// masked), files, workdir, services.
  static std::vector<std::string> describe(const StepSpec& spec);

 private:
  StepHandle next_ = 1;
  std::deque<RunnerEvent> events_;
};

}  // namespace slipway::runtime
