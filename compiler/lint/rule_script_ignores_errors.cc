// script-ignores-errors: `set +e` for the rest of a script, or `|| true`
// after the whole of it.

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "script-ignores-errors", Severity::Warning,
    "a script turns failures into success (`set +e` to the end, or `|| true` on the whole script)",
    "A step that cannot fail reports green when tests fail or a deploy breaks, and the next steps run "
    "on a broken result. `cmd || true` on one line of a longer script is fine (e.g. `rm -f x || true`); "
    "so is `set +e` that a later `set -e` ends. To let a step fail without failing the run, use "
    "`allow_failure`: the failure stays visible."};

bool is_set(const ShellCommand& c) { return program_name(c) == "set"; }

/// `set +e`, `set +eu`, `set +o errexit`.
bool disables_errexit(const ShellCommand& c) {
  for (size_t i = program_index(c) + 1; i < c.words.size(); ++i) {
    const std::string& w = c.words[i].text;
    if (w.size() > 1 && w[0] == '+' && w != "+o" && w.find('e') != std::string::npos) return true;
    if (w == "+o" && i + 1 < c.words.size() && c.words[i + 1].text == "errexit") return true;
  }
  return false;
}

bool enables_errexit(const ShellCommand& c) {
  for (size_t i = program_index(c) + 1; i < c.words.size(); ++i) {
    const std::string& w = c.words[i].text;
    if (has_short_flag(w, 'e')) return true;
    if (w == "-o" && i + 1 < c.words.size() && c.words[i + 1].text == "errexit") return true;
  }
  return false;
}

bool always_succeeds(const ShellCommand& c) {
  if (c.words.size() == 1) return c.words[0].text == "true" || c.words[0].text == ":";
  return c.words.size() == 2 && c.words[0].text == "exit" && c.words[1].text == "0";
}

class ScriptIgnoresErrors : public Rule {
 public:
  ScriptIgnoresErrors() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const ShellScript* script = view.script();
    if (!script) return;
    std::vector<const Command*> top;
    for (const Command& c : view.commands()) if (!c.shell.in_substitution) top.push_back(&c);
    for (size_t i = 0; i < top.size(); ++i) {
      if (!is_set(top[i]->shell) || !disables_errexit(top[i]->shell)) continue;
      bool restored = false;
      for (size_t j = i + 1; j < top.size() && !restored; ++j)
        restored = is_set(top[j]->shell) && enables_errexit(top[j]->shell);
      if (restored) continue;
      report(ctx, view.span_of(*top[i]), "`set +e` turns off exit-on-error for the rest of the script")
          .label("later failures are ignored")
          .with_help("remove it; to look at an exit status use `if cmd; then ...` or `cmd || status=$?`");
      return;
    }
    whole_script_or_true(view, top, ctx);
  }

 private:
  void whole_script_or_true(const StepView& view, const std::vector<const Command*>& top, LintContext& ctx) {
    size_t last = top.size();
    while (last > 0 && top[last - 1]->shell.words.empty()) --last;
    if (last < 2 || !always_succeeds(top[last - 1]->shell) || top[last - 2]->shell.op != "||") return;
    // The `||` must join the whole script: no top-level line break or `;` before it.
    int depth = 0;
    for (size_t k = 0; k + 1 < last; ++k) {
      const ShellCommand& c = top[k]->shell;
      if (!c.words.empty() && c.words.front().text == "{") ++depth;
      if (!c.words.empty() && c.words.front().text == "}") --depth;
      bool separator = c.op == "\n" || c.op == ";" || c.op == ";;" || c.op == "&";
      if (separator && depth <= 0 && k + 2 < last) return;
      if (c.op == "(") ++depth;
      if (c.op == ")") --depth;
    }
    const ShellCommand& tail = top[last - 1]->shell;
    std::string needle = "|| " + tail.words[0].text + (tail.words.size() > 1 ? " " + tail.words[1].text : "");
    size_t count = 0;
    for (size_t at = view.step().script.find(needle); at != std::string::npos; at = view.step().script.find(needle, at + 1)) ++count;
    Span at = view.index().find(view.run_span(), needle, count > 0 ? count - 1 : 0);
    report(ctx, at, "the whole script ends in `" + needle + "`, so the step never fails")
        .label("hides every failure of the script")
        .with_help("let the step fail, or mark it `allow_failure` so that a failure stays visible");
  }
};

}  // namespace

std::unique_ptr<Rule> make_script_ignores_errors() { return std::make_unique<ScriptIgnoresErrors>(); }

}  // namespace slipway::lint
