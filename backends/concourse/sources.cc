#include "backends/concourse/sources.h"

#include <algorithm>

namespace slipway::backends::concourse {
namespace {

bool is_glob(const std::string& pattern) { return pattern.find_first_of("*?[") != std::string::npos; }

/// Matches a `[...]` class at glob[i] against c; sets `end` past the class.
/// Returns nullopt when the bracket does not open a class (then it is literal).
std::optional<bool> match_class(const std::string& glob, size_t i, char c, size_t& end) {
  size_t j = i + 1;
  bool negate = j < glob.size() && (glob[j] == '!' || glob[j] == '^');
  if (negate) ++j;
  size_t first = j;
  bool matched = false;
  for (; j < glob.size() && (glob[j] != ']' || j == first); ++j) {
    if (j + 2 < glob.size() && glob[j + 1] == '-' && glob[j + 2] != ']') {
      matched |= glob[j] <= c && c <= glob[j + 2];
      j += 2;
    } else {
      matched |= glob[j] == c;
    }
  }
  if (j >= glob.size()) return std::nullopt;
  end = j + 1;
  return matched != negate;
}

bool match_from(const std::string& glob, size_t gi, const std::string& text, size_t ti) {
  while (gi < glob.size()) {
    char g = glob[gi];
    if (g == '*') {
      bool across = gi + 1 < glob.size() && glob[gi + 1] == '*';
      size_t rest = gi + (across ? 2 : 1);
      for (size_t k = ti; k <= text.size(); ++k) {
        if (match_from(glob, rest, text, k)) return true;
        if (k < text.size() && text[k] == '/' && !across) return false;
      }
      return false;
    }
    if (ti >= text.size()) return false;
    if (g == '?') {
      if (text[ti] == '/') return false;
    } else if (g == '[') {
      size_t end = 0;
      auto m = match_class(glob, gi, text[ti], end);
      if (m) {
        if (!*m) return false;
        gi = end;
        ++ti;
        continue;
      }
      if (text[ti] != '[') return false;
    } else if (g == '\\' && gi + 1 < glob.size()) {
      if (text[ti] != glob[++gi]) return false;
    } else if (g != text[ti]) {
      return false;
    }
    ++gi;
    ++ti;
  }
  return ti == text.size();
}

Truth negate(Truth t) { return t == Truth::Unknown ? t : (t == Truth::True ? Truth::False : Truth::True); }
Truth of(bool b) { return b ? Truth::True : Truth::False; }

/// `git.tag matches glob` for a resource whose tags all match `resource_glob`.
Truth tag_matches(const std::string& glob, const Source& source) {
  if (!source.tag()) return of(glob_match(glob, ""));
  if (!is_glob(source.tag_glob)) return of(glob_match(glob, source.tag_glob));
  if (glob == source.tag_glob || glob == "**") return Truth::True;
  return Truth::Unknown;
}

}  // namespace

bool glob_match(const std::string& glob, const std::string& text) { return match_from(glob, 0, text, 0); }

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
    for (const auto& b : t.branches) branches |= glob_match(b, branch);
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
    if (key == ir::ContextKey::GitTag && !is_glob(source.tag_glob)) return source.tag_glob;
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
      return value ? of(glob_match(c.literal, *value)) : Truth::Unknown;
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
