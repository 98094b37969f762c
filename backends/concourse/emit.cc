#include "backends/concourse/emit.h"

#include <set>

#include "backends/common/yaml_writer.h"
#include "backends/concourse/program.h"

namespace slipway::backends::concourse {
namespace {

void key(YamlWriter& out, std::string_view name) { out.string(name); }

void string_entry(YamlWriter& out, std::string_view name, std::string_view value) {
  key(out, name);
  out.string(value);
}

void names(YamlWriter& out, const std::string& name, const std::vector<std::string>& list) {
  if (list.empty()) return;
  key(out, name);
  out.begin_seq();
  for (const auto& n : list) {
    out.begin_map();
    string_entry(out, "name", n);
    out.end_map();
  }
  out.end_seq();
}

void params(YamlWriter& out, const std::vector<Param>& list) {
  if (list.empty()) return;
  key(out, "params");
  out.begin_map();
  for (const auto& p : list) string_entry(out, p.name, p.value);
  out.end_map();
}

void image(YamlWriter& out, const ImageResource& image) {
  key(out, "image_resource");
  out.begin_map();
  string_entry(out, "type", "registry-image");
  key(out, "source");
  out.begin_map();
  string_entry(out, "repository", image.repository);
  if (!image.tag.empty()) string_entry(out, "tag", image.tag);
  out.end_map();
  if (!image.digest.empty()) {
    key(out, "version");
    out.begin_map();
    string_entry(out, "digest", image.digest);
    out.end_map();
  }
  out.end_map();
}

/// The task program is the same text in every task that runs it (one of
/// two variants), often hundreds of lines: the first task writes it under
/// a YAML anchor and later tasks refer to it with an alias, so the file
/// holds each variant once. fly resolves aliases when it reads the file.
class ProgramAnchors {
 public:
  void write(YamlWriter& out, const std::string& arg) {
    const char* name = arg == task_program(false)  ? "slipway-task-program"
                       : arg == task_program(true) ? "slipway-docker-task-program"
                                                   : nullptr;
    if (!name) {
      out.string(arg);
    } else if (written_.insert(name).second) {
      out.anchor(name);
      out.string(arg);
    } else {
      out.alias(name);
    }
  }

 private:
  std::set<std::string> written_;
};

void task(YamlWriter& out, const Task& t, ProgramAnchors& programs) {
  string_entry(out, "task", t.name);
  if (t.privileged) {
    key(out, "privileged");
    out.boolean(true);
  }
  key(out, "config");
  out.begin_map();
  string_entry(out, "platform", "linux");
  image(out, t.image);
  names(out, "inputs", t.inputs);
  names(out, "outputs", t.outputs);
  params(out, t.config_params);
  key(out, "run");
  out.begin_map();
  string_entry(out, "path", t.path);
  if (!t.args.empty()) {
    key(out, "args");
    out.begin_seq();
    for (const auto& a : t.args) programs.write(out, a);
    out.end_seq();
  }
  if (!t.dir.empty()) string_entry(out, "dir", t.dir);
  out.end_map();
  out.end_map();
  params(out, t.step_params);
}

void step(YamlWriter& out, const PlanStep& s, ProgramAnchors& programs);

void steps(YamlWriter& out, const std::vector<PlanStep>& list, ProgramAnchors& programs) {
  out.begin_seq();
  for (const auto& s : list) step(out, s, programs);
  out.end_seq();
}

void hook(YamlWriter& out, const std::string& name, const std::vector<PlanStep>& list, ProgramAnchors& programs) {
  if (list.empty()) return;
  key(out, name);
  step(out, list.front(), programs);
}

void step(YamlWriter& out, const PlanStep& s, ProgramAnchors& programs) {
  out.begin_map();
  switch (s.kind) {
    case PlanStep::Kind::Get:
      string_entry(out, "get", s.get);
      if (s.resource != s.get) string_entry(out, "resource", s.resource);
      if (s.trigger) {
        key(out, "trigger");
        out.boolean(true);
      }
      if (!s.passed.empty()) {
        key(out, "passed");
        out.begin_seq();
        for (const auto& p : s.passed) out.string(p);
        out.end_seq();
      }
      break;
    case PlanStep::Kind::Task: task(out, s.task, programs); break;
    case PlanStep::Kind::LoadVar:
      string_entry(out, "load_var", s.var);
      string_entry(out, "file", s.file);
      string_entry(out, "format", "raw");
      key(out, "reveal");
      out.boolean(s.reveal);
      break;
    case PlanStep::Kind::Do:
      key(out, "do");
      steps(out, s.steps, programs);
      break;
    case PlanStep::Kind::InParallel:
      key(out, "in_parallel");
      out.begin_map();
      key(out, "steps");
      steps(out, s.steps, programs);
      out.end_map();
      break;
    case PlanStep::Kind::Try:
      key(out, "try");
      step(out, s.steps.front(), programs);
      break;
  }
  if (!s.timeout.empty()) string_entry(out, "timeout", s.timeout);
  if (s.attempts > 0) {
    key(out, "attempts");
    out.integer(s.attempts);
  }
  hook(out, "on_failure", s.on_failure, programs);
  hook(out, "on_error", s.on_error, programs);
  hook(out, "ensure", s.ensure, programs);
  out.end_map();
}

}  // namespace

std::string emit_pipeline(const Pipeline& pipeline, const std::string& header) {
  std::string text = header;
  for (auto line : pipeline.header) {
    for (char& c : line)
      if (c == '\n' || c == '\r') c = ' ';  // keep each line a comment
    text += line.empty() ? "#\n" : "# " + line + "\n";
  }
  YamlWriter out(std::move(text));
  out.begin_map();
  key(out, "resources");
  out.begin_seq();
  for (const auto& r : pipeline.resources) {
    out.begin_map();
    string_entry(out, "name", r.name);
    string_entry(out, "type", "git");
    key(out, "source");
    out.begin_map();
    string_entry(out, "uri", r.uri);
    if (!r.branch.empty()) string_entry(out, "branch", r.branch);
    if (!r.tag_filter.empty()) string_entry(out, "tag_filter", r.tag_filter);
    out.end_map();
    out.end_map();
  }
  out.end_seq();
  key(out, "jobs");
  ProgramAnchors programs;
  out.begin_seq();
  for (const auto& job : pipeline.jobs) {
    out.begin_map();
    string_entry(out, "name", job.name);
    if (!job.serial_groups.empty()) {
      key(out, "serial_groups");
      out.begin_seq();
      for (const auto& g : job.serial_groups) out.string(g);
      out.end_seq();
    }
    key(out, "plan");
    steps(out, job.plan, programs);
    out.end_map();
  }
  out.end_seq();
  out.end_map();
  return std::move(out).finish();
}

}  // namespace slipway::backends::concourse
