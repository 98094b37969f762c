#pragma once
// A typed client for the Docker Engine API (version 1.41, negotiated with
// GET /version). Every call returns a value or an EngineError. Thread-safe:
// each call uses its own connection, so step workers call it concurrently.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/engine/endpoint.h"
#include "runtime/engine/engine_error.h"
#include "runtime/engine/http_transport.h"

namespace slipway::runtime::engine {

struct VolumeMount {
  std::string volume;  ///< volume name
  std::string target;  ///< path in the container
};

/// What POST /containers/create needs; fields left empty are not sent.
struct ContainerSpec {
  std::string name;  ///< optional container name
  std::string image;
  std::optional<std::vector<std::string>> entrypoint;
  std::optional<std::vector<std::string>> cmd;
  std::vector<std::string> env;  ///< NAME=VALUE, never secrets (they show in inspect)
  std::string working_dir;
  std::map<std::string, std::string> labels;
  std::vector<VolumeMount> mounts;
  std::map<std::string, std::string> tmpfs;  ///< path → mount options
  std::string network;                       ///< NetworkMode; empty: the default bridge
  std::vector<std::string> aliases;          ///< DNS names on `network`
  bool open_stdin = false;                   ///< stdin attached once, closed after the first attach ends
};

struct ImageInfo {
  std::string id;
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
};

struct ContainerState {
  bool running = false;
  int64_t exit_code = 0;
  std::map<std::string, std::string> ip_by_network;
};

/// A container, volume or network as listed by label.
struct EngineObject {
  std::string id;  ///< container/network id, volume name
  std::string name;
  std::map<std::string, std::string> labels;
};

struct ExecResult {
  int64_t exit_code = -1;
  std::string output;  ///< stdout and stderr, demultiplexed, in arrival order
};

class EngineClient {
 public:
  /// Connects and negotiates the API version (GET /version; at most 1.41).
  [[nodiscard]] static EngineResult<std::unique_ptr<EngineClient>> connect(const Endpoint& endpoint);

  const Endpoint& endpoint() const { return transport_.endpoint(); }
  const std::string& api_version() const { return api_version_; }

  // Containers.
  [[nodiscard]] EngineResult<std::string> create_container(const ContainerSpec& spec);  ///< → id
  [[nodiscard]] EngineStatus start_container(const std::string& id);
  /// Blocks until the container stops; → its exit code.
  [[nodiscard]] EngineResult<int64_t> wait_container(const std::string& id);
  [[nodiscard]] EngineStatus kill_container(const std::string& id, const std::string& signal = "KILL");
  /// Removes with force (kills a running container) and its anonymous volumes.
  [[nodiscard]] EngineStatus remove_container(const std::string& id);
  [[nodiscard]] EngineResult<ContainerState> inspect_container(const std::string& id);
  /// The raw inspect JSON (for tests and diagnostics).
  [[nodiscard]] EngineResult<std::string> inspect_container_json(const std::string& id);
  /// Attaches to stdout/stderr (and stdin when `with_stdin`) as a raw
  /// multiplexed stream; call before start so no output is lost.
  [[nodiscard]] EngineResult<std::unique_ptr<RawConnection>> attach(const std::string& id, bool with_stdin);
  /// Everything the container has logged so far, multiplexed.
  [[nodiscard]] EngineResult<std::string> logs(const std::string& id, int tail = 0);
  /// Extracts a tar into the container at `path` (a directory that exists).
  [[nodiscard]] EngineStatus put_archive(const std::string& id, const std::string& path, const std::string& tar);
  /// A tar of `path` in the container (NotFound when it does not exist).
  [[nodiscard]] EngineResult<std::string> get_archive(const std::string& id, const std::string& path);
  /// Runs `cmd` in a running container and waits for it, at most
  /// `timeout_ms` (then an error; the process may linger in the container).
  [[nodiscard]] EngineResult<ExecResult> exec(const std::string& id, const std::vector<std::string>& cmd,
                                              long timeout_ms = 10000);

  // Volumes, networks, images.
  [[nodiscard]] EngineStatus create_volume(const std::string& name, const std::map<std::string, std::string>& labels);
  [[nodiscard]] EngineStatus remove_volume(const std::string& name);
  [[nodiscard]] EngineResult<std::string> create_network(const std::string& name,
                                                         const std::map<std::string, std::string>& labels);
  [[nodiscard]] EngineStatus remove_network(const std::string& id);
  [[nodiscard]] EngineResult<ImageInfo> inspect_image(const std::string& reference);
  /// Pulls `reference` (name[:tag] or name@digest); the error carries the
  /// engine's message (e.g. `... no such host`).
  [[nodiscard]] EngineStatus pull_image(const std::string& reference);

  /// Objects carrying `label` (KEY or KEY=VALUE); containers include stopped ones.
  [[nodiscard]] EngineResult<std::vector<EngineObject>> list_containers(const std::string& label);
  [[nodiscard]] EngineResult<std::vector<EngineObject>> list_volumes(const std::string& label);
  [[nodiscard]] EngineResult<std::vector<EngineObject>> list_networks(const std::string& label);

  /// One request under the negotiated prefix; non-2xx answers become errors.
  [[nodiscard]] EngineResult<HttpResponse> call(const std::string& method, const std::string& path,
                                                const std::string& body = "",
                                                const std::string& content_type = "application/json",
                                                long timeout_ms = 120000);

 private:
  explicit EngineClient(HttpTransport transport) : transport_(std::move(transport)) {}
  std::string prefixed(const std::string& path) const { return "/v" + api_version_ + path; }

  HttpTransport transport_;
  std::string api_version_ = "1.41";
};

/// The message for an unreachable engine, with how to start one:
/// `cannot reach the Docker engine at unix:///var/run/docker.sock: REASON`.
std::string unreachable_message(const Endpoint& endpoint, const EngineError& error);
std::string unreachable_help();

}  // namespace slipway::runtime::engine
