#include "backends/concourse/emit.h"

#include <yaml-cpp/yaml.h>

#include "backends/common/yaml_text.h"

namespace slipway::backends::concourse {
namespace {

void key(YAML::Emitter& out, const std::string& name) {
  out << YAML::Key;
  emit_string(out, name);
  out << YAML::Value;
}

void string_entry(YAML::Emitter& out, const std::string& name, const std::string& value) {
  key(out, name);
  emit_string(out, value);
}

void names(YAML::Emitter& out, const std::string& name, const std::vector<std::string>& list) {
  if (list.empty()) return;
  key(out, name);
  out << YAML::BeginSeq;
  for (const auto& n : list) {
    out << YAML::BeginMap;
    string_entry(out, "name", n);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void params(YAML::Emitter& out, const std::vector<Param>& list) {
  if (list.empty()) return;
  key(out, "params");
  out << YAML::BeginMap;
  for (const auto& p : list) string_entry(out, p.name, p.value);
  out << YAML::EndMap;
}

void image(YAML::Emitter& out, const ImageResource& image) {
  key(out, "image_resource");
  out << YAML::BeginMap;
  string_entry(out, "type", "registry-image");
  key(out, "source");
  out << YAML::BeginMap;
  string_entry(out, "repository", image.repository);
  if (!image.tag.empty()) string_entry(out, "tag", image.tag);
  out << YAML::EndMap;
  if (!image.digest.empty()) {
    key(out, "version");
    out << YAML::BeginMap;
    string_entry(out, "digest", image.digest);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void task(YAML::Emitter& out, const Task& t) {
  string_entry(out, "task", t.name);
  if (t.privileged) {
    key(out, "privileged");
    out << true;
  }
  key(out, "config");
  out << YAML::BeginMap;
  string_entry(out, "platform", "linux");
  image(out, t.image);
  names(out, "inputs", t.inputs);
  names(out, "outputs", t.outputs);
  params(out, t.config_params);
  key(out, "run");
  out << YAML::BeginMap;
  string_entry(out, "path", t.path);
  if (!t.args.empty()) {
    key(out, "args");
    out << YAML::BeginSeq;
    for (const auto& a : t.args) emit_string(out, a);
    out << YAML::EndSeq;
  }
  if (!t.dir.empty()) string_entry(out, "dir", t.dir);
  out << YAML::EndMap;
  out << YAML::EndMap;
  params(out, t.step_params);
}

void step(YAML::Emitter& out, const PlanStep& s);

void steps(YAML::Emitter& out, const std::vector<PlanStep>& list) {
  out << YAML::BeginSeq;
  for (const auto& s : list) step(out, s);
  out << YAML::EndSeq;
}

void hook(YAML::Emitter& out, const std::string& name, const std::vector<PlanStep>& list) {
  if (list.empty()) return;
  key(out, name);
  step(out, list.front());
}

void step(YAML::Emitter& out, const PlanStep& s) {
  out << YAML::BeginMap;
  switch (s.kind) {
    case PlanStep::Kind::Get:
      string_entry(out, "get", s.get);
      if (s.resource != s.get) string_entry(out, "resource", s.resource);
      if (s.trigger) {
        key(out, "trigger");
        out << true;
      }
      if (!s.passed.empty()) {
        key(out, "passed");
        out << YAML::BeginSeq;
        for (const auto& p : s.passed) emit_string(out, p);
        out << YAML::EndSeq;
      }
      break;
    case PlanStep::Kind::Task: task(out, s.task); break;
    case PlanStep::Kind::LoadVar:
      string_entry(out, "load_var", s.var);
      string_entry(out, "file", s.file);
      string_entry(out, "format", "raw");
      key(out, "reveal");
      out << s.reveal;
      break;
    case PlanStep::Kind::Do:
      key(out, "do");
      steps(out, s.steps);
      break;
    case PlanStep::Kind::InParallel:
      key(out, "in_parallel");
      out << YAML::BeginMap;
      key(out, "steps");
      steps(out, s.steps);
      out << YAML::EndMap;
      break;
    case PlanStep::Kind::Try:
      key(out, "try");
      step(out, s.steps.front());
      break;
  }
  if (!s.timeout.empty()) string_entry(out, "timeout", s.timeout);
  if (s.attempts > 0) {
    key(out, "attempts");
    out << s.attempts;
  }
  hook(out, "on_failure", s.on_failure);
  hook(out, "on_error", s.on_error);
  hook(out, "ensure", s.ensure);
  out << YAML::EndMap;
}

}  // namespace

std::string emit_pipeline(const Pipeline& pipeline, const std::string& header) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  key(out, "resources");
  out << YAML::BeginSeq;
  for (const auto& r : pipeline.resources) {
    out << YAML::BeginMap;
    string_entry(out, "name", r.name);
    string_entry(out, "type", "git");
    key(out, "source");
    out << YAML::BeginMap;
    string_entry(out, "uri", r.uri);
    if (!r.branch.empty()) string_entry(out, "branch", r.branch);
    if (!r.tag_filter.empty()) string_entry(out, "tag_filter", r.tag_filter);
    out << YAML::EndMap;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  key(out, "jobs");
  out << YAML::BeginSeq;
  for (const auto& job : pipeline.jobs) {
    out << YAML::BeginMap;
    string_entry(out, "name", job.name);
    if (!job.serial_groups.empty()) {
      key(out, "serial_groups");
      out << YAML::BeginSeq;
      for (const auto& g : job.serial_groups) emit_string(out, g);
      out << YAML::EndSeq;
    }
    key(out, "plan");
    steps(out, job.plan);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
  std::string text = header;
  for (auto line : pipeline.header) {
    for (char& c : line)
      if (c == '\n' || c == '\r') c = ' ';  // keep each line a comment
    text += line.empty() ? "#\n" : "# " + line + "\n";
  }
  return text + out.c_str() + "\n";
}

}  // namespace slipway::backends::concourse
