#pragma once
// The boundary between the scheduler and whatever executes steps. The
// scheduler knows only this interface: start a step, poll for its logs and
// its end, abort it, and how many may run at once. Implementations: the
// Docker runner (docker_runner.h), a dry-run runner (dry_run_runner.h) and a
// fake for the scheduler's tests (tests/runtime/fake_runner_harness.h).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/engine/stream_demux.h"

namespace slipway::runtime {

using engine::StreamKind;

/// A file placed in the container before the step runs.
struct FileSpec {
  std::string path;  ///< absolute
  std::string content;
  bool secret = false;  ///< only ever on a tmpfs mount, never in the image or a layer
};

using EnvList = std::vector<std::pair<std::string, std::string>>;

/// A sidecar container the step talks to by `alias`.
struct ServiceSpec {
  std::string alias;
  std::string image;
  std::vector<std::string> command;  ///< empty: the image's default
  EnvList env;
  EnvList secret_env;
  enum class Ready { None, TcpPort, Command } ready = Ready::None;
  int port = 0;
  std::vector<std::string> ready_command;
};

/// One attempt of one step with every value resolved.
struct StepSpec {
  std::string id;  ///< "<instance>.<step>"
  int attempt = 1;
  std::string image;
  /// Unset: the image's own. Script steps set both (sh -c SCRIPT).
  std::optional<std::vector<std::string>> entrypoint;
  std::optional<std::vector<std::string>> cmd;
  EnvList env;         ///< plain values
  EnvList secret_env;  ///< secret values: never in the container's config
  std::vector<FileSpec> files;
  std::string workdir;  ///< absolute path in the container
  std::vector<ServiceSpec> services;
  /// Declared outputs (name, type name): the dry-run runner invents values.
  std::vector<std::pair<std::string, std::string>> outputs;
};

/// How a step attempt ended.
struct StepOutcome {
  enum class Status {
    Exited,   ///< the process ran and exited with exit_code
    Aborted,  ///< stopped by abort() (timeout, fail-fast, interrupt)
    Error,    ///< could not run (image missing, service not ready, engine error)
  } status = Status::Exited;
  int64_t exit_code = -1;
  std::string message;       ///< Error: what went wrong (one line)
  bool outputs_written = false;
  std::string outputs_text;  ///< content of $SLIPWAY_OUTPUTS
};

using StepHandle = uint64_t;

struct RunnerEvent {
  enum class Kind { Log, Finished } kind = Kind::Log;
  StepHandle handle = 0;
  StreamKind stream = StreamKind::Stdout;  ///< Log
  std::string line;                        ///< Log: one whole line, unmasked
  StepOutcome outcome;                     ///< Finished
};

class Runner {
 public:
  virtual ~Runner() = default;

  /// The most steps this runner will run at once (the scheduler also
  /// honours --jobs).
  virtual size_t capacity() const = 0;

  /// Starts an attempt and returns at once; its logs and its end arrive
  /// through poll(). Every started handle gets exactly one Finished event.
  virtual StepHandle start(const StepSpec& spec) = 0;

  /// Waits up to `max_wait` for events and returns those available, in the
  /// order they happened (all logs of a step precede its Finished event).
  virtual std::vector<RunnerEvent> poll(std::chrono::milliseconds max_wait) = 0;

  /// Stops a running attempt; it still finishes with Status::Aborted.
  virtual void abort(StepHandle handle) = 0;
};

}  // namespace slipway::runtime
