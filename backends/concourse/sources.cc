#include "backends/concourse/sources.h"

#include <algorithm>

#include "compiler/ir/glob.h"

namespace slipway::backends::concourse {
namespace {

Truth negate(Truth t) { return t == Truth::Unknown ? t : (t == Truth::True ? Truth::False : Truth::True); }
Truth of(bool b) { return b ? Truth::True : Truth::False; }

/// `git.tag matches glob` for a resource whose tags all match `resource_glob`.
Truth tag_matches(const std::string& glob, const Source& source) {
  if (!source.tag()) return of(ir::glob_matches(glob, ""));
  if (!ir::has_wildcard(source.tag_glob)) return of(ir::glob_matches(glob, source.tag_glob));
  if (glob == source.tag_glob || glob == "**") return Truth::True;
  return Truth::Unknown;
}

}  // namespace

std::vector<Source> plan_sources(Lowering& lowering) {
  const ir::Workflow& wf = lowering.workflow;
  const std::string& branch = lowering.settings.branch;
  Source main{"source", "", branch, "", false};
  bool wanted = wf.triggers.empty();
  if (wf.triggers.empty()) main.trigger = true;
  std::vector<std::string> tag_globs;
  const ir::Trigger* unmatched_push = nullptr;
  for (const auto& t : wf.triggers) {
    if (t.kind == ir::Trigger::Kind::Manual) {
      wanted = true;  // any job can be started by hand: `fly trigger-job`
      continue;
    }
    bool branches = t.any_branch || (t.branches.empty() && t.tags.empty());
    for (const auto& b : t.branches) branches |= ir::glob_matches(b, branch);
    if (branches) main.trigger = wanted = true;
    else if (!t.branches.empty() && !unmatched_push) unmatched_push = &t;
    for (const auto& g : t.tags)
      if (std::find(tag_globs.begin(), tag_globs.end(), g) == tag_globs.end()) tag_globs.push_back(g);
  }
  if (unmatched_push && !main.trigger) {
    lowering.error(DiagCode::E0560, unmatched_push->span,
                   "the Concourse pipeline follows branch `" + branch + "`, which no push trigger of workflow `" +
                       wf.name + "` matches")
        .label("a Concourse git resource follows one branch")
        .with_help("set the branch this pipeline follows: --set concourse.branch=NAME (one pipeline per branch, "
                   "e.g. with `fly set-pipeline --instance-var`)");
  }
  std::vector<Source> out;
  if (wanted) out.push_back(main);
  NameAllocator suffixes;
  for (const auto& g : tag_globs) {
    std::string suffix = suffixes.allocate("-tags");
    out.push_back(Source{"source" + suffix, suffix, "", g, true});
  }
  return out;
}

Truth decide(const ir::Condition& c, const Source& source) {
  using Op = ir::Condition::Op;
  auto known = [&](ir::ContextKey key) -> std::optional<std::string> {
    if (key == ir::ContextKey::GitBranch) return source.tag() ? "" : source.branch;
    if (key == ir::ContextKey::GitTag && !source.tag()) return std::string();
    if (key == ir::ContextKey::GitTag && !ir::has_wildcard(source.tag_glob)) return source.tag_glob;
    return std::nullopt;
  };
  switch (c.op) {
    case Op::True: return Truth::True;
    case Op::Equals:
    case Op::NotEquals: {
      auto value = known(c.context);
      Truth t = Truth::Unknown;
      if (value) t = of(*value == c.literal);
      else if (c.context == ir::ContextKey::GitTag && c.literal.empty()) t = Truth::False;  // a tag is never empty
      return c.op == Op::Equals ? t : negate(t);
    }
    case Op::Matches: {
      if (c.context == ir::ContextKey::GitTag) return tag_matches(c.literal, source);
      auto value = known(c.context);
      return value ? of(ir::glob_matches(c.literal, *value)) : Truth::Unknown;
    }
    case Op::Not: return c.operands.empty() ? Truth::Unknown : negate(decide(c.operands[0], source));
    case Op::And:
    case Op::Or: {
      bool is_and = c.op == Op::And;
      Truth acc = is_and ? Truth::True : Truth::False;
      for (const auto& o : c.operands) {
        Truth t = decide(o, source);
        if (t == (is_and ? Truth::False : Truth::True)) return t;
        if (t == Truth::Unknown) acc = Truth::Unknown;
      }
      return acc;
    }
  }
  return Truth::Unknown;
}

}  // namespace slipway::backends::concourse
