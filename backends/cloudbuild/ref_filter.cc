#include "backends/cloudbuild/ref_filter.h"

#include <algorithm>

namespace slipway::backends::cloudbuild {
namespace {

using Pattern = RefFilter::Pattern;
using Kind = RefFilter::Kind;

bool matches_any(const std::vector<Pattern>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (p.glob ? ir::glob_matches(p.text, name) : p.text == name) return true;
  return false;
}

RefFilter make(Kind kind, std::vector<Pattern> ps) {
  // Dedupe, keep first-seen order: the regex stays readable and stable.
  std::vector<Pattern> out;
  for (auto& p : ps)
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  if (out.empty()) return kind == Kind::Match ? RefFilter::none() : RefFilter::all();
  return {kind, std::move(out)};
}

RefFilter negate(const RefFilter& f) {
  switch (f.kind) {
    case Kind::All: return RefFilter::none();
    case Kind::None: return RefFilter::all();
    case Kind::Match: return {Kind::NotMatch, f.patterns};
    case Kind::NotMatch: return {Kind::Match, f.patterns};
  }
  return f;
}

std::string literal_prefix(const std::string& glob) { return glob.substr(0, glob.find_first_of("*?")); }

std::string literal_suffix(const std::string& glob) {
  auto last = glob.find_last_of("*?");
  return last == std::string::npos ? glob : glob.substr(last + 1);
}

/// True when no name matches both patterns (decided from their literal
/// prefixes and suffixes; false means "maybe").
bool disjoint(const Pattern& a, const Pattern& b) {
  if (!a.glob) return !matches_any({b}, a.text);
  if (!b.glob) return !matches_any({a}, b.text);
  std::string pa = literal_prefix(a.text), pb = literal_prefix(b.text);
  if (pa.compare(0, pb.size(), pb) != 0 && pb.compare(0, pa.size(), pa) != 0) return true;
  std::string sa = literal_suffix(a.text), sb = literal_suffix(b.text);
  auto ends_with = [](const std::string& x, const std::string& y) {
    return x.size() >= y.size() && x.compare(x.size() - y.size(), y.size(), y) == 0;
  };
  return !ends_with(sa, sb) && !ends_with(sb, sa);
}

/// True when every name `a` matches, `b` matches too.
bool covers(const Pattern& b, const Pattern& a) {
  if (!a.glob) return matches_any({b}, a.text);
  if (!b.glob) return false;
  if (a.text == b.text) return true;
  // "prefix/**" covers every glob that starts with "prefix/".
  std::string pb = literal_prefix(b.text);
  return b.text == pb + "**" && literal_prefix(a.text).compare(0, pb.size(), pb) == 0;
}

/// The names both match, as patterns; nullopt when that is no pattern.
std::optional<std::vector<Pattern>> meet(const Pattern& a, const Pattern& b) {
  if (disjoint(a, b)) return std::vector<Pattern>{};
  if (covers(b, a)) return std::vector<Pattern>{a};
  if (covers(a, b)) return std::vector<Pattern>{b};
  return std::nullopt;
}

std::optional<RefFilter> intersect(const RefFilter& a, const RefFilter& b) {
  if (a.kind == Kind::None || b.kind == Kind::None) return RefFilter::none();
  if (a.kind == Kind::All) return b;
  if (b.kind == Kind::All) return a;
  if (a.kind == Kind::NotMatch && b.kind == Kind::NotMatch) {
    std::vector<Pattern> ps = a.patterns;
    ps.insert(ps.end(), b.patterns.begin(), b.patterns.end());
    return make(Kind::NotMatch, ps);
  }
  if (a.kind == Kind::Match && b.kind == Kind::Match) {
    // (a1 | a2 ...) & (b1 | b2 ...) = the union of every pairwise meet.
    std::vector<Pattern> ps;
    for (const auto& pa : a.patterns)
      for (const auto& pb : b.patterns) {
        auto m = meet(pa, pb);
        if (!m) return std::nullopt;  // RE2 has no intersection
        ps.insert(ps.end(), m->begin(), m->end());
      }
    return make(Kind::Match, ps);
  }
  // A pattern minus excluded ones: kept when no exclusion touches it, dropped
  // when one covers it; a partial overlap would need lookahead, which RE2 lacks.
  const RefFilter& pos = a.kind == Kind::Match ? a : b;
  const RefFilter& neg = a.kind == Kind::Match ? b : a;
  std::vector<Pattern> ps;
  for (const auto& p : pos.patterns) {
    bool keep = true;
    for (const auto& n : neg.patterns) {
      if (disjoint(p, n)) continue;
      if (covers(n, p)) {
        keep = false;
        break;
      }
      return std::nullopt;
    }
    if (keep) ps.push_back(p);
  }
  return make(Kind::Match, ps);
}

std::optional<RefFilter> unite(const RefFilter& a, const RefFilter& b) {
  auto na = negate(a), nb = negate(b);
  auto both = intersect(na, nb);
  if (!both) return std::nullopt;
  return negate(*both);
}

std::optional<RefFilter> fold(const ir::Condition& c, RefKind kind, const ir::Condition** failing) {
  using Op = ir::Condition::Op;
  switch (c.op) {
    case Op::True: return RefFilter::all();
    case Op::Not: {
      auto inner = fold(c.operands.at(0), kind, failing);
      if (!inner) return std::nullopt;
      return negate(*inner);
    }
    case Op::And:
    case Op::Or: {
      auto a = fold(c.operands.at(0), kind, failing);
      if (!a) return std::nullopt;
      auto b = fold(c.operands.at(1), kind, failing);
      if (!b) return std::nullopt;
      auto r = c.op == Op::And ? intersect(*a, *b) : unite(*a, *b);
      if (!r && !*failing) *failing = &c;
      return r;
    }
    case Op::Equals:
    case Op::NotEquals:
    case Op::Matches: {
      ir::ContextKey own = kind == RefKind::Branch ? ir::ContextKey::GitBranch : ir::ContextKey::GitTag;
      ir::ContextKey other = kind == RefKind::Branch ? ir::ContextKey::GitTag : ir::ContextKey::GitBranch;
      RefFilter atom;
      if (c.context == own) {
        atom = {Kind::Match, {{c.op == Op::Matches, c.literal}}};
      } else if (c.context == other) {
        // A branch push has no tag and a tag push no branch: both read as "".
        bool hit = c.op == Op::Matches ? ir::glob_matches(c.literal, "") : c.literal.empty();
        atom = hit ? RefFilter::all() : RefFilter::none();
      } else {
        if (!*failing) *failing = &c;
        return std::nullopt;
      }
      return c.op == Op::NotEquals ? negate(atom) : atom;
    }
  }
  return std::nullopt;
}


}  // namespace

std::string literal_regex(const std::string& text) {
  static const std::string meta = R"(\.+*?()|[]{}^$)";
  std::string out;
  for (char c : text) {
    if (meta.find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}



std::string RefFilter::regex() const {
  if (kind == Kind::All || kind == Kind::None) return ".*";
  std::string body;
  for (const auto& p : patterns) {
    if (!body.empty()) body += "|";
    body += p.glob ? ir::glob_regex(p.text) : literal_regex(p.text);
  }
  return patterns.size() == 1 ? "^" + body + "$" : "^(" + body + ")$";
}

RefFilter trigger_filter(const std::vector<ir::Trigger>& triggers, RefKind kind) {
  std::vector<Pattern> ps;
  for (const auto& t : triggers) {
    if (t.kind != ir::Trigger::Kind::Push) continue;
    if (t.any_branch) return RefFilter::all();
    for (const auto& g : kind == RefKind::Branch ? t.branches : t.tags) ps.push_back({true, g});
  }
  return make(Kind::Match, ps);
}

std::optional<RefFilter> with_condition(const RefFilter& base, const ir::Condition& when, RefKind kind,
                                        const ir::Condition** failing) {
  *failing = nullptr;
  auto c = fold(when, kind, failing);
  if (!c) return std::nullopt;
  auto r = intersect(base, *c);
  if (!r) *failing = &when;
  return r;
}

std::optional<bool> condition_for_branch(const ir::Condition& when, const std::string& branch) {
  using Op = ir::Condition::Op;
  switch (when.op) {
    case Op::True: return true;
    case Op::Not: {
      auto v = condition_for_branch(when.operands.at(0), branch);
      if (!v) return std::nullopt;
      return !*v;
    }
    case Op::And:
    case Op::Or: {
      auto a = condition_for_branch(when.operands.at(0), branch);
      auto b = condition_for_branch(when.operands.at(1), branch);
      if (!a || !b) return std::nullopt;
      return when.op == Op::And ? (*a && *b) : (*a || *b);
    }
    case Op::Equals:
    case Op::NotEquals:
    case Op::Matches: {
      std::string value;
      if (when.context == ir::ContextKey::GitBranch) value = branch;
      else if (when.context != ir::ContextKey::GitTag) return std::nullopt;
      bool hit = when.op == Op::Matches ? ir::glob_matches(when.literal, value) : when.literal == value;
      return when.op == Op::NotEquals ? !hit : hit;
    }
  }
  return std::nullopt;
}

bool same_condition(const ir::Condition& a, const ir::Condition& b) {
  if (a.op != b.op || a.operands.size() != b.operands.size()) return false;
  using Op = ir::Condition::Op;
  if ((a.op == Op::Equals || a.op == Op::NotEquals || a.op == Op::Matches) &&
      (a.context != b.context || a.literal != b.literal))
    return false;
  for (size_t i = 0; i < a.operands.size(); ++i)
    if (!same_condition(a.operands[i], b.operands[i])) return false;
  return true;
}

}  // namespace slipway::backends::cloudbuild
