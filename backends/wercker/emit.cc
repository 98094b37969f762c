#include "backends/wercker/emit.h"

#include "backends/common/yaml_writer.h"

namespace slipway::backends::wercker {
namespace {

void emit_steps(YamlWriter& out, const std::vector<ScriptStep>& steps) {
  out.begin_seq();
  for (const auto& s : steps) {
    out.begin_map();
    out.word("script");
    out.begin_map();
    out.word("name");
    out.string(s.name);
    out.word("code");
    out.string(s.code);
    out.end_map();
    out.end_map();
  }
  out.end_seq();
}

/// A box or service as a mapping.
void emit_box(YamlWriter& out, const std::string& id, const std::string& name, const std::string& entrypoint,
              const std::string& cmd, const std::vector<std::pair<std::string, std::string>>& env) {
  out.begin_map();
  out.word("id");
  out.string(id);
  if (!entrypoint.empty()) {
    out.word("entrypoint");
    out.string(entrypoint);
  }
  if (!name.empty()) {
    out.word("name");
    out.string(name);
  }
  if (!cmd.empty()) {
    out.word("cmd");
    out.string(cmd);
  }
  if (!env.empty()) {
    out.word("env");
    out.begin_map();
    for (const auto& [key, value] : env) {
      out.string(key);
      out.string(value);
    }
    out.end_map();
  }
  out.end_map();
}

}  // namespace

std::string emit_file(const File& file, const std::string& generated_header) {
  std::string text = generated_header;
  for (const auto& line : file.header) text += line.empty() ? "#\n" : "# " + line + "\n";
  YamlWriter out(std::move(text));
  out.begin_map();
  out.word("command-timeout");
  out.integer(file.command_timeout_minutes);
  out.word("no-response-timeout");
  out.integer(file.no_response_timeout_minutes);
  for (const auto& p : file.pipelines) {
    // yaml-cpp's YAML::Newline here wrote nothing visible (the key's own line
    // break took its place), so none is written.
    out.string(p.name);
    out.begin_map();
    out.word("box");
    // The CLI sends step code to the stdin of the box's main process, which
    // must be a shell whatever the image's ENTRYPOINT is (curl, kubectl, ...).
    // `sh` by PATH: some images have only /busybox/sh; the CLI's default is bash.
    emit_box(out, p.box, "", "sh -c", "sh", {});
    if (!p.services.empty()) {
      out.word("services");
      out.begin_seq();
      for (const auto& s : p.services) emit_box(out, s.id, s.name, "", s.cmd, s.env);
      out.end_seq();
    }
    out.word("steps");
    emit_steps(out, p.steps);
    if (!p.after_steps.empty()) {
      out.word("after-steps");
      emit_steps(out, p.after_steps);
    }
    out.end_map();
  }
  out.word("workflows");
  out.begin_seq();
  out.begin_map();
  out.word("name");
  out.string(file.workflow);
  out.word("pipelines");
  out.begin_seq();
  for (const auto& m : file.members) {
    out.begin_map();
    out.word("name");
    out.string(m.name);
    if (!m.requires_.empty()) {
      out.word("requires");
      out.begin_flow_seq();
      for (const auto& r : m.requires_) out.string(r);
      out.end_seq();
    }
    out.end_map();
  }
  out.end_seq();
  out.end_map();
  out.end_seq();
  out.end_map();

  return std::move(out).finish();
}

}  // namespace slipway::backends::wercker
