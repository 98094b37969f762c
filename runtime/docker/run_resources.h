#pragma once
// The engine objects of one run and their lifetime. Every container, volume
// and network carries `slipway.run=<id>` (plus the pid and host of the
// slipway process, so `slipway gc` can tell a crashed run from a live one)
// and is removed at the end, on failure and on interrupt.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/engine/engine_client.h"
#include "runtime/result.h"

namespace slipway::runtime::docker {

inline constexpr const char* kRunLabel = "slipway.run";
inline constexpr const char* kPidLabel = "slipway.pid";
inline constexpr const char* kHostLabel = "slipway.host";

struct CleanupReport {
  size_t containers = 0, volumes = 0, networks = 0;
  std::vector<std::string> errors;
  size_t total() const { return containers + volumes + networks; }
};

class RunResources {
 public:
  RunResources(engine::EngineClient& client, std::string run_id);

  engine::EngineClient& client() { return client_; }
  const std::string& run_id() const { return run_id_; }

  /// Labels for an object of this run; `role` is step, service or helper.
  std::map<std::string, std::string> labels(const std::string& role, const std::string& step = "") const;

  /// The workspace volume's name (mounted at /workspace in every step).
  std::string workspace_volume() const { return "slipway-" + run_id_ + "-workspace"; }

  /// Creates the workspace volume and extracts `tar` into it through a
  /// helper container (never started) of the first of `images` available.
  [[nodiscard]] Result<Ok, RunError> prepare_workspace(const std::string& tar, const std::vector<std::string>& images);

  /// The run's user-defined network (services resolve by alias only on
  /// one), created on first use.
  [[nodiscard]] Result<std::string, RunError> network();

  /// The image, from the local store or pulled; cached per reference.
  /// Error text: `image "X" is not available locally and could not be pulled: MSG`.
  [[nodiscard]] Result<engine::ImageInfo, RunError> ensure_image(const std::string& reference);

  /// Removes every object labelled with this run (containers first).
  CleanupReport cleanup();

 private:
  engine::EngineClient& client_;
  std::string run_id_;
  std::mutex mutex_;
  std::optional<std::string> network_;
  std::map<std::string, Result<engine::ImageInfo, RunError>> images_;
};

/// Removes objects carrying `label` (KEY or KEY=VALUE) for which `keep`
/// returns false. Used by cleanup and by `slipway gc`.
CleanupReport remove_labelled(engine::EngineClient& client, const std::string& label,
                              const std::function<bool(const std::map<std::string, std::string>&)>& keep);

/// This machine's host name (for the host label).
std::string host_name();

}  // namespace slipway::runtime::docker
