// curl-pipe-shell: a script runs what it downloads without checking it.

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "curl-pipe-shell", Severity::Warning, "a script pipes a download straight into a shell or interpreter",
    "`curl URL | sh` runs whatever the server (or anyone who can change what it serves) sends, with the "
    "step's secrets in reach, and a truncated download runs half a script. Download to a file, check its "
    "checksum, then run it; or use an image that has the tool."};

bool is_download(std::string_view program) { return program == "curl" || program == "wget"; }

bool substitutes_download(std::string_view word) {
  for (std::string_view needle : {"$(curl", "$(wget", "`curl", "`wget"})
    if (word.find(needle) != std::string_view::npos) return true;
  return false;
}

class CurlPipeShell : public Rule {
 public:
  CurlPipeShell() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const auto& commands = view.commands();
    for (size_t i = 0; i < commands.size(); ++i) {
      const Command& c = commands[i];
      std::string_view program = program_name(c.shell);
      // curl URL | sh
      if (is_download(program) && c.shell.op == "|" && i + 1 < commands.size()) {
        std::string_view next = program_name(commands[i + 1].shell);
        if (is_interpreter(next)) {
          found(view, c, std::string(program), std::string(next), ctx);
          return;
        }
      }
      // sh <(curl URL), source <(curl URL)
      bool runs_text = is_interpreter(program) || program == "source" || program == "." || program == "eval";
      if (runs_text && c.shell.op == "(" && !c.shell.words.empty() && c.shell.words.back().text.ends_with('<') &&
          i + 1 < commands.size() && is_download(program_name(commands[i + 1].shell))) {
        found(view, commands[i + 1], std::string(program_name(commands[i + 1].shell)), std::string(program), ctx);
        return;
      }
      // sh -c "$(curl URL)", eval "$(curl URL)"
      if (runs_text) {
        for (size_t w = program_index(c.shell) + 1; w < c.shell.words.size(); ++w) {
          if (!substitutes_download(c.shell.words[w].text)) continue;
          bool wget = c.shell.words[w].text.find("wget") != std::string::npos;
          found(view, c, wget ? "wget" : "curl", std::string(program), ctx);
          return;
        }
      }
    }
  }

 private:
  void found(const StepView& view, const Command& at, const std::string& download, const std::string& runner,
             LintContext& ctx) {
    report(ctx, view.span_of(at), "a `" + download + "` download runs in `" + runner + "` unchecked")
        .label("runs whatever the server sends")
        .with_help("download to a file, check it (`echo \"SHA256  file\" | sha256sum -c`), then run it");
  }
};

}  // namespace

std::unique_ptr<Rule> make_curl_pipe_shell() { return std::make_unique<CurlPipeShell>(); }

}  // namespace slipway::lint
