#pragma once
// `slipway run --json`: one JSON object per line, for tools.
//   {"event":"run_started","run":ID,"workflow":W,"time":T,"steps":[...]}
//   {"event":"step_started","step":S,"attempt":N,"time":T}
//   {"event":"log","step":S,"stream":"stdout"|"stderr","line":L,"time":T}
//   {"event":"step_finished","step":S,"status":...,"exit_code":N|null,"started":T,
//    "finished":T,"duration_ms":N,"attempts":N,"outputs":[NAMES],"message":M}
//   {"event":"notice","message":M,"time":T}
//   {"event":"run_finished","status":"succeeded"|"failed"|"interrupted","exit_code":N,
//    "duration_ms":N,"critical_path":[...],"time":T}
// Strings are masked before they are encoded; outputs are listed by name only.

#include <ostream>

#include "runtime/masker.h"
#include "runtime/reporter.h"

namespace slipway::runtime {

class JsonReporter : public Reporter {
 public:
  JsonReporter(std::ostream& out, const Masker& masker) : out_(out), masker_(masker) {}

  void run_started(const Plan& plan, const std::string& run_id) override;
  void step_started(const StepRecord& step, int attempt) override;
  void step_log(const StepRecord& step, StreamKind stream, const std::string& line) override;
  void step_finished(const StepRecord& step) override;
  void notice(const std::string& text) override;
  void run_finished(const RunSummary& summary) override;

 private:
  std::ostream& out_;
  const Masker& masker_;
};

/// RFC 3339 UTC with milliseconds: 2026-11-22T05:01:02.345Z.
std::string format_time(std::chrono::system_clock::time_point t);

}  // namespace slipway::runtime
