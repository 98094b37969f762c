// unquoted-interpolation: `${...}` used unquoted in a script.

#include <algorithm>
#include <map>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "unquoted-interpolation", Severity::Warning,
    "an interpolated value is used unquoted in a script, so the shell splits and globs it",
    "Slipway passes `${name}` to a script as the env var `SLIPWAY_NAME`, never as script text, but the "
    "shell still splits an unquoted expansion at spaces and expands `*` and `?` in it: a param `\"a b\"` "
    "becomes two arguments. Only values that can hold such characters are reported: string params, "
    "outputs and literal text with a space or a glob character; the built-in context and numbers are "
    "safe. Assignments (`X=${v}`), `[[ ... ]]`, `case` and here-documents do not split."};

/// True when the value can contain a space or a glob character at run time.
bool can_split(const ir::Value& value) {
  for (const auto& part : value.parts) {
    if (!part.ref) {
      if (part.text.find_first_of(" \t\n*?[") != std::string::npos) return true;
      continue;
    }
    const ir::Ref& ref = *part.ref;
    if (ref.kind == ir::Ref::Kind::Context || ref.kind == ir::Ref::Kind::Secret) continue;
    if (ref.type.kind == ir::TypeKind::String) return true;
  }
  return false;
}

class UnquotedInterpolation : public Rule {
 public:
  UnquotedInterpolation() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const ShellScript* script = view.script();
    if (!script || script->expansions.empty()) return;
    const ir::Step& step = view.step();
    std::map<std::string, size_t> seen;  // name → occurrences so far
    std::vector<std::string> reported;
    for (const ShellExpansion& e : script->expansions) {
      if (e.name.rfind("SLIPWAY_", 0) != 0) continue;
      size_t nth = seen[e.name]++;
      if (e.quoted || e.assignment || e.test_or_case) continue;
      if (std::find(reported.begin(), reported.end(), e.name) != reported.end()) continue;
      auto var = std::find_if(step.env.begin(), step.env.end(), [&](const auto& v) { return v.name == e.name; });
      if (var == step.env.end() || !can_split(var->value)) continue;
      reported.push_back(e.name);
      std::string written(view.index().text(var->span));
      if (written.empty()) written = "${" + e.name + "}";
      Span at = view.index().find(view.run_span(), written, nth);
      bool raw = view.index().text(view.run_span()).rfind("\"\"\"", 0) == 0;
      std::string quoted = raw ? "\"" + written + "\"" : "\\\"" + written + "\\\"";
      report(ctx, at.valid() ? at : var->span, "`" + written + "` is not quoted in the script")
          .label("the shell splits it at spaces and expands `*` in it")
          .with_help("quote it: `" + quoted + "`");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unquoted_interpolation() { return std::make_unique<UnquotedInterpolation>(); }

}  // namespace slipway::lint
