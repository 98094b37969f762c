#include "backends/wercker/emit.h"

#include <yaml-cpp/yaml.h>

#include "backends/common/yaml_text.h"

namespace slipway::backends::wercker {
namespace {

void emit_steps(YAML::Emitter& out, const std::vector<ScriptStep>& steps) {
  out << YAML::BeginSeq;
  for (const auto& s : steps) {
    out << YAML::BeginMap << YAML::Key << "script" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value;
    emit_string(out, s.name);
    out << YAML::Key << "code" << YAML::Value;
    emit_string(out, s.code);
    out << YAML::EndMap << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

/// A box or service as a mapping.
void emit_box(YAML::Emitter& out, const std::string& id, const std::string& name, const std::string& entrypoint,
              const std::string& cmd, const std::vector<std::pair<std::string, std::string>>& env) {
  out << YAML::BeginMap << YAML::Key << "id" << YAML::Value;
  emit_string(out, id);
  if (!entrypoint.empty()) {
    out << YAML::Key << "entrypoint" << YAML::Value;
    emit_string(out, entrypoint);
  }
  if (!name.empty()) {
    out << YAML::Key << "name" << YAML::Value;
    emit_string(out, name);
  }
  if (!cmd.empty()) {
    out << YAML::Key << "cmd" << YAML::Value;
    emit_string(out, cmd);
  }
  if (!env.empty()) {
    out << YAML::Key << "env" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, value] : env) {
      out << YAML::Key;
      emit_string(out, key);
      out << YAML::Value;
      emit_string(out, value);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string emit_file(const File& file, const std::string& generated_header) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "command-timeout" << YAML::Value << file.command_timeout_minutes;
  out << YAML::Key << "no-response-timeout" << YAML::Value << file.no_response_timeout_minutes;
  for (const auto& p : file.pipelines) {
    out << YAML::Newline << YAML::Key;
    emit_string(out, p.name);
    out << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "box" << YAML::Value;
    // The CLI sends step code to the stdin of the box's main process, which
    // must be a shell whatever the image's ENTRYPOINT is (curl, kubectl, ...).
    // `sh` by PATH: some images have only /busybox/sh; the CLI's default is bash.
    emit_box(out, p.box, "", "sh -c", "sh", {});
    if (!p.services.empty()) {
      out << YAML::Key << "services" << YAML::Value << YAML::BeginSeq;
      for (const auto& s : p.services) emit_box(out, s.id, s.name, "", s.cmd, s.env);
      out << YAML::EndSeq;
    }
    out << YAML::Key << "steps" << YAML::Value;
    emit_steps(out, p.steps);
    if (!p.after_steps.empty()) {
      out << YAML::Key << "after-steps" << YAML::Value;
      emit_steps(out, p.after_steps);
    }
    out << YAML::EndMap;
  }
  out << YAML::Newline << YAML::Key << "workflows" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value;
  emit_string(out, file.workflow);
  out << YAML::Key << "pipelines" << YAML::Value << YAML::BeginSeq;
  for (const auto& m : file.members) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value;
    emit_string(out, m.name);
    if (!m.requires_.empty()) {
      out << YAML::Key << "requires" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& r : m.requires_) emit_string(out, r);
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap << YAML::EndSeq;
  out << YAML::EndMap;

  std::string text = generated_header;
  for (const auto& line : file.header) text += line.empty() ? "#\n" : "# " + line + "\n";
  return text + out.c_str() + "\n";
}

}  // namespace slipway::backends::wercker
