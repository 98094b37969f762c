// ungated-production: a production environment that any push can reach.

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "ungated-production", Severity::Error,
    "a production environment is deployed with no manual gate and no branch condition",
    "Without a gate or a branch condition, a push to any branch (a half-finished feature, a fork's pull "
    "request branch) deploys to production. An instance counts as production when its environment "
    "name (or, without one, its instance name) has the word prod, production, prd or live."};

bool is_production(const std::string& name) {
  static constexpr std::array<std::string_view, 4> kWords = {"prod", "production", "prd", "live"};
  std::string word;
  for (size_t i = 0; i <= name.size(); ++i) {
    unsigned char c = i < name.size() ? static_cast<unsigned char>(name[i]) : ' ';
    if (std::isalnum(c)) { word += static_cast<char>(std::tolower(c)); continue; }
    if (std::find(kWords.begin(), kWords.end(), word) != kWords.end()) return true;
    word.clear();
  }
  return false;
}

/// True when the condition can hold only for some branches or tags.
bool restricts_ref(const ir::Condition& c) {
  using Op = ir::Condition::Op;
  bool on_ref = c.context == ir::ContextKey::GitBranch || c.context == ir::ContextKey::GitTag;
  switch (c.op) {
    case Op::Equals: case Op::Matches: return on_ref && c.literal != "*" && c.literal != "**";
    case Op::And: return std::any_of(c.operands.begin(), c.operands.end(), restricts_ref);
    case Op::Or: return !c.operands.empty() && std::all_of(c.operands.begin(), c.operands.end(), restricts_ref);
    default: return false;
  }
}

/// True when every trigger is a push limited to some branches or tags.
bool triggers_restrict(const ir::Workflow& workflow) {
  if (workflow.triggers.empty()) return false;
  for (const auto& t : workflow.triggers) {
    if (t.kind != ir::Trigger::Kind::Push || t.any_branch) return false;
    if (t.branches.empty() && t.tags.empty()) return false;
    for (const auto& b : t.branches) if (b == "*" || b == "**") return false;
  }
  return true;
}

bool gated(const ir::Instance& instance) {
  return instance.manual || std::any_of(instance.steps.begin(), instance.steps.end(),
                                        [](const ir::Step& s) { return s.manual.has_value(); });
}

class UngatedProduction : public Rule {
 public:
  UngatedProduction() : Rule(kInfo) {}

  void visit_instance(const InstanceView& view, LintContext& ctx) override {
    const ir::Instance& instance = view.instance;
    std::string name = instance.environment ? value_text(instance.environment->name) : instance.name;
    if (!is_production(name)) return;
    if (instance.when && restricts_ref(*instance.when)) return;
    if (triggers_restrict(view.workflow)) return;
    // A manual gate on this instance or on anything it waits for stops the run.
    std::set<std::string> seen;
    std::vector<const ir::Instance*> todo{&instance};
    while (!todo.empty()) {
      const ir::Instance* next = todo.back();
      todo.pop_back();
      if (!seen.insert(next->name).second) continue;
      if (gated(*next)) return;
      for (const auto& up : next->upstream)
        if (const ir::Instance* u = view.workflow.find_instance(up)) todo.push_back(u);
    }
    Span at = instance.environment && instance.environment->name.span.valid() ? instance.environment->name.span
                                                                             : instance.span;
    auto& d = report(ctx, at, "`" + instance.name + "` deploys to `" + name + "` with no manual gate and no branch condition")
                  .label("a push to any branch reaches production");
    d.note("neither a `when` on `git.branch` or `git.tag` nor the triggers of workflow `" + view.workflow.name +
           "` limit which branches run it");
    d.with_help("add `manual \"Deploy to production?\"` or `when git.branch == \"main\"` to this chain element");
  }
};

}  // namespace

std::unique_ptr<Rule> make_ungated_production() { return std::make_unique<UngatedProduction>(); }

}  // namespace slipway::lint
