#pragma once
// Where the Docker engine listens, chosen by DOCKER_HOST like the docker CLI:
// unix:///path (default unix:///var/run/docker.sock) or tcp://host:port.

#include <optional>
#include <string>

namespace slipway::runtime::engine {

struct Endpoint {
  enum class Kind { Unix, Tcp } kind = Kind::Unix;
  std::string socket_path = "/var/run/docker.sock";  ///< Unix
  std::string host;                                   ///< Tcp
  int port = 2375;                                    ///< Tcp
  std::string display = "unix:///var/run/docker.sock";  ///< as the user wrote it

  /// The base URL libcurl is given: http://localhost for a socket, http://host:port for TCP.
  std::string base_url() const;
};

/// Parses a DOCKER_HOST value; nullopt/empty means the default socket.
/// Returns nullopt for an unsupported scheme (ssh://, npipe://, ...).
std::optional<Endpoint> parse_docker_host(const std::optional<std::string>& value);

/// The endpoint from the DOCKER_HOST environment variable.
std::optional<Endpoint> endpoint_from_environment();

}  // namespace slipway::runtime::engine
