#include "compiler/lint/policy.h"

#include <cctype>

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

Diagnostic meta(const RuleInfo& rule, Span at, std::string message) {
  Diagnostic d = Diagnostic::make(DiagCode::L0001, at, std::move(message));
  d.rule = std::string(rule.name);
  d.severity = rule.default_severity;
  return d;
}

std::vector<std::string> rule_names() {
  std::vector<std::string> names;
  for (const auto& info : rule_catalog()) names.emplace_back(info.name);
  return names;
}

/// Findings about the suppression comments themselves.
void check_suppressions(const std::vector<Suppression>& suppressions, std::vector<Diagnostic>& out) {
  for (const Suppression& s : suppressions) {
    if (s.malformed) {
      out.push_back(meta(kUnknownRule, s.span, "this suppression names no rule")
                        .with_help("write `# slipway: ignore[RULE] why it is fine here`"));
      continue;
    }
    for (const auto& name : s.rules) {
      if (find_rule(name.name)) continue;
      bool compiler = name.name.size() == 5 && (name.name[0] == 'E') && std::isdigit(static_cast<unsigned char>(name.name[1]));
      auto d = meta(kUnknownRule, name.span, compiler ? "`" + name.name + "` is a compiler error and cannot be suppressed"
                                                      : "`" + name.name + "` is not a lint rule");
      d.label("suppresses nothing");
      if (compiler) d.with_help("fix the error; only lint rules and W01xx warnings can be suppressed");
      else if (auto near = closest_match(name.name, rule_names())) d.with_help("did you mean `" + *near + "`?");
      else d.with_help("the rules are listed in docs/lint.md");
      out.push_back(std::move(d));
    }
    if (s.reason.empty())
      out.push_back(meta(kSuppressionWithoutReason, s.span, "this suppression gives no reason")
                        .label("why is the finding wrong or acceptable here?")
                        .with_help("add the reason after the bracket: `# slipway: ignore[RULE] base image pinned upstream`"));
  }
}

bool suppressed(const Diagnostic& d, const std::vector<Suppression>& suppressions) {
  for (const Suppression& s : suppressions) {
    if (s.malformed || !s.covers(d.primary)) continue;
    for (const auto& name : s.rules) {
      const RuleInfo* info = find_rule(name.name);
      if (info && info->name == d.rule) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Diagnostic> apply_policy(std::vector<Diagnostic> diagnostics, const LintConfig* config,
                                     const std::vector<Suppression>& suppressions) {
  std::vector<Diagnostic> meta_findings;
  check_suppressions(suppressions, meta_findings);
  if (config) meta_findings.insert(meta_findings.end(), config->problems.begin(), config->problems.end());

  std::vector<Diagnostic> out;
  out.reserve(diagnostics.size() + meta_findings.size());
  auto configure = [&](Diagnostic& d) {
    if (!config) return true;
    const RuleInfo* info = find_rule(d.rule);
    auto level = config->level(d.rule, info ? info->default_severity : d.severity);
    if (!level) return false;
    d.severity = *level;
    return true;
  };
  for (Diagnostic& d : diagnostics) {
    if (d.rule.empty()) {
      const RuleInfo* info = rule_for_code(d.code);
      if (!info) {  // a compiler error: fixed
        out.push_back(std::move(d));
        continue;
      }
      d.rule = std::string(info->name);
    }
    if (!configure(d) || suppressed(d, suppressions)) continue;
    out.push_back(std::move(d));
  }
  for (Diagnostic& d : meta_findings)
    if (configure(d)) out.push_back(std::move(d));
  return out;
}

}  // namespace slipway::lint
