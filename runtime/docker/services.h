#pragma once
// A step's service sidecars: started on the run's network under their alias
// before the step, checked for readiness (a TCP port, probed with
// `nc -w1 ALIAS PORT </dev/null` inside the service; or a health command),
// within a bounded wait, and removed after the step.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "runtime/docker/run_resources.h"
#include "runtime/result.h"
#include "runtime/runner.h"

namespace slipway::runtime::docker {

using LogSink = std::function<void(StreamKind, const std::string&)>;

class ServiceGroup {
 public:
  ServiceGroup(RunResources& resources, const StepSpec& step, LogSink log)
      : resources_(resources), step_(step), log_(std::move(log)) {}
  ~ServiceGroup() { stop(); }

  /// Starts every service and waits until each is ready (or `abort` is
  /// set). The error names the service and why.
  [[nodiscard]] Result<Ok, RunError> start(const std::atomic<bool>& abort);

  /// Removes the service containers (idempotent).
  void stop();

  /// How long start() waits for one service to become ready.
  static std::chrono::milliseconds ready_timeout();

 private:
  Result<Ok, RunError> start_one(const ServiceSpec& service);
  Result<Ok, RunError> wait_ready(const ServiceSpec& service, const std::string& id, const std::atomic<bool>& abort);
  std::string log_tail(const std::string& id);

  RunResources& resources_;
  const StepSpec& step_;
  LogSink log_;
  std::vector<std::pair<std::string, std::string>> started_;  ///< alias, container id
};

}  // namespace slipway::runtime::docker
