// The chain step: the last step of an upstream build starts the build of a
// chained pipeline use whose trigger conditions differ (a gate, another
// `when`). It runs `gcloud builds triggers run` for that build's trigger,
// pinned to this build's commit, after checking the use's `when` here (the
// started build cannot skip itself). Every value it reads reaches bash
// through the environment; the program holds no user text.

#include "backends/cloudbuild/lowering.h"
#include "backends/cloudbuild/ref_filter.h"

namespace slipway::backends::cloudbuild {
namespace {

class ConditionScript {
 public:
  ConditionScript(CbStep& step, BuildScope& scope) : step_(step), scope_(scope) {}

  /// A bash `[[ ]]` expression; nullopt when it reads something the chain
  /// step cannot know (reported).
  std::optional<std::string> expr(const ir::Condition& c) {
    using Op = ir::Condition::Op;
    switch (c.op) {
      case Op::True: return std::string("1 -eq 1");
      case Op::Not: {
        auto inner = expr(c.operands.at(0));
        if (!inner) return std::nullopt;
        return "! ( " + *inner + " )";
      }
      case Op::And:
      case Op::Or: {
        auto a = expr(c.operands.at(0));
        auto b = expr(c.operands.at(1));
        if (!a || !b) return std::nullopt;
        return "( " + *a + " ) " + (c.op == Op::And ? "&&" : "||") + " ( " + *b + " )";
      }
      case Op::Equals:
      case Op::NotEquals:
      case Op::Matches: {
        auto var = context_var(c);
        if (!var) return std::nullopt;
        std::string lit = "SLIPWAY_WHEN_" + std::to_string(++literals_);
        if (c.op == Op::Matches) {
          step_.env.push_back(lit + "=" + escape_dollars("^" + ir::glob_regex(c.literal) + "$"));
          return "\"$" + *var + "\" =~ $" + lit;
        }
        step_.env.push_back(lit + "=" + escape_dollars(c.literal));
        return "\"$" + *var + "\" " + (c.op == Op::Equals ? "==" : "!=") + " \"$" + lit + "\"";
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> context_var(const ir::Condition& c) {
    std::string name;
    switch (c.context) {
      case ir::ContextKey::GitSha: name = "SLIPWAY_GIT_SHA"; break;
      case ir::ContextKey::GitShortSha: name = "SLIPWAY_GIT_SHORT_SHA"; break;
      case ir::ContextKey::GitBranch: name = "SLIPWAY_GIT_BRANCH"; break;
      case ir::ContextKey::GitTag: name = "SLIPWAY_GIT_TAG"; break;
      default:
        scope_.diags.push_back(
            Diagnostic::make(DiagCode::E0523, c.span,
                             "Cloud Build cannot decide `" + ir::context_name(c.context) +
                                 "` before the build it names has started")
                .note("this pipeline runs as its own build, started by the end of its upstream build")
                .with_help("compare `git.branch` or `git.tag` instead"));
        return std::nullopt;
    }
    bool seen = false;
    for (const auto& e : step_.env) seen |= e.rfind(name + "=", 0) == 0;
    if (!seen) {
      ir::Part part{"", ir::Ref{ir::Ref::Kind::Context, "", "", c.context, ir::Type::of(ir::TypeKind::String)}};
      step_.env.push_back(name + "=" + scope_.subs.part(part, c.span));
    }
    return name;
  }

  CbStep& step_;
  BuildScope& scope_;
  int literals_ = 0;
};

}  // namespace

CbStep chain_step(const ir::Instance& target, const std::string& trigger_name,
                  const std::set<std::string>& target_reads, BuildScope& scope) {
  CbStep step;
  step.id = "slipway-start-" + target.name;
  step.name = scope.settings.gcloud_image;
  step.entrypoint = "bash";
  step.env.push_back("SLIPWAY_REGION=${LOCATION}");
  step.env.push_back("SLIPWAY_COMMIT=${COMMIT_SHA}");
  std::string subs;
  for (const auto& [key, context] : {std::pair{"_SLIPWAY_GIT_BRANCH", ir::ContextKey::GitBranch},
                                      std::pair{"_SLIPWAY_GIT_TAG", ir::ContextKey::GitTag}}) {
    if (!target_reads.count(key)) continue;
    std::string var = context == ir::ContextKey::GitBranch ? "SLIPWAY_GIT_BRANCH" : "SLIPWAY_GIT_TAG";
    ir::Part part{"", ir::Ref{ir::Ref::Kind::Context, "", "", context, ir::Type::of(ir::TypeKind::String)}};
    step.env.push_back(var + "=" + scope.subs.part(part, target.span));
    // `^:^` makes `:` the list separator: git ref names cannot contain it.
    subs += std::string(subs.empty() ? "" : ":") + key + "=$" + var;
  }
  ConditionScript cond(step, scope);
  std::optional<std::string> test = target.when ? cond.expr(*target.when) : std::optional<std::string>("1 -eq 1");

  std::string run = "gcloud builds triggers run " + sh_quote(trigger_name) +
                    " --region=\"$SLIPWAY_REGION\" --sha=\"$SLIPWAY_COMMIT\"";
  if (!subs.empty()) run += " --substitutions=\"^:^" + subs + "\"";
  std::string program =
      "if [ -z \"$SLIPWAY_COMMIT\" ]; then\n"
      "  echo " + sh_quote("slipway: cannot start pipeline " + target.name +
                           ": this build has no commit (start it from its trigger)") + " >&2\n"
      "  exit 1\n"
      "fi\n";
  if (target.when && test) {
    program += "if [[ " + *test + " ]]; then\n  " + run + "\nelse\n  echo " +
               sh_quote("slipway: pipeline " + target.name + " does not run: its `when` condition is false") + "\nfi\n";
  } else {
    program += run + "\n";
  }
  step.args = {"-c", escape_dollars(program)};
  return step;
}

}  // namespace slipway::backends::cloudbuild
