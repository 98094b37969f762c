#include "runtime/human_reporter.h"

#include <algorithm>
#include <cstdio>

namespace slipway::runtime {
namespace {

const char* kPalette[] = {"36", "33", "35", "32", "34", "96", "93", "95", "92", "94"};

std::string pad(const std::string& s, size_t width) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); }
std::string pad_left(const std::string& s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string short_value(const std::string& value) {
  std::string first = value.substr(0, value.find('\n'));
  bool cut = first.size() != value.size();
  if (first.size() > 40) {
    first = first.substr(0, 40);
    cut = true;
  }
  return cut ? first + "..." : first;
}

std::string seconds(int64_t ms) {
  char buf[32];
  if (ms < 60000) {
    std::snprintf(buf, sizeof(buf), "%.1fs", static_cast<double>(ms) / 1000.0);
    return buf;
  }
  std::snprintf(buf, sizeof(buf), "%lldm%02llds", static_cast<long long>(ms / 60000), static_cast<long long>(ms % 60000 / 1000));
  return buf;
}

}  // namespace

std::string HumanReporter::paint(const std::string& text, const std::string& code) const {
  return options_.color ? "\x1b[" + code + "m" + text + "\x1b[0m" : text;
}

std::string HumanReporter::prefix(const std::string& id) const {
  auto it = std::find(ids_.begin(), ids_.end(), id);
  size_t index = it == ids_.end() ? 0 : static_cast<size_t>(it - ids_.begin());
  return paint(pad(id, width_), kPalette[index % (sizeof(kPalette) / sizeof(kPalette[0]))]) + " | ";
}

void HumanReporter::clear_status() {
  if (!options_.live_status || drawn_ == 0) return;
  out_ << "\x1b[" << drawn_ << "F\x1b[J";
  drawn_ = 0;
}

void HumanReporter::draw_status() {
  if (!options_.live_status) return;
  for (const auto& line : status_) out_ << masker_.mask(line) << "\n";
  drawn_ = status_.size();
  out_.flush();
}

void HumanReporter::write(const std::string& line) {
  clear_status();
  out_ << masker_.mask(line) << "\n";
  draw_status();
  if (!options_.live_status) out_.flush();
}

void HumanReporter::run_started(const Plan& plan, const std::string& run_id) {
  for (const auto& s : plan.steps) {
    ids_.push_back(s.step->id);
    width_ = std::max(width_, s.step->id.size());
  }
  write("slipway: run " + run_id + " of workflow `" + plan.workflow->name + "`: " + std::to_string(plan.steps.size()) +
        " step" + (plan.steps.size() == 1 ? "" : "s"));
  for (const auto& skipped : plan.skipped_instances)
    write("slipway: skipping pipeline `" + skipped.name + "`: " + skipped.reason);
}

void HumanReporter::step_started(const StepRecord& step, int attempt) {
  if (attempt == 1) running_.emplace_back(step.id, Clock::now());
  write(prefix(step.id) + paint("started", "1") + (attempt > 1 ? " (attempt " + std::to_string(attempt) + ")" : ""));
}

void HumanReporter::step_log(const StepRecord& step, StreamKind stream, const std::string& line) {
  (void)stream;
  write(prefix(step.id) + line);
}

void HumanReporter::step_finished(const StepRecord& step) {
  std::string what;
  switch (step.status) {
    case StepStatus::Succeeded: what = paint("succeeded", "32") + " in " + seconds(step.duration_ms()); break;
    case StepStatus::TimedOut: what = paint(step.message, "1;31") + (step.allow_failure ? " (allowed)" : ""); break;
    case StepStatus::Failed:
      what = paint(status_name(step.status), "1;31") + (step.allow_failure ? " (allowed)" : "") + " in " +
             seconds(step.duration_ms()) + ": " + step.message;
      break;
    case StepStatus::Skipped: what = paint("skipped", "33") + ": " + step.message; break;
    case StepStatus::Cancelled: what = paint("cancelled", "33") + ": " + step.message; break;
    case StepStatus::NotRun: what = "not run: " + step.message; break;
    default: what = status_name(step.status);
  }
  std::erase_if(running_, [&](const auto& r) { return r.first == step.id; });
  if (options_.live_status) {
    clear_status();
    rebuild_status();
  }
  write(prefix(step.id) + what);
}

void HumanReporter::notice(const std::string& text) { write("slipway: " + text); }

void HumanReporter::rebuild_status() {
  auto now = Clock::now();
  status_.clear();
  if (running_.empty()) return;
  std::string head = "running " + std::to_string(running_.size()) + ":";
  for (const auto& [id, since] : running_)
    head += "  " + id + " " + seconds(std::chrono::duration_cast<std::chrono::milliseconds>(now - since).count());
  status_.push_back(paint(head, "2"));
}

void HumanReporter::tick(const std::vector<const StepRecord*>& running) {
  (void)running;
  if (!options_.live_status) return;
  clear_status();
  rebuild_status();
  draw_status();
}

std::vector<std::string> HumanReporter::summary_lines(const RunSummary& summary) {
  std::vector<std::string> lines;
  size_t width = 4;
  for (const auto& s : summary.steps) width = std::max(width, s.id.size());
  lines.push_back(pad("STEP", width) + "  " + pad("STATUS", 10) + "  " + pad_left("TIME", 7) + "  " +
                  pad_left("EXIT", 4) + "  OUTPUTS");
  int succeeded = 0, failed = 0, skipped = 0, cancelled = 0;
  for (const auto& s : summary.steps) {
    std::string status = status_name(s.status);
    if (s.failed() && s.allow_failure) status += "*";
    std::string detail;
    for (const auto& [k, v] : s.outputs) detail += (detail.empty() ? "" : " ") + k + "=" + short_value(v);
    if (detail.empty() && s.status != StepStatus::Succeeded) detail = s.message;
    lines.push_back(pad(s.id, width) + "  " + pad(status, 10) + "  " +
                    pad_left(s.ran() ? seconds(s.duration_ms()) : "-", 7) + "  " +
                    pad_left(s.exit_code ? std::to_string(*s.exit_code) : "-", 4) +
                    (detail.empty() ? "" : "  " + detail));
    if (s.status == StepStatus::Succeeded) ++succeeded;
    else if (s.failed()) ++failed;
    else if (s.status == StepStatus::Skipped) ++skipped;
    else if (s.status == StepStatus::Cancelled) ++cancelled;
  }
  if (std::any_of(summary.steps.begin(), summary.steps.end(), [](const auto& s) { return s.failed() && s.allow_failure; }))
    lines.push_back("* allowed to fail (allow_failure): dependents ran");
  if (!summary.critical_path.empty()) {
    std::string path;
    for (const auto& id : summary.critical_path) {
      auto it = std::find_if(summary.steps.begin(), summary.steps.end(), [&](const auto& s) { return s.id == id; });
      path += (path.empty() ? "" : " -> ") + id + " (" + seconds(it->duration_ms()) + ")";
    }
    lines.push_back("critical path: " + path + " = " + seconds(summary.critical_path_ms) + " of " +
                    seconds(summary.duration_ms()) + " wall time");
  }
  std::string counts = std::to_string(succeeded) + " succeeded";
  if (failed) counts += ", " + std::to_string(failed) + " failed";
  if (skipped) counts += ", " + std::to_string(skipped) + " skipped";
  if (cancelled) counts += ", " + std::to_string(cancelled) + " cancelled";
  std::string verdict = summary.interrupted ? "interrupted" : summary.succeeded() ? "succeeded" : "failed";
  lines.push_back("run " + summary.run_id + " " + verdict + " in " + seconds(summary.duration_ms()) + ": " + counts);
  return lines;
}

void HumanReporter::run_finished(const RunSummary& summary) {
  clear_status();
  status_.clear();
  write("");
  for (const auto& line : summary_lines(summary)) write(line);
}

}  // namespace slipway::runtime
