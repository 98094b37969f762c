#include "runtime/json_reporter.h"

#include <ctime>

#include <nlohmann/json.hpp>

namespace slipway::runtime {
namespace {
using json = nlohmann::json;
}

std::string format_time(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof(out), "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

static std::string now_text() { return format_time(std::chrono::system_clock::now()); }

void JsonReporter::run_started(const Plan& plan, const std::string& run_id) {
  json steps = json::array();
  for (const auto& s : plan.steps) steps.push_back(s.step->id);
  json skipped = json::array();
  for (const auto& s : plan.skipped_instances) skipped.push_back({{"pipeline", s.name}, {"reason", masker_.mask(s.reason)}});
  out_ << json{{"event", "run_started"}, {"run", run_id}, {"workflow", plan.workflow->name}, {"time", now_text()},
               {"steps", steps}, {"skipped_pipelines", skipped}}
              .dump(-1, ' ', false, json::error_handler_t::replace)
       << "\n"
       << std::flush;
}

void JsonReporter::step_started(const StepRecord& step, int attempt) {
  out_ << json{{"event", "step_started"}, {"step", step.id}, {"attempt", attempt}, {"time", now_text()}}.dump() << "\n"
       << std::flush;
}

void JsonReporter::step_log(const StepRecord& step, StreamKind stream, const std::string& line) {
  out_ << json{{"event", "log"},
               {"step", step.id},
               {"stream", stream == StreamKind::Stderr ? "stderr" : "stdout"},
               {"line", masker_.mask(line)},
               {"time", now_text()}}
              .dump(-1, ' ', false, json::error_handler_t::replace)
       << "\n"
       << std::flush;
}

void JsonReporter::step_finished(const StepRecord& step) {
  json outputs = json::array();
  for (const auto& [name, value] : step.outputs) outputs.push_back(name);
  json event = {{"event", "step_finished"},
                {"step", step.id},
                {"status", status_name(step.status)},
                {"allow_failure", step.allow_failure},
                {"exit_code", step.exit_code ? json(*step.exit_code) : json(nullptr)},
                {"attempts", step.attempts},
                {"duration_ms", step.duration_ms()},
                {"outputs", outputs},
                {"message", masker_.mask(step.message)}};
  if (step.ran()) {
    event["started"] = format_time(step.started_wall);
    event["finished"] = format_time(step.finished_wall);
  }
  out_ << event.dump(-1, ' ', false, json::error_handler_t::replace) << "\n" << std::flush;
}

void JsonReporter::notice(const std::string& text) {
  out_ << json{{"event", "notice"}, {"message", masker_.mask(text)}, {"time", now_text()}}.dump(
              -1, ' ', false, json::error_handler_t::replace)
       << "\n"
       << std::flush;
}

void JsonReporter::run_finished(const RunSummary& summary) {
  std::string status = summary.interrupted ? "interrupted" : summary.succeeded() ? "succeeded" : "failed";
  out_ << json{{"event", "run_finished"},
               {"run", summary.run_id},
               {"status", status},
               {"exit_code", summary.succeeded() ? 0 : 1},
               {"duration_ms", summary.duration_ms()},
               {"critical_path", summary.critical_path},
               {"critical_path_ms", summary.critical_path_ms},
               {"time", now_text()}}
              .dump()
       << "\n"
       << std::flush;
}

}  // namespace slipway::runtime
