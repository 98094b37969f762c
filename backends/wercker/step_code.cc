#include "backends/wercker/step_code.h"

#include <set>

#include "backends/common/service_wait.h"
#include "backends/wercker/context.h"
#include "backends/wercker/helpers.h"
#include "backends/wercker/shell.h"

namespace slipway::backends::wercker {
namespace {

constexpr int64_t kMaxTimeoutMs = 60LL * 60 * 1000;

/// Lines of code inside the step's subshell. Lines are not indented: an
/// entry may hold a quoted multi-line value, whose lines must stay as written.
struct Code {
  std::vector<std::string> lines;
  void add(const std::string& text) { lines.push_back(text); }
  std::string text() const {
    std::string out = "(\n";
    for (const auto& l : lines) out += l + "\n";
    return out + ")\n";
  }
};

/// A file of the step's own under .slipway/steps/ in the workspace: the
/// markers hooks test (`ran`, `ok`) and the raw $SLIPWAY_OUTPUTS file.
std::string step_file(const std::string& step_id, const char* what) {
  return "\"$WERCKER_SOURCE_DIR/.slipway/steps/" + step_id + "." + what + "\"";
}

/// The params `step` reads, with every param their defaults read, in
/// declaration order (a default may read only earlier params).
std::vector<const ir::Param*> params_read(const ir::Step& step, const Lowering& lowering) {
  std::set<std::string> names;
  for_each_value(step, [&](const ir::Value& v, Span) {
    for (const auto& r : v.refs())
      if (r.kind == ir::Ref::Kind::Param) names.insert(r.name);
  });
  const auto& params = lowering.workflow.params;
  for (auto p = params.rbegin(); p != params.rend(); ++p)
    if (names.count(p->name) && p->default_value)
      for (const auto& r : p->default_value->refs())
        if (r.kind == ir::Ref::Kind::Param) names.insert(r.name);
  std::vector<const ir::Param*> out;
  for (const auto& p : params)
    if (names.count(p.name)) out.push_back(&p);
  return out;
}

void add_context(std::vector<ir::ContextKey>& keys, ir::ContextKey key) {
  for (auto k : keys)
    if (k == key) return;
  keys.push_back(key);
}

void gate_lines(Code& code, const ir::Gate& gate, const std::string& what) {
  std::string var = approval_variable(gate);
  code.add("if [ \"${" + var + "-}\" != yes ]; then");
  code.add("  printf '%s\\n' " + shell_quote("slipway: " + what + " waits at manual gate `" + gate.name + "`: " +
                                              gate.message) +
           " " + shell_quote("slipway: manual gate `" + gate.name + "` was not approved (run again with X_" + var +
                             "=yes on the host)") +
           " >&2");
  code.add("  exit 1");
  code.add("fi");
}

/// The words of the command: entrypoint + argv; a script runs as the last
/// argument of its entrypoint, or of `sh -c` without one.
std::vector<std::string> command_words(const ir::Step& step, const Lowering& lowering) {
  std::vector<std::string> words;
  for (const auto& e : step.entrypoint) words.push_back(shell_word(e, lowering));
  if (step.run_kind == ir::RunKind::Script) {
    if (step.entrypoint.empty()) {
      words.push_back("sh");
      words.push_back("-c");
    }
    words.push_back(shell_quote(step.script));
  } else {
    for (const auto& a : step.argv) words.push_back(shell_word(a, lowering));
  }
  return words;
}

/// The whole body of a step or hook, after its precondition lines.
void body_lines(Code& code, const ir::Step& step, Lowering& lowering) {
  // Values from earlier pipelines, checked against their types.
  std::set<std::string> read;
  for_each_value(step, [&](const ir::Value& v, Span) {
    for (const auto& r : v.refs()) {
      if (r.kind != ir::Ref::Kind::Output) continue;
      std::string var = output_variable(r.step, r.name);
      if (!read.insert(var).second) continue;
      code.add(var + "=\"$(slipway_read " + r.step + " " + r.name + " " + ir::type_name(r.type) +
               " && printf x)\" || exit 1");
      code.add(var + "=\"${" + var + "%x}\"");
    }
  });
  for (const auto& f : step.files) {
    auto slash = f.path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : (slash == 0 ? "/" : f.path.substr(0, slash));
    std::string write = "printf '%s' " + shell_word(f.value, lowering) + " > " + shell_quote(f.path);
    if (f.secret) write = "(umask 077 && " + write + ")";
    code.add((dir.empty() || dir == "/" ? "" : "mkdir -p " + shell_quote(dir) + " && ") + write + " || exit 1");
  }
  // A name that some other line reads as a variable is exported last, so
  // the other lines still read the secret or value under that name.
  std::set<std::string> read_vars;
  for_each_value(step, [&](const ir::Value& v, Span) {
    for (const auto& r : v.refs()) read_vars.insert(lowering.variable_for(r));
  });
  std::vector<std::string> shadowing;
  for (const auto& e : step.env)
    (read_vars.count(e.name) ? shadowing : code.lines).push_back("export " + e.name + "=" +
                                                                 shell_word(e.value, lowering));
  for (auto& line : shadowing) code.add(line);
  for (const auto& s : step.services)
    if (s.ready.kind == ir::Readiness::Kind::TcpPort)
      code.add("slipway_wait_tcp " + shell_quote(s.alias) + " " + std::to_string(s.ready.port) + " || exit 1");
  if (!step.outputs.empty()) {
    code.add("SLIPWAY_OUTPUTS=" + step_file(step.id, "outputs") + "; export SLIPWAY_OUTPUTS");
    code.add(": > \"$SLIPWAY_OUTPUTS\" || exit 1");
  }
  if (step.workdir) code.add("cd -- " + shell_word(*step.workdir, lowering) + " || exit 1");

  std::string command;
  for (const auto& w : command_words(step, lowering)) command += (command.empty() ? "" : " ") + w;
  if (step.retry > 0 || step.timeout_ms) {
    int64_t seconds = step.timeout_ms ? (*step.timeout_ms + 999) / 1000 : 0;
    command = "slipway_run " + step.id + " " + std::to_string(step.retry + 1) + " " + std::to_string(seconds) + " " +
              command;
  }
  code.add("if " + command + "; then");
  if (!step.outputs.empty()) {
    std::string decls;
    for (const auto& o : step.outputs) decls += " " + o.name + ":" + ir::type_name(o.type);
    code.add("  slipway_outputs " + step.id + decls + " || exit 1");
  }
  code.add("  : > " + step_file(step.id, "ok"));
  code.add("else");
  code.add("  slipway_status=$?");
  if (step.allow_failure) {
    code.add("  printf 'slipway: step %s failed (exit %s); it is allowed to fail\\n' " + step.id +
             " \"$slipway_status\" >&2");
  } else {
    code.add("  printf 'slipway: step %s failed (exit %s)\\n' " + step.id + " \"$slipway_status\" >&2");
    code.add("  exit \"$slipway_status\"");
  }
  code.add("fi");
}

/// Helper functions and variables the code uses, defined first.
std::vector<std::string> prelude(const ir::Step& step, const ShellTest& guard, const Lowering& lowering) {
  std::vector<std::string> out;
  bool reads = false, waits = false;
  std::vector<ir::ContextKey> context = guard.context;
  for_each_value(step, [&](const ir::Value& v, Span) {
    for (const auto& r : v.refs()) {
      reads |= r.kind == ir::Ref::Kind::Output;
      if (r.kind == ir::Ref::Kind::Context) add_context(context, r.context);
    }
  });
  for (const auto& s : step.services) waits |= s.ready.kind == ir::Readiness::Kind::TcpPort;
  for (const auto* p : params_read(step, lowering))
    if (p->default_value)
      for (const auto& r : p->default_value->refs())
        if (r.kind == ir::Ref::Kind::Context) add_context(context, r.context);
  if (guard.uses_match) out.push_back(match_function());
  if (reads) out.push_back(read_function());
  if (!step.outputs.empty()) out.push_back(outputs_function());
  if (step.retry > 0 || step.timeout_ms) out.push_back(run_function());
  if (waits) out.push_back(backends::wait_tcp_function());
  for (auto key : context)
    if (!context_variable(key).derive.empty()) out.push_back(std::string(context_variable(key).derive));
  for (const auto* p : params_read(step, lowering)) {
    std::string var = param_variable(p->name);
    out.push_back("if [ -z \"${" + var + "+set}\" ]; then");
    if (p->default_value) {
      out.push_back("  " + var + "=" + shell_word(*p->default_value, lowering));
    } else {
      out.push_back("  printf '%s\\n' " + shell_quote("slipway: param `" + p->name + "` has no value; set X_" + var +
                                                       " on the host") +
                    " >&2");
      out.push_back("  exit 1");
    }
    out.push_back("fi");
  }
  return out;
}

void check_step(const ir::Step& step, Lowering& lowering) {
  if (step.run_kind == ir::RunKind::None && step.entrypoint.empty())
    lowering.error(DiagCode::E0584, step.provenance.decl,
                   "step `" + step.id + "` has no `run`, so Wercker has nothing to execute")
        .label("a Wercker pipeline runs script steps in its box, never the image's default command")
        .with_help("write the image's command out: run [\"prog\", \"arg\"]");
  if (step.timeout_ms && *step.timeout_ms > kMaxTimeoutMs)
    lowering.error(DiagCode::E0583, step.provenance.decl,
                   "step `" + step.id + "` has a timeout over 60 minutes, the longest the Wercker CLI allows")
        .label("the CLI caps `command-timeout` at 60 minutes")
        .with_help("use `timeout 60m` or less, or split the work into several steps");
}

std::string display_name(const ir::Step& step) { return step.id; }

}  // namespace

std::string approval_variable(const ir::Gate& gate) { return "SLIPWAY_APPROVE_" + upper_ident(gate.name); }

ScriptStep step_script(const ir::Step& step, const StepContext& context, Lowering& lowering) {
  check_step(step, lowering);
  Code code;
  for (auto& line : prelude(step, context.guard, lowering)) code.add(line);
  if (!context.guard.text.empty()) {
    code.add("if ! { " + context.guard.text + "; }; then");
    code.add("  printf 'slipway: step %s skipped: its triggers or conditions do not hold\\n' " + step.id);
    code.add("  exit 0");
    code.add("fi");
  }
  if (context.pipeline_gate) gate_lines(code, *context.pipeline_gate, "pipeline `" + step.instance + "`");
  if (step.manual) gate_lines(code, *step.manual, "step `" + step.id + "`");
  code.add("mkdir -p \"$WERCKER_SOURCE_DIR/.slipway/steps\" && : > " + step_file(step.id, "ran") + " || exit 1");
  body_lines(code, step, lowering);
  return {display_name(step), code.text()};
}

ScriptStep hook_script(const ir::Step& hook, Lowering& lowering) {
  check_step(hook, lowering);
  Code code;
  for (auto& line : prelude(hook, {}, lowering)) code.add(line);
  bool on_failure = hook.hook_kind == ir::HookKind::OnFailure;
  // A step that started and did not finish well failed: its command, or a
  // line before it (a missing value), or it was allowed to fail.
  std::string ran = "[ -e " + step_file(hook.hook_of, "ran") + " ]";
  std::string ok = "[ -e " + step_file(hook.hook_of, "ok") + " ]";
  code.add("if ! " + ran + (on_failure ? " || " + ok : "") + "; then");
  code.add("  exit 0");
  code.add("fi");
  if (hook.manual) gate_lines(code, *hook.manual, "hook `" + hook.id + "`");
  body_lines(code, hook, lowering);
  return {display_name(hook), code.text()};
}

}  // namespace slipway::backends::wercker
