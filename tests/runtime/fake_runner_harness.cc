#include "tests/runtime/fake_runner_harness.h"

#include <algorithm>
#include <thread>

namespace slipway::runtime::test {

StepHandle FakeRunner::start(const StepSpec& spec) {
  const FakeStep& f = steps[spec.id];
  StepHandle h = next_++;
  auto now = Clock::now();
  running_[h] = Running{spec, now + std::chrono::milliseconds(f.duration_ms), false};
  started.push_back({spec, now});
  peak_running = std::max(peak_running, running_.size());
  return h;
}

void FakeRunner::abort(StepHandle handle) {
  auto it = running_.find(handle);
  if (it == running_.end()) return;
  it->second.aborted = true;
  it->second.due = Clock::now();
  aborted.push_back(it->second.spec.id);
}

std::vector<RunnerEvent> FakeRunner::poll(std::chrono::milliseconds max_wait) {
  auto deadline = Clock::now() + max_wait;
  std::vector<RunnerEvent> out;
  while (out.empty()) {
    auto now = Clock::now();
    std::optional<Clock::time_point> next;
    for (auto it = running_.begin(); it != running_.end();) {
      if (it->second.due <= now) {
        const FakeStep& f = steps[it->second.spec.id];
        for (const auto& line : f.lines) {
          RunnerEvent log;
          log.handle = it->first;
          log.line = line;
          out.push_back(log);
        }
        RunnerEvent done;
        done.kind = RunnerEvent::Kind::Finished;
        done.handle = it->first;
        if (it->second.aborted) {
          done.outcome.status = StepOutcome::Status::Aborted;
        } else if (!f.error.empty()) {
          done.outcome.status = StepOutcome::Status::Error;
          done.outcome.message = f.error;
        } else {
          size_t attempt = static_cast<size_t>(it->second.spec.attempt);
          done.outcome.exit_code = f.exit_codes[std::min(attempt, f.exit_codes.size()) - 1];
          done.outcome.outputs_written = !f.outputs.empty();
          done.outcome.outputs_text = f.outputs;
        }
        finished_at[it->second.spec.id] = now;
        out.push_back(std::move(done));
        it = running_.erase(it);
      } else {
        if (!next || it->second.due < *next) next = it->second.due;
        ++it;
      }
    }
    if (!out.empty() || now >= deadline) break;
    auto until = next ? std::min(*next, deadline) : deadline;
    std::this_thread::sleep_until(until);
  }
  return out;
}

std::vector<std::string> FakeRunner::started_ids() const {
  std::vector<std::string> out;
  for (const auto& s : started) out.push_back(s.spec.id);
  return out;
}

const StepSpec* FakeRunner::spec_of(const std::string& id) const {
  const StepSpec* found = nullptr;
  for (const auto& s : started)
    if (s.spec.id == id) found = &s.spec;
  return found;
}

bool RecordingReporter::has(const std::string& prefix) const {
  return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.rfind(prefix, 0) == 0; });
}

std::string RecordingReporter::dump() const {
  std::string out;
  for (const auto& e : events) out += e + "\n";
  return out;
}

}  // namespace slipway::runtime::test
