#include "backends/gitlab/secrets.h"

#include <regex>

#include "backends/gitlab/names.h"

namespace slipway::backends::gitlab {

void SecretTable::build(const ir::Workflow& workflow, const std::set<std::string>& used,
                        std::vector<Diagnostic>& diags) {
  static const std::regex kShellName("^[A-Za-z_][A-Za-z0-9_]*$");
  for (const auto& s : workflow.secrets) {
    if (!used.count(s.name)) continue;
    SecretVariable v;
    v.secret = s.name;
    v.variable = upper_ident(s.name);
    v.file = s.is_file;
    Span at = s.span;
    auto binding = s.bindings.find("gitlab");
    if (binding != s.bindings.end()) {
      v.variable = binding->second.value;
      v.masked = binding->second.qualifier == "masked";
      v.file |= binding->second.qualifier == "file";
      if (binding->second.span.valid()) at = binding->second.span;
    }
    if (!std::regex_match(v.variable, kShellName)) {
      diags.push_back(Diagnostic::make(DiagCode::E0542, at,
                                       "`" + v.variable + "` cannot name a GitLab CI/CD variable for secret `" +
                                           s.name + "`")
                          .label("GitLab variable names use only letters, digits and `_`")
                          .note("the job's shell reads the variable as $NAME, so it may not start with a digit")
                          .with_help("bind another name: secret " + s.name + " { gitlab = \"" +
                                     upper_ident(s.name) + "\" }"));
    }
    if (v.file && v.masked) {
      diags.push_back(Diagnostic::make(DiagCode::E0543, at,
                                       "file secret `" + s.name + "` cannot be a masked GitLab variable")
                          .label("GitLab masks only one-line values of variables, never files")
                          .with_help("drop `masked`: secret " + s.name + ": file { gitlab file = \"" +
                                     v.variable + "\" }"));
    }
    by_name_[s.name] = order_.size();
    order_.push_back(v);
  }
}

const SecretVariable* SecretTable::find(const std::string& secret) const {
  auto it = by_name_.find(secret);
  return it == by_name_.end() ? nullptr : &order_[it->second];
}

bool SecretTable::is_variable(const std::string& variable) const {
  for (const auto& v : order_)
    if (v.variable == variable) return true;
  return false;
}

std::vector<std::string> SecretTable::header_lines() const {
  std::vector<std::string> out;
  if (order_.empty()) return out;
  out.push_back("CI/CD variables to create (Settings > CI/CD > Variables); this file never holds their values:");
  for (const auto& v : order_) {
    std::string line = "  " + v.variable + " (secret `" + v.secret + "`): type ";
    if (v.file) line += "File, the value is written to a file whose path the variable holds";
    else if (v.masked) line += "Variable, masked (one line, 8+ characters, no spaces)";
    else line += "Variable; mark it masked if the value allows";
    out.push_back(line);
  }
  out.push_back("GitLab gives these variables to every job of the pipeline; protect them to keep them");
  out.push_back("out of pipelines for unprotected branches.");
  return out;
}

}  // namespace slipway::backends::gitlab
