#include "runtime/run_record.h"

#include <cstdio>

namespace slipway::runtime {

std::string status_name(StepStatus status) {
  switch (status) {
    case StepStatus::Pending: return "pending";
    case StepStatus::Running: return "running";
    case StepStatus::Succeeded: return "succeeded";
    case StepStatus::Failed: return "failed";
    case StepStatus::TimedOut: return "timed out";
    case StepStatus::Skipped: return "skipped";
    case StepStatus::Cancelled: return "cancelled";
    case StepStatus::NotRun: return "not run";
  }
  return "";
}

bool RunSummary::succeeded() const {
  if (interrupted) return false;
  for (const auto& s : steps) {
    switch (s.status) {
      case StepStatus::Succeeded:
      case StepStatus::NotRun: break;
      case StepStatus::Failed:
      case StepStatus::TimedOut:
        if (!s.allow_failure) return false;
        break;
      case StepStatus::Skipped:
        if (!s.benign_skip) return false;
        break;
      default: return false;
    }
  }
  return true;
}

std::string format_duration(int64_t ms) {
  if (ms < 1000) return std::to_string(ms) + "ms";
  if (ms < 60000) {
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.1fs", static_cast<double>(ms) / 1000.0);
    return buf;
  }
  int64_t s = ms / 1000;
  std::string out;
  if (s >= 3600) out += std::to_string(s / 3600) + "h";
  if ((s % 3600) / 60) out += std::to_string((s % 3600) / 60) + "m";
  if (s % 60) out += std::to_string(s % 60) + "s";
  return out;
}

}  // namespace slipway::runtime
