#include "backends/wercker/conditions.h"

#include <algorithm>

#include "backends/wercker/context.h"
#include "backends/wercker/shell.h"
#include "compiler/ir/glob.h"

namespace slipway::backends::wercker {
namespace {

void add_context(ShellTest& test, ir::ContextKey key) {
  if (std::find(test.context.begin(), test.context.end(), key) == test.context.end()) test.context.push_back(key);
}

void merge(ShellTest& into, const ShellTest& from) {
  into.uses_match |= from.uses_match;
  for (auto k : from.context) add_context(into, k);
}

std::string variable(ir::ContextKey key) { return "\"$" + std::string(context_variable(key).variable) + "\""; }

ShellTest match_any(ir::ContextKey key, const std::vector<std::string>& globs) {
  ShellTest out;
  add_context(out, key);
  out.uses_match = true;
  for (const auto& g : globs)
    out.text += (out.text.empty() ? "" : " || ") + std::string("slipway_match ") + variable(key) + " " +
                shell_quote("^" + ir::glob_regex(g) + "$");
  if (globs.size() > 1) out.text = "{ " + out.text + "; }";
  return out;
}

}  // namespace

ShellTest condition_test(const ir::Condition& c) {
  ShellTest out;
  switch (c.op) {
    case ir::Condition::Op::True: out.text = "true"; break;
    case ir::Condition::Op::Equals:
    case ir::Condition::Op::NotEquals:
      add_context(out, c.context);
      out.text = "[ " + variable(c.context) + (c.op == ir::Condition::Op::Equals ? " = " : " != ") +
                 shell_quote(c.literal) + " ]";
      break;
    case ir::Condition::Op::Matches:
      out = match_any(c.context, {c.literal});
      break;
    case ir::Condition::Op::And:
    case ir::Condition::Op::Or: {
      std::string joiner = c.op == ir::Condition::Op::And ? " && " : " || ";
      for (const auto& operand : c.operands) {
        ShellTest t = condition_test(operand);
        merge(out, t);
        out.text += (out.text.empty() ? "" : joiner) + t.text;
      }
      out.text = "{ " + out.text + "; }";
      break;
    }
    case ir::Condition::Op::Not: {
      ShellTest t = c.operands.empty() ? ShellTest{"true", false, {}} : condition_test(c.operands[0]);
      merge(out, t);
      out.text = "! { " + t.text + "; }";
      break;
    }
  }
  return out;
}

ShellTest trigger_test(const std::vector<ir::Trigger>& triggers) {
  if (triggers.empty()) return {};
  std::vector<ShellTest> alternatives;
  for (const auto& t : triggers) {
    if (t.kind == ir::Trigger::Kind::Manual) return {};  // every CLI run is a manual run
    if (t.any_branch || (t.branches.empty() && t.tags.empty())) return {};
    if (!t.branches.empty()) alternatives.push_back(match_any(ir::ContextKey::GitBranch, t.branches));
    if (!t.tags.empty()) alternatives.push_back(match_any(ir::ContextKey::GitTag, t.tags));
  }
  ShellTest out;
  for (const auto& a : alternatives) {
    merge(out, a);
    out.text += (out.text.empty() ? "" : " || ") + a.text;
  }
  if (alternatives.size() > 1) out.text = "{ " + out.text + "; }";
  return out;
}

ShellTest all_of(const std::vector<ShellTest>& tests) {
  ShellTest out;
  for (const auto& t : tests) {
    if (t.text.empty()) continue;
    merge(out, t);
    out.text += (out.text.empty() ? "" : " && ") + t.text;
  }
  return out;
}

std::vector<std::string> trigger_lines(const std::vector<ir::Trigger>& triggers) {
  std::vector<std::string> out;
  if (triggers.empty()) return out;
  out.push_back("Triggers: the wercker CLI starts every run by hand (`wercker workflow NAME`).");
  for (const auto& t : triggers) {
    if (t.kind == ir::Trigger::Kind::Manual) {
      out.push_back("  on manual: every run proceeds.");
      continue;
    }
    std::string line = "  on push";
    auto list = [](const std::vector<std::string>& globs) {
      std::string s;
      for (const auto& g : globs) s += (s.empty() ? "" : ", ") + g;
      return s;
    };
    if (!t.branches.empty()) line += ", branches " + list(t.branches);
    if (!t.tags.empty()) line += ", tags " + list(t.tags);
    out.push_back(line + ".");
  }
  if (!trigger_test(triggers).text.empty())
    out.push_back("  A run on another branch or tag skips every step (each pipeline checks first).");
  return out;
}

}  // namespace slipway::backends::wercker
