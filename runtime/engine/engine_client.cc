#include "runtime/engine/engine_client.h"

#include <nlohmann/json.hpp>

#include "runtime/engine/stream_demux.h"

namespace slipway::runtime::engine {
namespace {

using json = nlohmann::json;

/// "1.41" → {1, 41}, for comparing API versions.
std::pair<int, int> version_pair(const std::string& v) {
  auto dot = v.find('.');
  if (dot == std::string::npos) return {0, 0};
  try {
    return {std::stoi(v.substr(0, dot)), std::stoi(v.substr(dot + 1))};
  } catch (...) {
    return {0, 0};
  }
}

constexpr const char* kMaxApiVersion = "1.41";

EngineError protocol(const std::string& what) { return EngineError{EngineError::Kind::Protocol, 0, what}; }

}  // namespace

std::string unreachable_message(const Endpoint& endpoint, const EngineError& error) {
  return "cannot reach the Docker engine at " + endpoint.display + ": " + error.message;
}

std::string unreachable_help() {
  return "start it (`systemctl start docker`, or `dockerd >/var/log/dockerd.log 2>&1 &` as root; "
         "scripts/docker-engine.sh does both), or point DOCKER_HOST at a running engine";
}

EngineResult<std::unique_ptr<EngineClient>> EngineClient::connect(const Endpoint& endpoint) {
  HttpTransport transport(endpoint);
  HttpRequest request;
  request.path = "/version";
  request.timeout_ms = 10000;
  auto response = transport.send(request);
  if (!response) return fail(response.error());
  if (response->status != 200) return fail(error_from_status(response->status, response->body));
  auto parsed = json::parse(response->body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("ApiVersion") || !parsed["ApiVersion"].is_string())
    return fail(protocol("GET /version has no ApiVersion"));
  std::string engine_version = parsed["ApiVersion"].get<std::string>();
  std::unique_ptr<EngineClient> client(new EngineClient(std::move(transport)));
  client->api_version_ =
      version_pair(engine_version) < version_pair(kMaxApiVersion) ? engine_version : kMaxApiVersion;
  return client;
}

EngineResult<HttpResponse> EngineClient::call(const std::string& method, const std::string& path,
                                              const std::string& body, const std::string& content_type,
                                              long timeout_ms) {
  HttpRequest request{method, prefixed(path), body, content_type, timeout_ms};
  auto response = transport_.send(request);
  if (!response) return response;
  if (response->status < 200 || response->status >= 300)
    return fail(error_from_status(response->status, response->body));
  return response;
}

EngineResult<std::string> EngineClient::create_container(const ContainerSpec& spec) {
  json body = {{"Image", spec.image}, {"AttachStdout", true}, {"AttachStderr", true}, {"Tty", false}};
  if (spec.entrypoint) body["Entrypoint"] = *spec.entrypoint;
  if (spec.cmd) body["Cmd"] = *spec.cmd;
  if (!spec.env.empty()) body["Env"] = spec.env;
  if (!spec.working_dir.empty()) body["WorkingDir"] = spec.working_dir;
  body["Labels"] = spec.labels;
  if (spec.open_stdin) {
    body["OpenStdin"] = true;
    body["StdinOnce"] = true;
    body["AttachStdin"] = true;
  }
  json host = json::object();
  if (!spec.mounts.empty()) {
    json mounts = json::array();
    for (const auto& m : spec.mounts) mounts.push_back({{"Type", "volume"}, {"Source", m.volume}, {"Target", m.target}});
    host["Mounts"] = mounts;
  }
  if (!spec.tmpfs.empty()) host["Tmpfs"] = spec.tmpfs;
  if (!spec.network.empty()) {
    host["NetworkMode"] = spec.network;
    json endpoint = json::object();
    if (!spec.aliases.empty()) endpoint["Aliases"] = spec.aliases;
    body["NetworkingConfig"] = {{"EndpointsConfig", {{spec.network, endpoint}}}};
  }
  body["HostConfig"] = host;
  std::string path = "/containers/create";
  if (!spec.name.empty()) path += "?name=" + url_escape(spec.name);
  auto response = call("POST", path, body.dump());
  if (!response) return fail(response.error());
  auto parsed = json::parse(response->body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("Id")) return fail(protocol("container create answered without an Id"));
  return parsed["Id"].get<std::string>();
}

EngineStatus EngineClient::start_container(const std::string& id) {
  auto response = call("POST", "/containers/" + id + "/start");
  if (!response) return fail(response.error());
  return Ok{};
}

EngineResult<int64_t> EngineClient::wait_container(const std::string& id) {
  auto response = call("POST", "/containers/" + id + "/wait", "", "application/json", 0);
  if (!response) return fail(response.error());
  auto parsed = json::parse(response->body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("StatusCode")) return fail(protocol("wait answered without StatusCode"));
  return parsed["StatusCode"].get<int64_t>();
}

EngineStatus EngineClient::kill_container(const std::string& id, const std::string& signal) {
  auto response = call("POST", "/containers/" + id + "/kill?signal=" + url_escape(signal));
  if (!response) return fail(response.error());
  return Ok{};
}

EngineStatus EngineClient::remove_container(const std::string& id) {
  auto response = call("DELETE", "/containers/" + id + "?force=1&v=1");
  if (!response) return fail(response.error());
  return Ok{};
}

EngineResult<std::string> EngineClient::inspect_container_json(const std::string& id) {
  auto response = call("GET", "/containers/" + id + "/json");
  if (!response) return fail(response.error());
  return response->body;
}

EngineResult<ContainerState> EngineClient::inspect_container(const std::string& id) {
  auto text = inspect_container_json(id);
  if (!text) return fail(text.error());
  auto parsed = json::parse(*text, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("State")) return fail(protocol("container inspect without State"));
  ContainerState state;
  state.running = parsed["State"].value("Running", false);
  state.exit_code = parsed["State"].value("ExitCode", int64_t{0});
  if (parsed.contains("NetworkSettings") && parsed["NetworkSettings"].contains("Networks") &&
      parsed["NetworkSettings"]["Networks"].is_object())
    for (const auto& [name, net] : parsed["NetworkSettings"]["Networks"].items())
      state.ip_by_network[name] = net.value("IPAddress", "");
  return state;
}

EngineResult<std::unique_ptr<RawConnection>> EngineClient::attach(const std::string& id, bool with_stdin) {
  std::string path = prefixed("/containers/" + id + "/attach?stream=1&stdout=1&stderr=1");
  if (with_stdin) path += "&stdin=1";
  return transport_.upgrade(path);
}

EngineResult<std::string> EngineClient::logs(const std::string& id, int tail) {
  std::string path = "/containers/" + id + "/logs?stdout=1&stderr=1";
  if (tail > 0) path += "&tail=" + std::to_string(tail);
  auto response = call("GET", path);
  if (!response) return fail(response.error());
  return response->body;
}

EngineStatus EngineClient::put_archive(const std::string& id, const std::string& path, const std::string& tar) {
  auto response = call("PUT", "/containers/" + id + "/archive?path=" + url_escape(path), tar, "application/x-tar", 0);
  if (!response) return fail(response.error());
  return Ok{};
}

EngineResult<std::string> EngineClient::get_archive(const std::string& id, const std::string& path) {
  auto response = call("GET", "/containers/" + id + "/archive?path=" + url_escape(path));
  if (!response) return fail(response.error());
  return response->body;
}

EngineResult<ExecResult> EngineClient::exec(const std::string& id, const std::vector<std::string>& cmd,
                                            long timeout_ms) {
  json body = {{"AttachStdout", true}, {"AttachStderr", true}, {"Tty", false}, {"Cmd", cmd}};
  auto created = call("POST", "/containers/" + id + "/exec", body.dump());
  if (!created) return fail(created.error());
  auto parsed = json::parse(created->body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("Id")) return fail(protocol("exec create answered without an Id"));
  std::string exec_id = parsed["Id"].get<std::string>();
  auto started = call("POST", "/exec/" + exec_id + "/start", json{{"Detach", false}, {"Tty", false}}.dump(),
                      "application/json", timeout_ms);
  if (!started) return fail(started.error());
  ExecResult result;
  for (const auto& line : demux_all(started->body)) result.output += line.text + "\n";
  auto inspected = call("GET", "/exec/" + exec_id + "/json");
  if (!inspected) return fail(inspected.error());
  auto state = json::parse(inspected->body, nullptr, false);
  if (state.is_object() && state.contains("ExitCode") && state["ExitCode"].is_number())
    result.exit_code = state["ExitCode"].get<int64_t>();
  return result;
}

}  // namespace slipway::runtime::engine
