#include "backends/cloudbuild/build_yaml.h"

#include "backends/common/yaml_writer.h"

namespace slipway::backends::cloudbuild {
namespace {

void string_list(YamlWriter& out, const char* key, const std::vector<std::string>& items, bool flow) {
  if (items.empty()) return;
  out.word(key);
  if (flow) out.begin_flow_seq();
  else out.begin_seq();
  for (const auto& i : items) out.string(i);
  out.end_seq();
}

void emit_step(YamlWriter& out, const CbStep& s) {
  out.begin_map();
  out.word("id");
  out.string(s.id);
  out.word("name");
  out.string(s.name);
  // Always explicit: a step without waitFor waits for every earlier step.
  string_list(out, "waitFor", s.wait_for.empty() ? std::vector<std::string>{"-"} : s.wait_for, true);
  if (s.entrypoint) {
    out.word("entrypoint");
    out.string(*s.entrypoint);
  }
  string_list(out, "args", s.args, false);
  if (s.script) {
    out.word("script");
    out.string(*s.script);
  }
  string_list(out, "env", s.env, false);
  string_list(out, "secretEnv", s.secret_env, true);
  if (s.dir) {
    out.word("dir");
    out.string(*s.dir);
  }
  if (s.timeout) {
    out.word("timeout");
    out.word(*s.timeout);
  }
  if (s.allow_failure) {
    out.word("allowFailure");
    out.boolean(true);
  }
  out.end_map();
}

}  // namespace

std::string build_yaml(const CbBuild& build, const std::string& header) {
  std::string text = header;
  for (const auto& c : build.comments) text += "# " + c + "\n";
  YamlWriter out(std::move(text));
  out.begin_map();
  out.word("steps");
  out.begin_seq();
  for (const auto& s : build.steps) emit_step(out, s);
  out.end_seq();
  if (!build.substitutions.empty()) {
    out.word("substitutions");
    out.begin_map();
    for (const auto& [k, v] : build.substitutions) {
      out.word(k);
      out.string(v);
    }
    out.end_map();
  }
  if (!build.secrets.empty()) {
    out.word("availableSecrets");
    out.begin_map();
    out.word("secretManager");
    out.begin_seq();
    for (const auto& sec : build.secrets) {
      out.begin_map();
      out.word("versionName");
      out.string(sec.version_name);
      out.word("env");
      out.string(sec.env);
      out.end_map();
    }
    out.end_seq();
    out.end_map();
  }
  if (build.timeout) {
    out.word("timeout");
    out.word(*build.timeout);
  }
  string_list(out, "tags", build.tags, true);
  out.word("options");
  out.begin_map();
  out.word("substitutionOption");
  out.word("MUST_MATCH");
  out.comment("every substitution this file reads is declared or built in: a mistyped --substitutions key fails");
  out.word("dynamicSubstitutions");
  out.boolean(true);
  out.comment("as in triggered builds, so $$ reads the same in every run");
  out.word("logging");
  out.word("CLOUD_LOGGING_ONLY");
  out.end_map();
  out.end_map();
  return std::move(out).finish();
}

}  // namespace slipway::backends::cloudbuild
