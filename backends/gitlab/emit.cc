#include "backends/gitlab/emit.h"

#include <yaml-cpp/yaml.h>

#include "backends/common/yaml_text.h"
#include "backends/gitlab/outputs.h"

namespace slipway::backends::gitlab {
namespace {

void key(YAML::Emitter& out, const std::string& name) {
  out << YAML::Key;
  emit_string(out, name);
  out << YAML::Value;
}

void variables(YAML::Emitter& out, const std::vector<Variable>& vars) {
  if (vars.empty()) return;
  key(out, "variables");
  out << YAML::BeginMap;
  for (const auto& v : vars) {
    key(out, v.name);
    if (v.expand) {
      emit_string(out, v.value);
      continue;
    }
    out << YAML::BeginMap;
    key(out, "value");
    emit_string(out, v.value);
    key(out, "expand");
    out << false;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

/// A shell command: a final newline changes nothing for the shell, and lets a
/// multi-line command stay a readable literal block.
void emit_command(YAML::Emitter& out, const std::string& text) {
  bool multiline = text.find('\n') != std::string::npos;
  emit_string(out, multiline && text.back() != '\n' ? text + "\n" : text);
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

void services(YAML::Emitter& out, const std::vector<Service>& list) {
  if (list.empty()) return;
  key(out, "services");
  out << YAML::BeginSeq;
  for (const auto& s : list) {
    out << YAML::BeginMap;
    key(out, "name");
    emit_string(out, s.name);
    key(out, "alias");
    emit_string(out, s.alias);
    if (!s.command.empty()) {
      key(out, "command");
      out << YAML::BeginSeq;
      for (const auto& c : s.command) emit_string(out, c);
      out << YAML::EndSeq;
    }
    variables(out, s.variables);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void rules_and_when(YAML::Emitter& out, const Job& job) {
  if (job.never || job.rule_if) {
    key(out, "rules");
    out << YAML::BeginSeq << YAML::BeginMap;
    if (job.rule_if) {
      key(out, "if");
      emit_string(out, *job.rule_if);
    }
    if (job.never || job.when != When::OnSuccess) {
      key(out, "when");
      out << (job.never ? "never" : when_text(job.when));
    }
    out << YAML::EndMap << YAML::EndSeq;
  } else if (job.when != When::OnSuccess) {
    key(out, "when");
    out << when_text(job.when);
  }
  if (job.when == When::Manual) {
    key(out, "allow_failure");
    out << false;
    if (!job.manual_confirmation.empty()) {
      key(out, "manual_confirmation");
      emit_string(out, job.manual_confirmation);
    }
  } else if (job.allow_failure) {
    key(out, "allow_failure");
    out << true;
  }
}

void script(YAML::Emitter& out, const char* name, const std::vector<ScriptEntry>& entries) {
  key(out, name);
  out << YAML::BeginSeq;
  for (const auto& e : entries) {
    if (e.reference.empty()) {
      emit_command(out, e.text);
      continue;
    }
    out << YAML::LocalTag("reference") << YAML::Flow << YAML::BeginSeq;
    for (const auto& r : e.reference) emit_string(out, r);
    out << YAML::EndSeq;
  }
  out << YAML::EndSeq;
}

void emit_job(YAML::Emitter& out, const Job& job) {
  key(out, job.name);
  out << YAML::BeginMap;
  key(out, "stage");
  emit_string(out, job.stage);
  key(out, "image");
  if (job.clear_entrypoint) {
    out << YAML::BeginMap;
    key(out, "name");
    emit_string(out, job.image);
    key(out, "entrypoint");
    out << YAML::Flow << YAML::BeginSeq;
    emit_string(out, "");
    out << YAML::EndSeq << YAML::EndMap;
  } else {
    emit_string(out, job.image);
  }
  services(out, job.services);
  key(out, "needs");
  if (job.needs.empty()) out << YAML::Flow;
  out << YAML::BeginSeq;
  for (const auto& n : job.needs) {
    out << YAML::BeginMap;
    key(out, "job");
    emit_string(out, n.job);
    key(out, "artifacts");
    out << n.artifacts;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  variables(out, job.variables);
  if (job.environment) {
    key(out, "environment");
    out << YAML::BeginMap;
    key(out, "name");
    emit_string(out, job.environment->name);
    if (job.environment->url) {
      key(out, "url");
      emit_string(out, *job.environment->url);
    }
    if (job.environment->prepare) {
      key(out, "action");
      out << "prepare";
    }
    out << YAML::EndMap;
  }
  rules_and_when(out, job);
  if (!job.timeout.empty()) {
    key(out, "timeout");
    emit_string(out, job.timeout);
  }
  if (job.retry > 0) {
    key(out, "retry");
    out << job.retry;
  }
  script(out, "script", job.script);
  if (!job.after_script.empty()) script(out, "after_script", job.after_script);
  if (!job.dotenv.empty()) {
    key(out, "artifacts");
    out << YAML::BeginMap;
    key(out, "reports");
    out << YAML::BeginMap;
    key(out, "dotenv");
    emit_string(out, job.dotenv);
    out << YAML::EndMap << YAML::EndMap;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string emit_pipeline(const Pipeline& p, const std::string& header_line) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  key(out, "stages");
  out << YAML::BeginSeq;
  for (const auto& s : p.stages) emit_string(out, s);
  out << YAML::EndSeq;
  if (!p.params.empty()) {
    key(out, "variables");
    out << YAML::BeginMap;
    for (const auto& v : p.params) {
      key(out, v.name);
      out << YAML::BeginMap;
      if (v.value) {
        key(out, "value");
        emit_string(out, *v.value);
      }
      key(out, "description");
      emit_string(out, v.description);
      if (!v.expand) {
        key(out, "expand");
        out << false;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  if (p.has_workflow_rules) {
    key(out, "workflow");
    out << YAML::BeginMap;
    key(out, "rules");
    out << YAML::BeginSeq;
    for (const auto& r : p.workflow_rules) {
      out << YAML::BeginMap;
      key(out, "if");
      emit_string(out, r);
      out << YAML::EndMap;
    }
    if (p.workflow_rules.empty()) {
      out << YAML::BeginMap;
      key(out, "when");
      out << "never";
      out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
  }
  if (!p.functions.empty()) {
    key(out, kFunctionsJob);
    out << YAML::BeginMap;
    key(out, "script");
    out << YAML::BeginSeq;
    emit_command(out, p.functions);
    out << YAML::EndSeq << YAML::EndMap;
  }
  for (const auto& job : p.jobs) emit_job(out, job);
  out << YAML::EndMap;

  std::string text = header_line;
  for (const auto& line : p.header) text += line.empty() ? "#\n" : "# " + line + "\n";
  return text + out.c_str() + "\n";
}

}  // namespace slipway::backends::gitlab
