#include "runtime/docker/docker_runner.h"

#include "runtime/docker/step_container.h"

namespace slipway::runtime::docker {

DockerRunner::~DockerRunner() {
  std::map<StepHandle, Worker> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& [handle, worker] : workers) {
    *worker.abort = true;
    if (worker.thread.joinable()) worker.thread.join();
  }
}

void DockerRunner::push(RunnerEvent event) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(event));
  }
  ready_.notify_one();
}

StepHandle DockerRunner::start(const StepSpec& spec) {
  auto abort_flag = std::make_shared<std::atomic<bool>>(false);
  auto exited = std::make_shared<std::atomic<bool>>(false);
  std::lock_guard<std::mutex> lock(mutex_);
  StepHandle handle = next_++;
  Worker& worker = workers_[handle];
  worker.abort = abort_flag;
  worker.exited = exited;
  worker.thread = std::thread([this, handle, spec, abort_flag, exited] {
    LogSink log = [this, handle](StreamKind stream, const std::string& line) {
      RunnerEvent e;
      e.kind = RunnerEvent::Kind::Log;
      e.handle = handle;
      e.stream = stream;
      e.line = line;
      push(std::move(e));
    };
    run_step_container(resources_, spec, log, *abort_flag, [&](StepOutcome outcome) {
      RunnerEvent done;
      done.kind = RunnerEvent::Kind::Finished;
      done.handle = handle;
      done.outcome = std::move(outcome);
      push(std::move(done));
    });
    *exited = true;
  });
  return handle;
}

std::vector<RunnerEvent> DockerRunner::poll(std::chrono::milliseconds max_wait) {
  std::vector<RunnerEvent> out;
  std::vector<std::thread> finished;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait_for(lock, max_wait, [&] { return !events_.empty(); });
    while (!events_.empty()) {
      out.push_back(std::move(events_.front()));
      events_.pop_front();
    }
    // Workers still removing their container keep running; reap the rest.
    for (auto it = workers_.begin(); it != workers_.end();) {
      if (*it->second.exited) {
        finished.push_back(std::move(it->second.thread));
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& t : finished)
    if (t.joinable()) t.join();
  return out;
}

void DockerRunner::abort(StepHandle handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = workers_.find(handle); it != workers_.end()) *it->second.abort = true;
}

}  // namespace slipway::runtime::docker
