// duplicate-step: two steps run the same image with the same command.

#include <algorithm>
#include <map>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "duplicate-step", Severity::Warning, "two steps run the same image, command, workdir, env and services",
    "A copied step doubles the build time and the cost of the run and usually means one copy was meant "
    "to change (a different suite, target or platform) and did not."};

class DuplicateStep : public Rule {
 public:
  DuplicateStep() : Rule(kInfo) {}

  void begin_workflow(const ir::Workflow&, LintContext&) override { seen_.clear(); }

  void visit_step(const StepView& view, LintContext& ctx) override {
    const ir::Step& step = view.step();
    if (step.is_hook()) return;  // hooks repeat by design (the same notifier on many steps)
    auto [it, inserted] = seen_.emplace(key(step), &step);
    if (inserted) return;
    const ir::Step& first = *it->second;
    // Two instances of one pipeline share their declarations: not a copy.
    if (first.provenance.decl == step.provenance.decl) return;
    // Names as written, unless the two are in different pipelines.
    bool same = first.instance == step.instance;
    report(ctx, step.provenance.decl, "step `" + (same ? step.name : step.id) +
                                          "` runs the same image and command as `" + (same ? first.name : first.id) + "`")
        .label("a copy")
        .also(first.provenance.decl, "first here")
        .with_help("remove the copy, or make the difference explicit (its own arguments, env or workdir)");
  }

 private:
  static std::string key(const ir::Step& step) {
    std::string out = value_text(step.image) + '\0';
    for (const auto& v : step.entrypoint) out += value_text(v) + '\x02';
    out += '\0' + std::to_string(static_cast<int>(step.run_kind)) + '\0' + step.script + '\0';
    for (const auto& v : step.argv) out += value_text(v) + '\x02';
    out += '\0' + (step.workdir ? value_text(*step.workdir) : std::string()) + '\0';
    std::vector<std::string> env;
    for (const auto& e : step.env) env.push_back(e.name + "=" + value_text(e.value));
    for (const auto& f : step.files) env.push_back(f.path + ":" + value_text(f.value));
    for (const auto& svc : step.services) env.push_back("service " + svc.alias + "=" + value_text(svc.image));
    std::sort(env.begin(), env.end());
    for (const auto& e : env) out += e + '\x02';
    return out;
  }

  std::map<std::string, const ir::Step*> seen_;
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_step() { return std::make_unique<DuplicateStep>(); }

}  // namespace slipway::lint
