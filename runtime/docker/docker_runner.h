#pragma once
// The Runner over a Docker engine: each started step runs in a worker thread
// (run_step_container) that reports its log lines and its end through one
// event queue the scheduler polls.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "runtime/docker/run_resources.h"
#include "runtime/runner.h"

namespace slipway::runtime::docker {

class DockerRunner : public Runner {
 public:
  DockerRunner(RunResources& resources, size_t capacity) : resources_(resources), capacity_(capacity) {}
  /// Aborts whatever still runs and joins the workers.
  ~DockerRunner() override;

  size_t capacity() const override { return capacity_; }
  StepHandle start(const StepSpec& spec) override;
  std::vector<RunnerEvent> poll(std::chrono::milliseconds max_wait) override;
  void abort(StepHandle handle) override;

 private:
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> abort;
    std::shared_ptr<std::atomic<bool>> exited;  ///< cleanup done: join without waiting
  };
  void push(RunnerEvent event);

  RunResources& resources_;
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<RunnerEvent> events_;
  std::map<StepHandle, Worker> workers_;
  StepHandle next_ = 1;
};

}  // namespace slipway::runtime::docker
