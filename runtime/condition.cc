#include "runtime/condition.h"

#include "compiler/ir/glob.h"

namespace slipway::runtime {

bool evaluate_condition(const ir::Condition& c, const GitContext& git, const RunIdentity& run) {
  using Op = ir::Condition::Op;
  switch (c.op) {
    case Op::True: return true;
    case Op::Equals: return context_value(c.context, git, run) == c.literal;
    case Op::NotEquals: return context_value(c.context, git, run) != c.literal;
    case Op::Matches: {
      std::string value = context_value(c.context, git, run);
      // An absent value (no tag) matches nothing, not even "*".
      return !value.empty() && ir::glob_matches(c.literal, value);
    }
    case Op::And:
      for (const auto& o : c.operands)
        if (!evaluate_condition(o, git, run)) return false;
      return true;
    case Op::Or:
      for (const auto& o : c.operands)
        if (evaluate_condition(o, git, run)) return true;
      return false;
    case Op::Not: return c.operands.empty() || !evaluate_condition(c.operands[0], git, run);
  }
  return false;
}

std::string describe_condition(const ir::Condition& c) {
  using Op = ir::Condition::Op;
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  auto operand = [](const ir::Condition& o) {
    std::string text = describe_condition(o);
    return (o.op == Op::And || o.op == Op::Or) ? "(" + text + ")" : text;
  };
  switch (c.op) {
    case Op::True: return "true";
    case Op::Equals: return ir::context_name(c.context) + " == " + quoted(c.literal);
    case Op::NotEquals: return ir::context_name(c.context) + " != " + quoted(c.literal);
    case Op::Matches: return ir::context_name(c.context) + " matches " + quoted(c.literal);
    case Op::And:
    case Op::Or: {
      std::string out;
      for (const auto& o : c.operands) {
        if (!out.empty()) out += c.op == Op::And ? " && " : " || ";
        out += operand(o);
      }
      return out;
    }
    case Op::Not:
      if (!c.operands.empty() && c.operands[0].op == Op::True) return "false";
      return c.operands.empty() ? "false" : "!" + operand(c.operands[0]);
  }
  return "";
}

}  // namespace slipway::runtime
