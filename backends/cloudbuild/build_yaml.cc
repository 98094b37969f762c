#include "backends/cloudbuild/build_yaml.h"

#include <yaml-cpp/yaml.h>

#include "backends/common/yaml_text.h"

namespace slipway::backends::cloudbuild {
namespace {

void string_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items, bool flow) {
  if (items.empty()) return;
  out << YAML::Key << key << YAML::Value;
  if (flow) out << YAML::Flow;
  out << YAML::BeginSeq;
  for (const auto& i : items) emit_string(out, i);
  out << YAML::EndSeq;
}

void emit_step(YAML::Emitter& out, const CbStep& s) {
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value;
  emit_string(out, s.id);
  out << YAML::Key << "name" << YAML::Value;
  emit_string(out, s.name);
  // Always explicit: a step without waitFor waits for every earlier step.
  string_list(out, "waitFor", s.wait_for.empty() ? std::vector<std::string>{"-"} : s.wait_for, true);
  if (s.entrypoint) {
    out << YAML::Key << "entrypoint" << YAML::Value;
    emit_string(out, *s.entrypoint);
  }
  string_list(out, "args", s.args, false);
  if (s.script) {
    out << YAML::Key << "script" << YAML::Value;
    emit_string(out, *s.script);
  }
  string_list(out, "env", s.env, false);
  string_list(out, "secretEnv", s.secret_env, true);
  if (s.dir) {
    out << YAML::Key << "dir" << YAML::Value;
    emit_string(out, *s.dir);
  }
  if (s.timeout) out << YAML::Key << "timeout" << YAML::Value << *s.timeout;
  if (s.allow_failure) out << YAML::Key << "allowFailure" << YAML::Value << true;
  out << YAML::EndMap;
}

}  // namespace

std::string build_yaml(const CbBuild& build, const std::string& header) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
  for (const auto& s : build.steps) emit_step(out, s);
  out << YAML::EndSeq;
  if (!build.substitutions.empty()) {
    out << YAML::Key << "substitutions" << YAML::Value << YAML::BeginMap;
    for (const auto& [k, v] : build.substitutions) {
      out << YAML::Key << k << YAML::Value;
      emit_string(out, v);
    }
    out << YAML::EndMap;
  }
  if (!build.secrets.empty()) {
    out << YAML::Key << "availableSecrets" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "secretManager" << YAML::Value << YAML::BeginSeq;
    for (const auto& sec : build.secrets) {
      out << YAML::BeginMap;
      out << YAML::Key << "versionName" << YAML::Value;
      emit_string(out, sec.version_name);
      out << YAML::Key << "env" << YAML::Value;
      emit_string(out, sec.env);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
  }
  if (build.timeout) out << YAML::Key << "timeout" << YAML::Value << *build.timeout;
  string_list(out, "tags", build.tags, true);
  out << YAML::Key << "options" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "substitutionOption" << YAML::Value << "MUST_MATCH"
      << YAML::Comment("every substitution this file reads is declared or built in: a mistyped --substitutions key fails");
  out << YAML::Key << "dynamicSubstitutions" << YAML::Value << true
      << YAML::Comment("as in triggered builds, so $$ reads the same in every run");
  out << YAML::Key << "logging" << YAML::Value << "CLOUD_LOGGING_ONLY";
  out << YAML::EndMap;
  out << YAML::EndMap;
  std::string text = header;
  for (const auto& c : build.comments) text += "# " + c + "\n";
  return text + out.c_str() + "\n";
}

}  // namespace slipway::backends::cloudbuild
