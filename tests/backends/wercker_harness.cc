#include "tests/backends/wercker_harness.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include <yaml-cpp/yaml.h>

namespace slipway::test {
namespace {

using Errors = std::vector<std::string>;

bool is_string(const YAML::Node& n) { return n.IsScalar(); }

/// A plain scalar the CLI's YAML library reads as a float: step properties
/// of that kind silently become "" (ifaceToString).
bool plain_float(const YAML::Node& n) {
  static const std::regex kFloat(R"(^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$)");
  return n.IsScalar() && n.Tag() == "?" && std::regex_match(n.Scalar(), kFloat);
}

void check_box(const YAML::Node& box, const std::string& where, Errors& errors) {
  static const std::set<std::string> kKeys = {
      "id", "name", "tag", "cmd", "env", "ports", "entrypoint", "url", "volumes", "username", "password",
      "registry", "aws-registry-id", "aws-region", "aws-access-key", "aws-secret-key", "aws-strict-auth",
      "azure-login-server", "azure-registry-name", "azure-client-id", "azure-client-secret",
      "azure-subscription-id", "azure-tenant-id", "azure-resource-group"};
  std::string id;
  if (box.IsScalar()) {
    id = box.Scalar();
  } else if (box.IsMap()) {
    for (const auto& kv : box) {
      std::string key = kv.first.Scalar();
      if (!kKeys.count(key)) errors.push_back(where + ": unknown box key `" + key + "`");
      else if (key == "env" && !kv.second.IsMap()) errors.push_back(where + ": `env` must be a map");
      else if (key == "ports" && !kv.second.IsSequence()) errors.push_back(where + ": `ports` must be a list");
      else if (key != "env" && key != "ports" && !kv.second.IsScalar())
        errors.push_back(where + ": `" + key + "` must be a string");
    }
    if (!box["id"] || !box["id"].IsScalar()) errors.push_back(where + ": a box mapping needs an `id`");
    else id = box["id"].Scalar();
  } else {
    errors.push_back(where + ": a box is a string or a mapping");
    return;
  }
  if (id.empty()) errors.push_back(where + ": empty box id");
  if (id.find('@') != std::string::npos) errors.push_back(where + ": `@` is not allowed in a box id");
  if (std::count(id.begin(), id.end(), ':') > 1)
    errors.push_back(where + ": box id `" + id + "` has more than one `:` (the CLI splits it at each)");
}

void check_steps(const YAML::Node& steps, const std::string& where, Errors& errors) {
  if (!steps.IsSequence()) {
    errors.push_back(where + " must be a list of steps");
    return;
  }
  size_t index = 0;
  for (const auto& step : steps) {
    std::string at = where + "[" + std::to_string(index++) + "]";
    if (step.IsScalar()) continue;  // a step id alone
    if (!step.IsMap() || step.size() != 1) {
      errors.push_back(at + ": a step is an id or a one-key map {id: {properties}}");
      continue;
    }
    auto kv = *step.begin();
    std::string id = kv.first.Scalar();
    static const std::regex kId(R"(^([A-Za-z0-9_.-]+/)?[A-Za-z0-9_.-]+(@[A-Za-z0-9_.*-]+)?$)");
    if (!std::regex_match(id, kId)) errors.push_back(at + ": `" + id + "` is not a step id");
    if (!kv.second.IsMap()) {
      errors.push_back(at + ": step `" + id + "` is empty (its value must be a mapping)");
      continue;
    }
    for (const auto& prop : kv.second) {
      std::string name = prop.first.Scalar();
      if (!prop.second.IsScalar()) errors.push_back(at + ": property `" + name + "` is not a string, int or bool");
      else if (plain_float(prop.second)) errors.push_back(at + ": property `" + name + "` is read as a float and lost");
    }
    if (id == "script" && (!kv.second["code"] || !kv.second["code"].IsScalar() || kv.second["code"].Scalar().empty()))
      errors.push_back(at + ": a script step needs `code`");
  }
}

void check_pipeline(const std::string& name, const YAML::Node& p, bool global_box, Errors& errors) {
  std::string where = "pipeline `" + name + "`";
  if (!p.IsMap()) {
    errors.push_back(where + " must be a mapping");
    return;
  }
  for (const auto& kv : p) {
    std::string key = kv.first.Scalar();
    if (key == "box") check_box(kv.second, where + " box", errors);
    else if (key == "services") {
      if (!kv.second.IsSequence()) errors.push_back(where + ": `services` must be a list");
      else
        for (const auto& s : kv.second) check_box(s, where + " service", errors);
    } else if (key == "steps" || key == "after-steps") check_steps(kv.second, where + " " + key, errors);
    else if (key == "base-path") {
      if (!is_string(kv.second)) errors.push_back(where + ": `base-path` must be a string");
    } else if (key == "docker") {
      if (!kv.second.IsScalar() || (kv.second.Scalar() != "true" && kv.second.Scalar() != "false"))
        errors.push_back(where + ": `docker` must be a bool");
    } else if (!kv.second.IsSequence()) {
      errors.push_back(where + ": invalid extra key in pipeline, " + key + " is not a list of steps");
    } else {
      check_steps(kv.second, where + " " + key, errors);
    }
  }
  if (!p["box"] && !global_box) errors.push_back(where + ": no box definition found");
}

void check_workflow(const YAML::Node& w, const std::set<std::string>& pipelines, Errors& errors) {
  if (!w.IsMap() || !w["name"] || !w["name"].IsScalar()) {
    errors.push_back("a workflow needs a `name`");
    return;
  }
  std::string where = "workflow `" + w["name"].Scalar() + "`";
  if (!w["pipelines"] || !w["pipelines"].IsSequence() || w["pipelines"].size() == 0) {
    errors.push_back(where + ": `pipelines` must be a non-empty list");
    return;
  }
  std::map<std::string, std::vector<std::string>> requires_of;
  std::vector<std::string> order;
  for (const auto& m : w["pipelines"]) {
    if (!m.IsMap() || !m["name"] || !m["name"].IsScalar()) {
      errors.push_back(where + ": every member needs a `name`");
      continue;
    }
    static const std::set<std::string> kKeys = {"name", "pipelineName", "requires", "artifactPipeline", "envFile"};
    for (const auto& kv : m)
      if (!kKeys.count(kv.first.Scalar())) errors.push_back(where + ": unknown member key `" + kv.first.Scalar() + "`");
    std::string name = m["name"].Scalar();
    std::string pipeline = m["pipelineName"] ? m["pipelineName"].Scalar() : name;
    if (requires_of.count(name)) errors.push_back(where + ": duplicate member `" + name + "`");
    if (!pipelines.count(pipeline)) errors.push_back(where + ": pipeline `" + pipeline + "` does not exist");
    std::vector<std::string>& reqs = requires_of[name];
    order.push_back(name);
    if (m["requires"]) {
      if (!m["requires"].IsSequence()) errors.push_back(where + ": `requires` of `" + name + "` must be a list");
      else
        for (const auto& r : m["requires"]) reqs.push_back(r.Scalar());
    }
  }
  size_t roots = 0;
  for (const auto& [name, reqs] : requires_of) {
    if (reqs.empty()) ++roots;
    for (const auto& r : reqs)
      if (!requires_of.count(r)) errors.push_back(where + ": `" + name + "` requires `" + r + "`, which is not a member");
  }
  if (roots != 1) errors.push_back(where + ": has " + std::to_string(roots) + " roots; exactly one is required");
  // Cycles: repeatedly remove members whose requirements are all removed.
  std::set<std::string> done;
  bool progress = true;
  while (progress) {
    progress = false;
    for (const auto& [name, reqs] : requires_of) {
      if (done.count(name)) continue;
      bool ready = true;
      for (const auto& r : reqs) ready &= done.count(r) > 0 || !requires_of.count(r);
      if (ready) {
        done.insert(name);
        progress = true;
      }
    }
  }
  if (done.size() != requires_of.size()) errors.push_back(where + ": `requires` has a cycle");
}

}  // namespace

std::vector<std::string> validate_wercker_yml(const std::string& yaml) {
  Errors errors;
  YAML::Node doc;
  try {
    doc = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    return {std::string("not YAML: ") + e.what()};
  }
  if (!doc.IsMap() || doc.size() == 0) return {"Your wercker.yml is empty (or not a mapping)"};
  bool global_box = false;
  if (doc["box"]) {
    check_box(doc["box"], "top-level box", errors);
    global_box = true;
  }
  std::set<std::string> pipelines;
  for (const auto& kv : doc) {
    std::string key = kv.first.Scalar();
    if (key == "box" || key == "workflows") continue;
    if (key == "command-timeout" || key == "no-response-timeout") {
      int minutes = 0;
      if (!kv.second.IsScalar() || !YAML::convert<int>::decode(kv.second, minutes) || minutes < 1 || minutes > 60)
        errors.push_back("`" + key + "` must be whole minutes from 1 to 60");
    } else if (key == "services") {
      if (!kv.second.IsSequence()) errors.push_back("top-level `services` must be a list");
      else
        for (const auto& s : kv.second) check_box(s, "top-level service", errors);
    } else if (key == "source-dir" || key == "ignore-file") {
      if (!kv.second.IsScalar()) errors.push_back("`" + key + "` must be a string");
    } else {
      pipelines.insert(key);
      check_pipeline(key, kv.second, global_box, errors);
    }
  }
  if (doc["workflows"]) {
    if (!doc["workflows"].IsSequence()) {
      errors.push_back("`workflows` must be a list");
    } else {
      std::set<std::string> names;
      for (const auto& w : doc["workflows"]) {
        if (w.IsMap() && w["name"] && !names.insert(w["name"].Scalar()).second)
          errors.push_back("duplicate workflow `" + w["name"].Scalar() + "`");
        check_workflow(w, pipelines, errors);
      }
    }
  }
  return errors;
}

}  // namespace slipway::test
