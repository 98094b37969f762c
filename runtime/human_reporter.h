#pragma once
// Output for people: every log line prefixed with its step's id (one colour
// per step when colour is on), a one-line result per step, notices, then a
// summary table and the critical path. On a terminal a live status block of
// running steps stays at the bottom. Every line is masked first.

#include <ostream>
#include <string>
#include <vector>

#include "runtime/masker.h"
#include "runtime/reporter.h"

namespace slipway::runtime {

struct HumanReporterOptions {
  bool color = false;        ///< ANSI colours (a TTY and no NO_COLOR)
  bool live_status = false;  ///< redraw a status block (a TTY)
};

class HumanReporter : public Reporter {
 public:
  HumanReporter(std::ostream& out, const Masker& masker, HumanReporterOptions options)
      : out_(out), masker_(masker), options_(options) {}

  void run_started(const Plan& plan, const std::string& run_id) override;
  void step_started(const StepRecord& step, int attempt) override;
  void step_log(const StepRecord& step, StreamKind stream, const std::string& line) override;
  void step_finished(const StepRecord& step) override;
  void notice(const std::string& text) override;
  void run_finished(const RunSummary& summary) override;
  void tick(const std::vector<const StepRecord*>& running) override;

  /// The summary table and critical path, as printed at the end (unmasked).
  static std::vector<std::string> summary_lines(const RunSummary& summary);

 private:
  void write(const std::string& line);  ///< masks, clears and redraws the status block
  void draw_status();
  void rebuild_status();
  void clear_status();
  std::string prefix(const std::string& id) const;
  std::string paint(const std::string& text, const std::string& code) const;

  std::ostream& out_;
  const Masker& masker_;
  HumanReporterOptions options_;
  std::vector<std::string> ids_;  ///< plan order, for colours
  size_t width_ = 0;
  std::vector<std::pair<std::string, Clock::time_point>> running_;  ///< for the status block
  std::vector<std::string> status_;  ///< current status block lines
  size_t drawn_ = 0;                 ///< lines of the block on screen
};

}  // namespace slipway::runtime
