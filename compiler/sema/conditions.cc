// `when` expressions → ir::Condition. A condition compares the built-in
// context with literal text (params fold to their compile-time values), so
// every target can evaluate it: GitLab in `rules`, Concourse with resource
// filters, Cloud Build in trigger filters, the runtime directly.

#include "compiler/sema/analyzer.h"

namespace slipway::sema {
namespace {

std::optional<ir::ContextKey> as_context(const ir::Value& v) {
  if (v.parts.size() != 1 || !v.parts[0].ref || v.parts[0].ref->kind != ir::Ref::Kind::Context) return std::nullopt;
  return v.parts[0].ref->context;
}

}  // namespace

std::optional<ir::Condition> Analyzer::lower_condition(const ast::Expr& expr, EvalContext& ctx) {
  ir::Condition cond;
  cond.span = expr.span;
  auto unsupported = [&](Span at) {
    diags_.emit(Diagnostic::make(DiagCode::E0206, at, "this condition cannot be decided by a CI system")
                    .note("a condition compares the context with text: git.branch == \"main\", "
                          "git.tag matches \"v*\", joined with &&, || and !")
                    .with_help("compare `git.branch` or `git.tag` with a literal"));
    return std::nullopt;
  };
  if (expr.kind == ast::ExprKind::Bool) {
    if (!expr.bool_value) {
      cond.op = ir::Condition::Op::Not;
      cond.operands.push_back(ir::Condition{ir::Condition::Op::True, {}, {}, {}, expr.span});
    }
    return cond;
  }
  if (expr.kind == ast::ExprKind::Unary && expr.op == "!") {
    auto inner = lower_condition(*expr.items[0], ctx);
    if (!inner) return std::nullopt;
    cond.op = ir::Condition::Op::Not;
    cond.operands.push_back(*inner);
    return cond;
  }
  if (expr.kind != ast::ExprKind::Binary) {
    Typed t = eval_.eval(expr, ctx);
    if (t.ok && t.value.type.kind != ir::TypeKind::Bool) {
      diags_.emit(Diagnostic::make(DiagCode::E0201, expr.span,
                                   "a condition is a `bool`, found `" + ir::type_name(t.value.type) + "`"));
      return std::nullopt;
    }
    if (!t.ok) return std::nullopt;
    if (t.value.parts.empty()) {  // a folded bool param
      if (!t.value.boolean) {
        cond.op = ir::Condition::Op::Not;
        cond.operands.push_back(ir::Condition{ir::Condition::Op::True, {}, {}, {}, expr.span});
      }
      return cond;
    }
    return unsupported(expr.span);
  }
  if (expr.op == "&&" || expr.op == "||") {
    auto a = lower_condition(*expr.items[0], ctx);
    auto b = lower_condition(*expr.items[1], ctx);
    if (!a || !b) return std::nullopt;
    cond.op = expr.op == "&&" ? ir::Condition::Op::And : ir::Condition::Op::Or;
    cond.operands = {*a, *b};
    return cond;
  }
  if (expr.op != "==" && expr.op != "!=" && expr.op != "matches") {
    // Ordering has no CI form; the operands are still checked on their own.
    Typed a = eval_.eval(*expr.items[0], ctx);
    Typed b = eval_.eval(*expr.items[1], ctx);
    if (!a.ok || !b.ok) return std::nullopt;
    return unsupported(expr.span);
  }
  Typed lhs = eval_.eval(*expr.items[0], ctx);
  Typed rhs = eval_.eval(*expr.items[1], ctx);
  if (!lhs.ok || !rhs.ok) return std::nullopt;
  for (const Typed* side : {&lhs, &rhs}) {
    if (side->secret) {
      diags_.emit(Diagnostic::make(DiagCode::E0303, side->value.span,
                                   "secret `" + side->secret->secret + "` would appear in a condition")
                      .label("conditions are shown in pipeline plans and trigger settings")
                      .with_help("decide on the secret inside a step's script instead"));
      return std::nullopt;
    }
  }
  auto key = as_context(lhs.value);
  const Typed* literal_side = &rhs;
  if (!key) {
    key = as_context(rhs.value);
    literal_side = &lhs;
  }
  if (!key) return unsupported(expr.span);
  if (ir::context_type(*key).kind != ir::TypeKind::String) return unsupported(expr.span);
  // Fold string params in the literal side to their compile-time values.
  std::string text;
  for (const auto& part : literal_side->value.parts) {
    if (!part.ref) { text += part.text; continue; }
    if (part.ref->kind == ir::Ref::Kind::Param && globals_) {
      auto p = globals_->params.find(part.ref->name);
      if (p != globals_->params.end() && p->second.fixed) {
        text += p->second.fixed->literal_text();
        continue;
      }
    }
    return unsupported(literal_side->value.span);
  }
  if (literal_side->value.type.kind != ir::TypeKind::String) {
    diags_.emit(Diagnostic::make(DiagCode::E0203, literal_side->value.span,
                                 "`" + ir::context_name(*key) + "` is a string; compare it with a string"));
    return std::nullopt;
  }
  cond.op = expr.op == "==" ? ir::Condition::Op::Equals
            : expr.op == "!=" ? ir::Condition::Op::NotEquals
                              : ir::Condition::Op::Matches;
  cond.context = *key;
  cond.literal = text;
  return cond;
}

}  // namespace slipway::sema
