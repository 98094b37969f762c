#include "backends/gitlab/conditions.h"

#include <algorithm>
#include <string_view>

#include "backends/gitlab/context.h"
#include "compiler/ir/glob.h"

namespace slipway::backends::gitlab {
namespace {

/// A boolean expression over GitLab comparisons, with constants folded.
struct Expr {
  enum class Kind { True, False, Atom, And, Or } kind = Kind::True;
  std::string atom;
  std::vector<Expr> items;
};

Expr constant(bool value) { return Expr{value ? Expr::Kind::True : Expr::Kind::False, "", {}}; }
Expr atom(std::string text) { return Expr{Expr::Kind::Atom, std::move(text), {}}; }

Expr join(Expr::Kind kind, std::vector<Expr> items) {
  bool is_and = kind == Expr::Kind::And;
  Expr out{kind, "", {}};
  for (auto& e : items) {
    if (e.kind == (is_and ? Expr::Kind::True : Expr::Kind::False)) continue;
    if (e.kind == (is_and ? Expr::Kind::False : Expr::Kind::True)) return e;
    std::vector<Expr> flat;
    if (e.kind == kind) flat = std::move(e.items);
    else flat.push_back(std::move(e));
    for (auto& item : flat) {
      bool repeated = item.kind == Expr::Kind::Atom &&
                      std::any_of(out.items.begin(), out.items.end(), [&](const Expr& x) {
                        return x.kind == Expr::Kind::Atom && x.atom == item.atom;
                      });
      if (!repeated) out.items.push_back(std::move(item));
    }
  }
  if (out.items.empty()) return constant(is_and);
  if (out.items.size() == 1) return std::move(out.items[0]);
  return out;
}

std::string render(const Expr& e) {
  if (e.kind == Expr::Kind::Atom) return e.atom;
  std::string out;
  for (const auto& item : e.items) {
    if (!out.empty()) out += e.kind == Expr::Kind::And ? " && " : " || ";
    out += item.kind == Expr::Kind::Atom ? item.atom : "(" + render(item) + ")";
  }
  return out;
}

/// RE2's metacharacters, and `/`, which would end GitLab's pattern literal.
bool is_regex_meta(unsigned char c) {
  return std::string_view("\\.+*?()|[]{}^$/").find(static_cast<char>(c)) != std::string_view::npos;
}

/// `text` matched literally inside an RE2 pattern written between slashes.
std::string regex_escape(unsigned char c) {
  static const char* hex = "0123456789abcdef";
  if (c < 0x20 || c == 0x7f) return std::string("\\x{") + hex[c >> 4] + hex[c & 15] + "}";
  if (is_regex_meta(c)) return std::string("\\") + static_cast<char>(c);
  return std::string(1, static_cast<char>(c));
}

/// A string literal for an expression; GitLab's literals have no escapes,
/// so pick the quote the text does not contain (nullopt: it holds both).
std::optional<std::string> string_literal(const std::string& text) {
  if (text.find('"') == std::string::npos) return "\"" + text + "\"";
  if (text.find('\'') == std::string::npos) return "'" + text + "'";
  return std::nullopt;
}

std::string exact_regex(const std::string& text) {
  std::string out = "/^";
  for (unsigned char c : text) out += regex_escape(c);
  return out + "$/";
}

Expr equals(const std::string& var, const std::string& text, bool negate) {
  if (text.empty())  // an unset variable reads as "" in Slipway
    return negate ? atom(var) : join(Expr::Kind::Or, {atom(var + " == null"), atom(var + " == \"\"")});
  if (auto literal = string_literal(text)) return atom(var + (negate ? " != " : " == ") + *literal);
  if (!negate) return atom(var + " =~ " + exact_regex(text));
  return join(Expr::Kind::Or, {atom(var + " == null"), atom(var + " !~ " + exact_regex(text))});
}

Expr matches(const std::string& var, const std::string& glob, bool negate) {
  // `**` (only stars, two or more): any value that is set and not empty.
  bool matches_empty =
      glob.size() >= 2 && std::all_of(glob.begin(), glob.end(), [](char c) { return c == '*'; });
  if (matches_empty) return negate ? equals(var, "", false) : atom(var);
  std::string re = glob_regex(glob);
  if (!negate) return atom(var + " =~ " + re);
  return join(Expr::Kind::Or, {atom(var + " == null"), atom(var + " !~ " + re)});
}

Expr lower(const ir::Condition& c, bool negate, Lowering& lowering) {
  using Op = ir::Condition::Op;
  switch (c.op) {
    case Op::True: return constant(!negate);
    case Op::Not: return c.operands.empty() ? constant(negate) : lower(c.operands[0], !negate, lowering);
    case Op::And:
    case Op::Or: {
      bool is_and = (c.op == Op::And) != negate;
      std::vector<Expr> items;
      for (const auto& o : c.operands) items.push_back(lower(o, negate, lowering));
      return join(is_and ? Expr::Kind::And : Expr::Kind::Or, std::move(items));
    }
    case Op::Equals:
    case Op::NotEquals:
    case Op::Matches: break;
  }
  const ContextVariable& cv = context_variable(c.context);
  if (!cv.known_to_gitlab) {
    lowering.error(DiagCode::E0552, c.span,
                   "GitLab CI rules cannot read `" + ir::context_name(c.context) + "`")
        .label("`" + std::string(cv.variable) + "` exists only once a job runs, after rules are decided")
        .with_help("decide on `" + ir::context_name(c.context) + "` inside a step's script instead");
    return constant(false);
  }
  std::string var = "$" + std::string(cv.variable);
  if (c.op == Op::Matches) return matches(var, c.literal, negate);
  return equals(var, c.literal, (c.op == Op::NotEquals) != negate);
}

RuleExpression finish(const Expr& e) {
  if (e.kind == Expr::Kind::True) return {RuleExpression::Kind::Always, ""};
  if (e.kind == Expr::Kind::False) return {RuleExpression::Kind::Never, ""};
  return {RuleExpression::Kind::If, render(e)};
}


}  // namespace

std::string glob_regex(const std::string& glob) {
  // The language's translation (compiler/ir/glob.h), written the way a
  // GitLab pattern needs it: the pattern ends at the first unescaped `/`,
  // also inside `[...]`, and control bytes are spelled out.
  std::string out = "/^";
  for (char c : ir::glob_regex(glob)) {
    auto byte = static_cast<unsigned char>(c);
    out += c == '/' ? std::string("\\/") : byte < 0x20 || byte == 0x7f ? regex_escape(byte) : std::string(1, c);
  }
  return out + "$/";
}

RuleExpression rule_expression(const std::vector<const ir::Condition*>& conditions, Lowering& lowering) {
  std::vector<Expr> items;
  for (const auto* c : conditions) items.push_back(lower(*c, false, lowering));
  return finish(join(Expr::Kind::And, std::move(items)));
}

std::vector<std::string> workflow_rules(const std::vector<ir::Trigger>& triggers) {
  std::vector<std::string> out;
  auto add = [&](const std::string& rule) {
    if (std::find(out.begin(), out.end(), rule) == out.end()) out.push_back(rule);
  };
  const std::string push = "$CI_PIPELINE_SOURCE == \"push\"";
  auto pattern = [&](const std::string& var, const std::string& glob) {
    Expr e = ir::has_wildcard(glob) ? matches(var, glob, false) : equals(var, glob, false);
    add(render(join(Expr::Kind::And, {atom(push), e})));
  };
  for (const auto& t : triggers) {
    if (t.kind == ir::Trigger::Kind::Manual) {
      add("$CI_PIPELINE_SOURCE == \"web\"");
      continue;
    }
    if (t.any_branch) add(push + " && $CI_COMMIT_BRANCH");
    for (const auto& b : t.branches) pattern("$CI_COMMIT_BRANCH", b);
    for (const auto& g : t.tags) pattern("$CI_COMMIT_TAG", g);
  }
  return out;
}

}  // namespace slipway::backends::gitlab
