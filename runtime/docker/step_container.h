#pragma once
// One attempt of one step as a container: image check (pull when missing),
// services, create (workspace volume at /workspace, secrets only through
// stdin and a tmpfs), attach before start, stream logs line by line, wait,
// read $SLIPWAY_OUTPUTS back through the archive API, remove.

#include <atomic>
#include <functional>

#include "runtime/docker/run_resources.h"
#include "runtime/docker/services.h"
#include "runtime/runner.h"

namespace slipway::runtime::docker {

/// Runs the attempt to its end and hands the outcome to `finished`, then
/// removes the container and its services (so the scheduler can start the
/// next step meanwhile). `abort` set from another thread kills the
/// container; the outcome is then Status::Aborted. Blocks; call from a worker.
void run_step_container(RunResources& resources, const StepSpec& spec, const LogSink& log,
                        const std::atomic<bool>& abort, const std::function<void(StepOutcome)>& finished);

/// The outputs file of an attempt, inside the container.
std::string outputs_path(const StepSpec& spec);

}  // namespace slipway::runtime::docker
