#include "runtime/engine/endpoint.h"

#include <cstdlib>

#include "runtime/engine/engine_error.h"

namespace slipway::runtime::engine {

std::string EngineError::describe() const {
  switch (kind) {
    case Kind::Unreachable: return message;
    case Kind::NotFound:
    case Kind::Conflict:
    case Kind::Api: return message.empty() ? "engine answered " + std::to_string(status) : message;
    case Kind::Protocol: return "unexpected answer from the engine: " + message;
  }
  return message;
}

std::string Endpoint::base_url() const {
  if (kind == Kind::Unix) return "http://localhost";
  return "http://" + host + ":" + std::to_string(port);
}

std::optional<Endpoint> parse_docker_host(const std::optional<std::string>& value) {
  Endpoint ep;
  if (!value || value->empty()) return ep;
  const std::string& v = *value;
  ep.display = v;
  if (v.rfind("unix://", 0) == 0) {
    ep.kind = Endpoint::Kind::Unix;
    ep.socket_path = v.substr(7);
    if (ep.socket_path.empty()) return std::nullopt;
    return ep;
  }
  if (v.rfind("tcp://", 0) == 0) {
    ep.kind = Endpoint::Kind::Tcp;
    std::string rest = v.substr(6);
    if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
    size_t colon = std::string::npos;
    if (!rest.empty() && rest[0] == '[') {  // [::1]:2375
      auto close = rest.find(']');
      if (close == std::string::npos) return std::nullopt;
      if (close + 1 < rest.size() && rest[close + 1] == ':') colon = close + 1;
    } else {
      colon = rest.rfind(':');
    }
    if (colon != std::string::npos) {
      try {
        ep.port = std::stoi(rest.substr(colon + 1));
      } catch (...) {
        return std::nullopt;
      }
      rest.resize(colon);
    }
    ep.host = rest;
    if (ep.host.empty()) return std::nullopt;
    return ep;
  }
  return std::nullopt;
}

std::optional<Endpoint> endpoint_from_environment() {
  const char* v = std::getenv("DOCKER_HOST");
  return parse_docker_host(v ? std::optional<std::string>(v) : std::nullopt);
}

}  // namespace slipway::runtime::engine
