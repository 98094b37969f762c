// install-without-yes: a package manager that will stop and ask.

#include <algorithm>
#include <array>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "install-without-yes", Severity::Error,
    "`apt-get install` (or yum, dnf, zypper) without `-y` asks a question nobody answers",
    "A CI step has no terminal: `apt-get install` without `-y` prints \"Do you want to continue? "
    "[Y/n]\" and aborts, so the step fails as soon as a package pulls in a dependency. "
    "`DEBIAN_FRONTEND=noninteractive` does not answer that question; `-y` does."};

struct Manager {
  std::string_view program;
  std::array<std::string_view, 9> asking;  ///< sub-commands that ask before they act
  std::array<std::string_view, 4> yes;     ///< options that answer yes
  char short_yes;                          ///< a short option letter that answers yes
};

constexpr Manager kManagers[] = {
    {"apt-get", {"install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "build-dep", "reinstall"},
     {"--yes", "--assume-yes", "--force-yes", "-qq"}, 'y'},
    {"apt", {"install", "upgrade", "full-upgrade", "remove", "purge", "autoremove", "reinstall", "", ""},
     {"--yes", "--assume-yes", "-qq", ""}, 'y'},
    {"yum", {"install", "update", "upgrade", "remove", "erase", "reinstall", "downgrade", "groupinstall", ""},
     {"--assumeyes", "", "", ""}, 'y'},
    {"dnf", {"install", "update", "upgrade", "remove", "erase", "reinstall", "downgrade", "groupinstall", ""},
     {"--assumeyes", "", "", ""}, 'y'},
    {"zypper", {"install", "in", "update", "up", "remove", "rm", "patch", "dup", "dist-upgrade"},
     {"--non-interactive", "--no-confirm", "", ""}, 'n'},
};

bool answers_yes(const Manager& m, std::string_view w) {
  if (w.empty()) return false;
  for (std::string_view y : m.yes) if (!y.empty() && w == y) return true;
  if (has_short_flag(w, m.short_yes)) return true;
  if (m.program == "zypper" && w == "-y") return true;
  return w.find("Assume-Yes") != std::string_view::npos || w.find("assumeyes") != std::string_view::npos;
}

class InstallWithoutYes : public Rule {
 public:
  InstallWithoutYes() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const auto& commands = view.commands();
    for (size_t i = 0; i < commands.size(); ++i) {
      const ShellCommand& c = commands[i].shell;
      std::string_view program = program_name(c);
      const Manager* manager = nullptr;
      for (const Manager& m : kManagers) if (m.program == program) manager = &m;
      if (!manager) continue;
      // `yes | apt-get install ...` answers too.
      if (i > 0 && commands[i - 1].shell.op == "|" && program_name(commands[i - 1].shell) == "yes") continue;
      size_t sub = std::string::npos;
      bool yes = false;
      for (size_t w = program_index(c) + 1; w < c.words.size(); ++w) {
        const std::string& word = c.words[w].text;
        yes |= answers_yes(*manager, word);
        if (sub == std::string::npos && !word.empty() && word[0] != '-' &&
            std::find(manager->asking.begin(), manager->asking.end(), word) != manager->asking.end())
          sub = w;
      }
      if (sub == std::string::npos || yes) continue;
      std::string shown = std::string(program) + " " + c.words[sub].text;
      report(ctx, view.span_of(commands[i], sub), "`" + shown + "` has no `-y`")
          .label("waits for a yes that never comes, then aborts")
          .with_help("add `-y`: `" + shown + " -y ...`");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_install_without_yes() { return std::make_unique<InstallWithoutYes>(); }

}  // namespace slipway::lint
