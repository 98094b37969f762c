// One IR step → one Cloud Build step. A step that only needs what Cloud
// Build has (argv, script, env, secret env vars, workdir, timeout,
// allow_failure) is written exactly as a person would; anything else (outputs,
// files, composed secrets, retries) goes through the sh wrapper.

#include <algorithm>
#include <regex>

#include "backends/cloudbuild/lowering.h"

namespace slipway::backends::cloudbuild {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

ir::Value literal(const std::string& text, Span span) {
  ir::Value v;
  v.type = ir::Type::of(ir::TypeKind::String);
  v.parts.push_back(ir::Part{text, std::nullopt});
  v.span = span;
  return v;
}

/// True when the entrypoint already ends with the flag that takes a script
/// (`-c`, `-ec`, `-euxc`...).
bool ends_with_script_flag(const std::vector<ir::Value>& entrypoint) {
  if (entrypoint.empty() || !entrypoint.back().is_literal()) return false;
  static const std::regex flag(R"(^-[A-Za-z]*c$)");
  return std::regex_match(entrypoint.back().literal_text(), flag);
}

std::optional<std::string> single_secret(const ir::Value& value) {
  if (value.parts.size() != 1 || !value.parts[0].ref || value.parts[0].ref->kind != ir::Ref::Kind::Secret)
    return std::nullopt;
  return value.parts[0].ref->name;
}

bool has_secret(const ir::Value& value) {
  for (const auto& r : value.refs())
    if (r.kind == ir::Ref::Kind::Secret) return true;
  return false;
}

std::string parent_dir(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return "";
  return path.substr(0, slash);
}

/// Builds the wrapper expression of a value: runs of text, params and
/// context become positional words, outputs are read, secrets come from
/// their SLIPWAY_SECRET_* env var.
class Composer {
 public:
  Composer(const ir::Step& step, Wrapper& wrapper, CbStep& out, BuildScope& scope)
      : step_(step), wrapper_(wrapper), out_(out), scope_(scope) {}

  std::string compose(const ir::Value& value) {
    std::string expr, run;
    bool pending = false;
    auto flush = [&] {
      if (pending) expr += wrapper_.word(run);
      run.clear();
      pending = false;
    };
    for (const auto& part : value.parts) {
      if (part.ref && part.ref->kind == ir::Ref::Kind::Output) {
        flush();
        // The front end keeps outputs within one pipeline instance, and an
        // instance never spans two builds; this guards that invariant.
        if (!scope_.step_ids.count(part.ref->step)) {
          report_foreign_output(*part.ref, value.span);
          continue;
        }
        expr += wrapper_.read(*part.ref);
      } else if (part.ref && part.ref->kind == ir::Ref::Kind::Secret) {
        flush();
        std::set<std::string> taken;
        for (const auto& e : step_.env) taken.insert(e.name);
        std::string env = scope_.secrets.use_indirect(part.ref->name, taken);
        if (std::find(out_.secret_env.begin(), out_.secret_env.end(), env) == out_.secret_env.end()) {
          out_.secret_env.push_back(env);
          moved_.push_back(env);
        }
        expr += Wrapper::env(env);
      } else {
        run += scope_.subs.part(part, value.span);
        pending = true;
      }
    }
    flush();
    return expr;
  }

  /// SLIPWAY_SECRET_* variables the wrapper consumed; unset before the command.
  const std::vector<std::string>& moved() const { return moved_; }

 private:
  void report_foreign_output(const ir::Ref& ref, Span at) {
    scope_.diags.push_back(
        Diagnostic::make(DiagCode::E0526, at,
                         "step `" + step_.id + "` reads output `" + ref.step + "." + ref.name +
                             "`, which another Cloud Build build writes")
            .label("read here")
            .note("Cloud Build builds share only the commit; /workspace is not shared between them")
            .with_help("keep the producer and the reader in one pipeline, or recompute the value"));
  }

  const ir::Step& step_;
  Wrapper& wrapper_;
  CbStep& out_;
  BuildScope& scope_;
  std::vector<std::string> moved_;
};

}  // namespace

std::string shell_text(const std::string& script) {
  if (script.find('\n') == std::string::npos || script.back() == '\n') return script;
  return script + "\n";
}

bool reads_output(const ir::Value& value) {
  for (const auto& r : value.refs())
    if (r.kind == ir::Ref::Kind::Output) return true;
  return false;
}

bool reject_output(const ir::Value& value, const std::string& where, BuildScope& scope) {
  for (const auto& r : value.refs()) {
    if (r.kind != ir::Ref::Kind::Output) continue;
    scope.diags.push_back(Diagnostic::make(DiagCode::E0525, value.span,
                                           "Cloud Build needs " + where + " before the step starts, but it reads output `" +
                                               r.step + "." + r.name + "`")
                              .label("known only once that step has run")
                              .note("Cloud Build resolves images, entrypoints, working directories and services "
                                    "when the build is created")
                              .with_help("use the output inside the step's command instead, e.g. in `run` or `env`"));
    return true;
  }
  return false;
}

std::string seconds_text(int64_t ms) {
  std::string s = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    std::string frac = std::to_string(1000 + ms % 1000).substr(1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s + "s";
}

CbStep lower_step(const ir::Step& step, BuildScope& scope, const HookRole& role) {
  CbStep out;
  out.id = step.id;
  std::string what = "step `" + step.id + "`";
  if (!reject_output(step.image, "the image of " + what, scope)) out.name = scope.subs.value(step.image);
  for (const auto& e : step.entrypoint) reject_output(e, "the entrypoint of " + what, scope);
  if (step.workdir && !reject_output(*step.workdir, "the working directory of " + what, scope))
    out.dir = scope.subs.value(*step.workdir);
  // A hooked step may fail without ending the build: its result step ends it
  // once the hooks have run.
  out.allow_failure = step.allow_failure || role.has_hooks;
  if (step.timeout_ms) {
    if (*step.timeout_ms > kDayMs)
      scope.diags.push_back(Diagnostic::make(DiagCode::E0532, step.provenance.decl,
                                             "the timeout of " + what + " is longer than Cloud Build's 24 hours")
                                .note("a Cloud Build build, and so each of its steps, runs for at most 24 hours")
                                .with_help("set `timeout` to 24h or less"));
    // Retries run inside the step, so its Cloud Build timeout covers every attempt.
    int64_t total = std::min(*step.timeout_ms * (step.retry + 1), kDayMs);
    out.timeout = seconds_text(total);
  }

  bool wrap = !step.outputs.empty() || !step.files.empty() || step.retry > 0 || role.has_hooks || role.on_failure_hook;
  for (const auto& a : step.argv) wrap |= reads_output(a);
  for (const auto& e : step.env) {
    auto secret = single_secret(e.value);
    if (secret ? !scope.secrets.can_be_direct(e.name, *secret) : (reads_output(e.value) || has_secret(e.value)))
      wrap = true;
  }

  // The command as words: an argv, or a shell given the script with -c.
  std::vector<ir::Value> words = step.entrypoint;
  bool script_field = false;
  if (step.run_kind == ir::RunKind::Argv) {
    words.insert(words.end(), step.argv.begin(), step.argv.end());
  } else if (step.run_kind == ir::RunKind::Script) {
    if (!wrap && step.entrypoint.empty()) {
      script_field = true;
    } else {
      if (words.empty()) words.push_back(literal("sh", step.provenance.decl));
      if (!ends_with_script_flag(step.entrypoint)) words.push_back(literal("-c", step.provenance.decl));
      words.push_back(literal(shell_text(step.script), step.provenance.decl));
    }
  }

  if (!wrap) {
    if (script_field) {
      out.script = shell_text(step.script);  // `script` is not substituted: the text stays as written
    } else if (!words.empty()) {
      out.entrypoint = scope.subs.value(words[0]);
      for (size_t i = 1; i < words.size(); ++i) out.args.push_back(scope.subs.value(words[i]));
    }
    for (const auto& e : step.env) {
      if (auto secret = single_secret(e.value)) out.secret_env.push_back(scope.secrets.use_direct(e.name, *secret));
      else out.env.push_back(e.name + "=" + scope.subs.value(e.value));
    }
    return out;
  }

  if (words.empty() && (role.has_hooks || role.on_failure_hook)) {
    std::string message =
        role.on_failure_hook
            ? "Cloud Build runs on_failure hook `" + step.id +
                  "` through a `sh` wrapper that checks how its step ended, but the hook has no `run`"
            : "Cloud Build runs " + what + " through a `sh` wrapper so that its hooks can run after a failure, " +
                  "but the step has no `run`";
    scope.diags.push_back(Diagnostic::make(DiagCode::E0521, step.provenance.decl, message)
                              .label("no command to wrap")
                              .note("Cloud Build stops at a failed step; Slipway lets a hooked step fail, records "
                                    "its exit status, and runs the hooks after it")
                              .with_help("add `run [...]` with the image's command"));
    return out;
  }
  if (words.empty()) {
    scope.diags.push_back(Diagnostic::make(DiagCode::E0525, step.provenance.decl,
                                           "Cloud Build must run " + what + " through `sh`, but it has no command")
                              .note("outputs, files and retries are handled by a wrapper that then runs `run`")
                              .with_help("add `run [...]` with the image's command"));
    return out;
  }
  Wrapper wrapper(step.id);
  Composer composer(step, wrapper, out, scope);
  for (const auto& e : step.env) {
    auto secret = single_secret(e.value);
    if (secret && scope.secrets.can_be_direct(e.name, *secret))
      out.secret_env.push_back(scope.secrets.use_direct(e.name, *secret));
    else if (!secret && !reads_output(e.value) && !has_secret(e.value))
      out.env.push_back(e.name + "=" + scope.subs.value(e.value));
    else
      wrapper.export_env(e.name, composer.compose(e.value));
  }
  for (const auto& f : step.files) {
    std::string path = wrapper.word(escape_dollars(f.path));
    std::string dir = parent_dir(f.path);
    std::string dir_ref = dir.empty() ? "" : wrapper.word(escape_dollars(dir));
    wrapper.write_file(path, dir_ref, composer.compose(f.value), f.secret);
  }
  for (const auto& moved : composer.moved()) {
    bool own = std::any_of(step.env.begin(), step.env.end(), [&](const ir::EnvVar& e) { return e.name == moved; });
    if (!own) wrapper.unset_env(moved);
  }
  std::vector<std::string> command;
  for (const auto& w : words) command.push_back(composer.compose(w));
  wrapper.set_command(std::move(command));
  wrapper.set_outputs(step.outputs);
  wrapper.set_retry(step.retry);
  if (role.has_hooks) wrapper.record_status();
  if (role.on_failure_hook) wrapper.run_only_if_failed(step.hook_of);

  bool custom_shell = step.run_kind == ir::RunKind::Script && !step.entrypoint.empty();
  out.entrypoint = custom_shell ? scope.subs.value(step.entrypoint[0]) : "sh";
  out.args = {"-c", escape_dollars(wrapper.program()), "slipway"};
  out.args.insert(out.args.end(), wrapper.words().begin(), wrapper.words().end());
  return out;
}

}  // namespace slipway::backends::cloudbuild
