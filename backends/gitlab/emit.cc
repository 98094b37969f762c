#include "backends/gitlab/emit.h"

#include "backends/common/yaml_writer.h"
#include "backends/gitlab/outputs.h"

namespace slipway::backends::gitlab {
namespace {

void key(YamlWriter& out, std::string_view name) { out.string(name); }

void variables(YamlWriter& out, const std::vector<Variable>& vars) {
  if (vars.empty()) return;
  key(out, "variables");
  out.begin_map();
  for (const auto& v : vars) {
    key(out, v.name);
    if (v.expand) {
      out.string(v.value);
      continue;
    }
    out.begin_map();
    key(out, "value");
    out.string(v.value);
    key(out, "expand");
    out.boolean(false);
    out.end_map();
  }
  out.end_map();
}

/// A shell command: a final newline changes nothing for the shell, and lets a
/// multi-line command stay a readable literal block.
void emit_command(YamlWriter& out, const std::string& text) {
  bool multiline = text.find('\n') != std::string::npos;
  out.string(multiline && text.back() != '\n' ? text + "\n" : text);
}

const char* when_text(When w) {
  switch (w) {
    case When::OnSuccess: return "on_success";
    case When::Manual: return "manual";
    case When::OnFailure: return "on_failure";
    case When::Always: return "always";
  }
  return "on_success";
}

void services(YamlWriter& out, const std::vector<Service>& list) {
  if (list.empty()) return;
  key(out, "services");
  out.begin_seq();
  for (const auto& s : list) {
    out.begin_map();
    key(out, "name");
    out.string(s.name);
    key(out, "alias");
    out.string(s.alias);
    if (!s.command.empty()) {
      key(out, "command");
      out.begin_seq();
      for (const auto& c : s.command) out.string(c);
      out.end_seq();
    }
    variables(out, s.variables);
    out.end_map();
  }
  out.end_seq();
}

void rules_and_when(YamlWriter& out, const Job& job) {
  if (job.never || job.rule_if) {
    key(out, "rules");
    out.begin_seq();
    out.begin_map();
    if (job.rule_if) {
      key(out, "if");
      out.string(*job.rule_if);
    }
    if (job.never || job.when != When::OnSuccess) {
      key(out, "when");
      out.word(job.never ? "never" : when_text(job.when));
    }
    out.end_map();
    out.end_seq();
  } else if (job.when != When::OnSuccess) {
    key(out, "when");
    out.word(when_text(job.when));
  }
  if (job.when == When::Manual) {
    key(out, "allow_failure");
    out.boolean(false);
    if (!job.manual_confirmation.empty()) {
      key(out, "manual_confirmation");
      out.string(job.manual_confirmation);
    }
  } else if (job.allow_failure) {
    key(out, "allow_failure");
    out.boolean(true);
  }
}

void script(YamlWriter& out, const char* name, const std::vector<ScriptEntry>& entries) {
  key(out, name);
  out.begin_seq();
  for (const auto& e : entries) {
    if (e.reference.empty()) {
      emit_command(out, e.text);
      continue;
    }
    out.local_tag("reference");
    out.begin_flow_seq();
    for (const auto& r : e.reference) out.string(r);
    out.end_seq();
  }
  out.end_seq();
}

void emit_job(YamlWriter& out, const Job& job) {
  key(out, job.name);
  out.begin_map();
  key(out, "stage");
  out.string(job.stage);
  key(out, "image");
  if (job.clear_entrypoint) {
    out.begin_map();
    key(out, "name");
    out.string(job.image);
    key(out, "entrypoint");
    out.begin_flow_seq();
    out.string("");
    out.end_seq();
    out.end_map();
  } else {
    out.string(job.image);
  }
  services(out, job.services);
  key(out, "needs");
  if (job.needs.empty()) out.begin_flow_seq();
  else out.begin_seq();
  for (const auto& n : job.needs) {
    out.begin_map();
    key(out, "job");
    out.string(n.job);
    key(out, "artifacts");
    out.boolean(n.artifacts);
    out.end_map();
  }
  out.end_seq();
  variables(out, job.variables);
  if (job.environment) {
    key(out, "environment");
    out.begin_map();
    key(out, "name");
    out.string(job.environment->name);
    if (job.environment->url) {
      key(out, "url");
      out.string(*job.environment->url);
    }
    if (job.environment->prepare) {
      key(out, "action");
      out.word("prepare");
    }
    out.end_map();
  }
  rules_and_when(out, job);
  if (!job.timeout.empty()) {
    key(out, "timeout");
    out.string(job.timeout);
  }
  if (job.retry > 0) {
    key(out, "retry");
    out.integer(job.retry);
  }
  script(out, "script", job.script);
  if (!job.after_script.empty()) script(out, "after_script", job.after_script);
  if (!job.dotenv.empty()) {
    key(out, "artifacts");
    out.begin_map();
    key(out, "reports");
    out.begin_map();
    key(out, "dotenv");
    out.string(job.dotenv);
    out.end_map();
    out.end_map();
  }
  out.end_map();
}

}  // namespace

std::string emit_pipeline(const Pipeline& p, const std::string& header_line) {
  std::string text = header_line;
  for (const auto& line : p.header) text += line.empty() ? "#\n" : "# " + line + "\n";
  YamlWriter out(std::move(text));
  out.begin_map();
  key(out, "stages");
  out.begin_seq();
  for (const auto& s : p.stages) out.string(s);
  out.end_seq();
  if (!p.params.empty()) {
    key(out, "variables");
    out.begin_map();
    for (const auto& v : p.params) {
      key(out, v.name);
      out.begin_map();
      if (v.value) {
        key(out, "value");
        out.string(*v.value);
      }
      key(out, "description");
      out.string(v.description);
      if (!v.expand) {
        key(out, "expand");
        out.boolean(false);
      }
      out.end_map();
    }
    out.end_map();
  }
  if (p.has_workflow_rules) {
    key(out, "workflow");
    out.begin_map();
    key(out, "rules");
    out.begin_seq();
    for (const auto& r : p.workflow_rules) {
      out.begin_map();
      key(out, "if");
      out.string(r);
      out.end_map();
    }
    if (p.workflow_rules.empty()) {
      out.begin_map();
      key(out, "when");
      out.word("never");
      out.end_map();
    }
    out.end_seq();
    out.end_map();
  }
  if (!p.functions.empty()) {
    key(out, kFunctionsJob);
    out.begin_map();
    key(out, "script");
    out.begin_seq();
    emit_command(out, p.functions);
    out.end_seq();
    out.end_map();
  }
  for (const auto& job : p.jobs) emit_job(out, job);
  out.end_map();

  return std::move(out).finish();
}

}  // namespace slipway::backends::gitlab
