// Volumes, networks, images and listing by label.
#include <nlohmann/json.hpp>

#include "runtime/engine/engine_client.h"

namespace slipway::runtime::engine {
namespace {

using json = nlohmann::json;

std::map<std::string, std::string> labels_of(const json& object) {
  std::map<std::string, std::string> out;
  if (object.contains("Labels") && object["Labels"].is_object())
    for (const auto& [k, v] : object["Labels"].items())
      if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

std::string label_filter(const std::string& label) {
  return url_escape(json{{"label", {label}}}.dump());
}

std::vector<std::string> strings_of(const json& value) {
  std::vector<std::string> out;
  if (value.is_array())
    for (const auto& v : value)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

EngineStatus EngineClient::create_volume(const std::string& name, const std::map<std::string, std::string>& labels) {
  json body = {{"Name", name}, {"Labels", labels}};
  auto response = call("POST", "/volumes/create", body.dump());
  if (!response) return fail(response.error());
  return Ok{};
}

EngineStatus EngineClient::remove_volume(const std::string& name) {
  auto response = call("DELETE", "/volumes/" + url_escape(name) + "?force=1");
  if (!response) return fail(response.error());
  return Ok{};
}

EngineResult<std::string> EngineClient::create_network(const std::string& name,
                                                       const std::map<std::string, std::string>& labels) {
  json body = {{"Name", name}, {"Driver", "bridge"}, {"CheckDuplicate", true}, {"Labels", labels}};
  auto response = call("POST", "/networks/create", body.dump());
  if (!response) return fail(response.error());
  auto parsed = json::parse(response->body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("Id"))
    return fail(EngineError{EngineError::Kind::Protocol, 0, "network create answered without an Id"});
  return parsed["Id"].get<std::string>();
}

EngineStatus EngineClient::remove_network(const std::string& id) {
  auto response = call("DELETE", "/networks/" + url_escape(id));
  if (!response) return fail(response.error());
  return Ok{};
}

EngineResult<ImageInfo> EngineClient::inspect_image(const std::string& reference) {
  auto response = call("GET", "/images/" + reference + "/json");
  if (!response) return fail(response.error());
  auto parsed = json::parse(response->body, nullptr, false);
  if (!parsed.is_object()) return fail(EngineError{EngineError::Kind::Protocol, 0, "image inspect is not an object"});
  ImageInfo info;
  info.id = parsed.value("Id", "");
  if (parsed.contains("Config") && parsed["Config"].is_object()) {
    info.entrypoint = strings_of(parsed["Config"].value("Entrypoint", json()));
    info.cmd = strings_of(parsed["Config"].value("Cmd", json()));
  }
  return info;
}

EngineStatus EngineClient::pull_image(const std::string& reference) {
  std::string query;
  auto at = reference.find('@');
  auto slash = reference.rfind('/');
  auto colon = reference.rfind(':');
  if (at != std::string::npos) {
    query = "fromImage=" + url_escape(reference);
  } else if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    query = "fromImage=" + url_escape(reference.substr(0, colon)) + "&tag=" + url_escape(reference.substr(colon + 1));
  } else {
    query = "fromImage=" + url_escape(reference) + "&tag=latest";
  }
  auto response = call("POST", "/images/create?" + query, "", "application/json", 0);
  if (!response) return fail(response.error());
  // A 200 answer streams progress as JSON lines; a failure arrives as a line
  // with "error" (e.g. a registry that cannot be resolved).
  size_t pos = 0;
  const std::string& body = response->body;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    auto line = json::parse(body.substr(pos, end - pos), nullptr, false);
    if (line.is_object() && line.contains("error") && line["error"].is_string())
      return fail(EngineError{EngineError::Kind::Api, 200, line["error"].get<std::string>()});
    pos = end + 1;
  }
  return Ok{};
}

EngineResult<std::vector<EngineObject>> EngineClient::list_containers(const std::string& label) {
  auto response = call("GET", "/containers/json?all=1&filters=" + label_filter(label));
  if (!response) return fail(response.error());
  std::vector<EngineObject> out;
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_array())
    for (const auto& c : parsed) {
      auto names = strings_of(c.value("Names", json()));
      out.push_back({c.value("Id", ""), names.empty() ? "" : names[0], labels_of(c)});
    }
  return out;
}

EngineResult<std::vector<EngineObject>> EngineClient::list_volumes(const std::string& label) {
  auto response = call("GET", "/volumes?filters=" + label_filter(label));
  if (!response) return fail(response.error());
  std::vector<EngineObject> out;
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_object() && parsed.contains("Volumes") && parsed["Volumes"].is_array())
    for (const auto& v : parsed["Volumes"]) out.push_back({v.value("Name", ""), v.value("Name", ""), labels_of(v)});
  return out;
}

EngineResult<std::vector<EngineObject>> EngineClient::list_networks(const std::string& label) {
  auto response = call("GET", "/networks?filters=" + label_filter(label));
  if (!response) return fail(response.error());
  std::vector<EngineObject> out;
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_array())
    for (const auto& n : parsed) out.push_back({n.value("Id", ""), n.value("Name", ""), labels_of(n)});
  return out;
}

}  // namespace slipway::runtime::engine
