// xtrace-with-secrets: `set -x` in a step that receives secrets.

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "xtrace-with-secrets", Severity::Error, "a step that receives secrets turns on shell tracing (`set -x`)",
    "Tracing prints every command after expansion, so `curl -H \"Authorization: Bearer $TOKEN\"` appears "
    "in the build log with the token in clear text. Log masking catches only exact matches, not a "
    "base64-encoded or URL-encoded secret."};

/// The index of the word that turns tracing on, or npos.
size_t xtrace_word(const ShellCommand& c) {
  size_t program = program_index(c);
  if (program >= c.words.size()) return std::string::npos;
  std::string_view name = program_name(c);
  bool is_set = name == "set";
  if (!is_set && !is_shell(name)) return std::string::npos;
  for (size_t i = program + 1; i < c.words.size(); ++i) {
    const std::string& w = c.words[i].text;
    if (has_short_flag(w, 'x')) return i;
    if (w == "-o" && i + 1 < c.words.size() && c.words[i + 1].text == "xtrace") return i;
    if (!is_set && (w.empty() || w[0] != '-')) break;  // `bash script.sh -x`: the script's own argument
  }
  return std::string::npos;
}

/// "remove `-x`" or "drop the `x` from `-eux`".
std::string turn_off(const std::string& word) {
  if (word == "-x" || word == "-o") return word == "-o" ? "remove `-o xtrace`" : "remove `-x`";
  return "drop the `x` from `" + word + "`";
}

class XtraceWithSecrets : public Rule {
 public:
  XtraceWithSecrets() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    if (!view.receives_secret()) return;
    const ir::Step& step = view.step();
    std::string secrets;
    for (const auto& e : step.env) if (e.secret) secrets += (secrets.empty() ? "$" : ", $") + e.name;
    for (const auto& f : step.files) if (f.secret) secrets += (secrets.empty() ? "" : ", ") + f.path;
    for (const Command& c : view.commands()) {
      size_t word = xtrace_word(c.shell);
      if (word == std::string::npos) continue;
      report(ctx, view.span_of(c, word), "shell tracing is on in a step that holds secrets")
          .label("prints expanded commands, secrets included, to the build log")
          .note("the step receives " + secrets)
          .with_help(turn_off(c.shell.words[word].text) + ", or wrap the lines that use a secret in `set +x` ... `set -x`");
      return;
    }
    Command entry;
    for (const auto& item : step.entrypoint) entry.shell.words.push_back(ShellWord{value_text(item), 0, 0});
    if (size_t word = xtrace_word(entry.shell); word != std::string::npos)
      report(ctx, step.entrypoint[word].span, "shell tracing is on in a step that holds secrets")
          .label("prints expanded commands, secrets included, to the build log")
          .note("the step receives " + secrets)
          .with_help(turn_off(entry.shell.words[word].text) + " in the entrypoint");
  }
};

}  // namespace

std::unique_ptr<Rule> make_xtrace_with_secrets() { return std::make_unique<XtraceWithSecrets>(); }

}  // namespace slipway::lint
