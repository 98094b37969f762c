#include "runtime/docker/run_resources.h"

#include <unistd.h>

#include <functional>

namespace slipway::runtime::docker {

std::string host_name() {
  char buf[256] = {0};
  if (::gethostname(buf, sizeof(buf) - 1) != 0) return "unknown";
  return buf;
}

RunResources::RunResources(engine::EngineClient& client, std::string run_id)
    : client_(client), run_id_(std::move(run_id)) {}

std::map<std::string, std::string> RunResources::labels(const std::string& role, const std::string& step) const {
  std::map<std::string, std::string> out = {{kRunLabel, run_id_},
                                            {kPidLabel, std::to_string(::getpid())},
                                            {kHostLabel, host_name()},
                                            {"slipway.role", role}};
  if (!step.empty()) out["slipway.step"] = step;
  return out;
}

Result<engine::ImageInfo, RunError> RunResources::ensure_image(const std::string& reference) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = images_.find(reference); it != images_.end()) return it->second;
  auto result = [&]() -> Result<engine::ImageInfo, RunError> {
    auto local = client_.inspect_image(reference);
    if (local) return local.value();
    if (local.error().kind != engine::EngineError::Kind::NotFound)
      return fail(RunError{"cannot inspect image \"" + reference + "\": " + local.error().describe(), ""});
    auto pulled = client_.pull_image(reference);
    if (!pulled)
      return fail(RunError{"image \"" + reference + "\" is not available locally and could not be pulled: " +
                               pulled.error().describe(),
                           ""});
    auto after = client_.inspect_image(reference);
    if (!after)
      return fail(RunError{"image \"" + reference + "\" is not available locally and could not be pulled: " +
                               after.error().describe(),
                           ""});
    return after.value();
  }();
  images_.emplace(reference, result);
  return result;
}

Result<std::string, RunError> RunResources::network() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (network_) return *network_;
  std::string name = "slipway-" + run_id_;
  auto created = client_.create_network(name, labels("network"));
  if (!created) return fail(RunError{"cannot create network `" + name + "`: " + created.error().describe(), ""});
  network_ = name;
  return name;
}

Result<Ok, RunError> RunResources::prepare_workspace(const std::string& tar, const std::vector<std::string>& images) {
  auto volume = client_.create_volume(workspace_volume(), labels("workspace"));
  if (!volume) return fail(RunError{"cannot create the workspace volume: " + volume.error().describe(), ""});
  // The archive API needs a container; one that is created but never
  // started costs about 40 ms and runs nothing.
  std::optional<std::string> image;
  for (const auto& candidate : images)
    if (ensure_image(candidate)) {
      image = candidate;
      break;
    }
  if (!image) return Ok{};  // no step can start anyway; each reports its image
  engine::ContainerSpec spec;
  spec.image = *image;
  spec.entrypoint = std::vector<std::string>{"true"};
  spec.labels = labels("helper");
  spec.mounts.push_back({workspace_volume(), "/workspace"});
  auto helper = client_.create_container(spec);
  if (!helper) return fail(RunError{"cannot create the workspace helper: " + helper.error().describe(), ""});
  auto put = client_.put_archive(helper.value(), "/workspace", tar);
  (void)client_.remove_container(helper.value());
  if (!put) return fail(RunError{"cannot copy the workspace: " + put.error().describe(), ""});
  return Ok{};
}

CleanupReport remove_labelled(engine::EngineClient& client, const std::string& label,
                              const std::function<bool(const std::map<std::string, std::string>&)>& keep) {
  CleanupReport report;
  if (auto containers = client.list_containers(label)) {
    for (const auto& c : containers.value()) {
      if (keep(c.labels)) continue;
      auto r = client.remove_container(c.id);
      if (r || r.error().kind == engine::EngineError::Kind::NotFound) ++report.containers;
      else report.errors.push_back("container " + c.id.substr(0, 12) + ": " + r.error().describe());
    }
  } else {
    report.errors.push_back(containers.error().describe());
  }
  if (auto networks = client.list_networks(label)) {
    for (const auto& n : networks.value()) {
      if (keep(n.labels)) continue;
      auto r = client.remove_network(n.id);
      if (r || r.error().kind == engine::EngineError::Kind::NotFound) ++report.networks;
      else report.errors.push_back("network " + n.name + ": " + r.error().describe());
    }
  }
  if (auto volumes = client.list_volumes(label)) {
    for (const auto& v : volumes.value()) {
      if (keep(v.labels)) continue;
      auto r = client.remove_volume(v.name);
      if (r || r.error().kind == engine::EngineError::Kind::NotFound) ++report.volumes;
      else report.errors.push_back("volume " + v.name + ": " + r.error().describe());
    }
  }
  return report;
}

CleanupReport RunResources::cleanup() {
  return remove_labelled(client_, std::string(kRunLabel) + "=" + run_id_,
                         [](const std::map<std::string, std::string>&) { return false; });
}

}  // namespace slipway::runtime::docker
