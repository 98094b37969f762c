#include "backends/gitlab/step_script.h"

#include <optional>
#include <set>
#include <string_view>

#include "backends/gitlab/outputs.h"
#include "backends/gitlab/shell.h"
#include "backends/gitlab/values.h"

namespace slipway::backends::gitlab {
namespace {

/// A script's entrypoint must be a shell GitLab can stand in for (`sh`,
/// `/busybox/sh`, `bash -euo pipefail -c`). Its options carry over as a
/// `set` line before the script; nullopt when it is not such a shell.
std::optional<std::string> shell_entrypoint_options(const std::vector<ir::Value>& entrypoint) {
  static const std::set<std::string> kShells = {"sh", "bash", "ash", "dash", "ksh", "zsh"};
  std::string options;
  bool option_name = false;  // the previous flag was -o: this item names an option
  for (size_t i = 0; i < entrypoint.size(); ++i) {
    auto text = literal_text(entrypoint[i]);
    if (!text || text->empty()) return std::nullopt;
    if (i == 0) {
      auto slash = text->rfind('/');
      if (!kShells.count(slash == std::string::npos ? *text : text->substr(slash + 1))) return std::nullopt;
      continue;
    }
    if (option_name) {
      options += " " + *text;
      option_name = false;
      continue;
    }
    if ((*text)[0] != '-' && (*text)[0] != '+') return std::nullopt;
    std::string flag(1, (*text)[0]);
    for (char c : text->substr(1)) {
      if (c == 'c') continue;  // the script itself: GitLab passes it
      if (std::string_view("eufxvnaCbhmo").find(c) == std::string_view::npos) return std::nullopt;
      option_name |= c == 'o';
      flag += c;
    }
    if (flag.size() > 1) options += " " + flag;
  }
  if (option_name) return std::nullopt;
  return options.empty() ? "" : "set" + options;
}

std::string dirname_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

/// Writes one `files` entry. A whole file secret is copied byte for byte;
/// secret files are created readable by the job's user only.
std::string file_line(const ir::FileMount& f, const Lowering& lowering) {
  std::string dir = dirname_of(f.path);
  std::string mkdir = dir == "/" ? "" : "mkdir -p " + shell_quote(dir) + " && ";
  std::string write;
  const SecretVariable* whole_file = nullptr;
  if (f.value.parts.size() == 1 && f.value.parts[0].ref && f.value.parts[0].ref->kind == ir::Ref::Kind::Secret) {
    const SecretVariable* s = lowering.secrets.find(f.value.parts[0].ref->name);
    if (s && s->file) whole_file = s;
  }
  if (whole_file) write = "cat " + shell_var(whole_file->variable) + " > " + shell_quote(f.path);
  else write = "printf '%s' " + shell_word(f.value, lowering) + " > " + shell_quote(f.path);
  if (f.secret) return mkdir + "(umask 077 && " + write + ")";
  return mkdir + write;
}

std::string command_line(const std::vector<const ir::Value*>& words, const Lowering& lowering) {
  std::string out;
  for (const auto* w : words) out += (out.empty() ? "" : " ") + shell_word(*w, lowering);
  return out;
}

}  // namespace

StepScript lower_step_script(const ir::Step& step, Lowering& lowering) {
  StepScript out;
  std::vector<std::string> setup;
  for (const auto& line : outputs_read_lines(step, lowering)) setup.push_back(line);
  for (const auto& f : step.files) setup.push_back(file_line(f, lowering));
  // A name that is also a secret's CI/CD variable is exported last: GitLab
  // would let the project variable win over a job variable, and the other
  // lines still read the secret under that name.
  std::vector<std::string> shadowing;
  for (const auto& e : step.env) {
    if (e.name.rfind("CI_", 0) == 0 || e.name.rfind("GITLAB_", 0) == 0) {
      lowering.error(DiagCode::E0557, e.span.valid() ? e.span : step.provenance.decl,
                     "env var `" + e.name + "` of step `" + step.id + "` is named like a GitLab CI predefined variable")
          .label("in this job it would replace GitLab's own value, which the runner and the generated script read")
          .with_help("rename it; GitLab CI reserves the `CI_` and `GITLAB_` prefixes");
      continue;
    }
    bool shadows = lowering.secrets.is_variable(e.name);
    auto text = literal_text(e.value);
    if (text && !e.secret && !shadows) {
      out.variables.push_back({e.name, *text, text->find('$') == std::string::npos});
      continue;
    }
    (shadows ? shadowing : setup).push_back("export " + e.name + "=" + shell_word(e.value, lowering));
  }
  for (auto& line : shadowing) setup.push_back(std::move(line));
  if (!step.outputs.empty()) setup.push_back(outputs_setup_line(step.id));
  if (step.workdir) {
    std::string dir = shell_word(*step.workdir, lowering);
    // `cd -x` would read an option.
    if (auto text = literal_text(*step.workdir); text && !text->empty() && (*text)[0] == '-')
      dir = shell_quote("./" + *text);
    setup.push_back("cd " + dir);
  }

  std::string command;
  out.clear_entrypoint = !step.entrypoint.empty();
  switch (step.run_kind) {
    case ir::RunKind::Script:
      if (step.entrypoint.empty()) {
        command = step.script;
        break;
      }
      if (auto options = shell_entrypoint_options(step.entrypoint)) {
        if (!options->empty()) setup.push_back(*options);
      } else {
        const ir::Value& ep = step.entrypoint.front();
        lowering.error(DiagCode::E0544, ep.span.valid() ? ep.span : step.provenance.decl,
                       "the entrypoint of script step `" + step.id + "` is not a shell GitLab CI can use")
            .label("GitLab CI runs a job's script in the image's bash or sh, never through another program")
            .with_help("write the command as an argv, `run [\"prog\", \"-c\", script]`, or use a shell entrypoint "
                       "such as \"sh\"");
      }
      command = step.script;
      break;
    case ir::RunKind::Argv:
    case ir::RunKind::None: {
      std::vector<const ir::Value*> words;
      for (const auto& e : step.entrypoint) words.push_back(&e);
      for (const auto& a : step.argv) words.push_back(&a);
      if (words.empty()) {
        lowering.error(DiagCode::E0554, step.provenance.decl,
                       "step `" + step.id + "` has no `run`, so GitLab CI has nothing to execute")
            .label("GitLab CI runs a job's script, not the image's default command")
            .with_help("write the image's command out: run [\"prog\", \"arg\"]");
        break;
      }
      command = command_line(words, lowering);
      break;
    }
  }

  // The runner waits for HEALTHCHECK_TCP_PORT but only warns when the port
  // never opens; the step waits itself and fails, as under `slipway run`.
  std::vector<std::string> waits;
  for (const auto& svc : step.services)
    if (svc.ready.kind == ir::Readiness::Kind::TcpPort)
      waits.push_back("slipway_wait_tcp " + shell_quote(svc.alias) + " " + std::to_string(svc.ready.port));

  bool reads = !outputs_read_lines(step, lowering).empty();
  out.exports_outputs = !step.outputs.empty();
  if (reads || out.exports_outputs || !waits.empty()) out.script.push_back({"", {kFunctionsJob, "script"}});
  for (auto& w : waits) out.script.push_back({std::move(w), {}});
  for (auto& s : setup) out.script.push_back({std::move(s), {}});
  // The export line runs in the same shell session as the script: a script
  // that ends with `exit 0` would skip it, and the readers would find no
  // values. In a subshell, `exit` ends only the script.
  if (out.exports_outputs && step.run_kind == ir::RunKind::Script && !command.empty())
    command = "(\n" + command + "\n)";
  if (!command.empty()) out.script.push_back({command, {}});
  if (out.exports_outputs) out.script.push_back({outputs_export_line(step, lowering), {}});
  return out;
}

}  // namespace slipway::backends::gitlab
