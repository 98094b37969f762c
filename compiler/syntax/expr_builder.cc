// Expressions and literals. Integer and duration literals are range-checked
// here (E0010); strings are decoded by string_literal.cc and their
// interpolations re-parsed by interpolation.cc.

#include <limits>

#include "compiler/syntax/ast_builder.h"

namespace slipway::syntax {
namespace {

/// `a + b + c + ...` is a loop in the parser but a left-leaning tree in the
/// AST; walking and freeing that tree recurses once per level.
constexpr size_t kExprDepthPerNesting = 8;

std::optional<int64_t> checked_mul_add(int64_t value, int64_t factor, int64_t addend) {
  int64_t out = 0;
  if (__builtin_mul_overflow(value, factor, &out)) return std::nullopt;
  if (__builtin_add_overflow(out, addend, &out)) return std::nullopt;
  return out;
}

int64_t unit_millis(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1000;
  if (unit == "m") return 60 * 1000;
  if (unit == "h") return 60 * 60 * 1000;
  return 24 * 60 * 60 * 1000;  // "d"
}

/// Milliseconds of `1h30m`, `500ms`, `2d`, or nullopt on overflow.
std::optional<int64_t> duration_millis(std::string_view text) {
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    int64_t count = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      std::optional<int64_t> next = checked_mul_add(count, 10, text[i] - '0');
      if (!next) return std::nullopt;
      count = *next;
    }
    size_t unit_length = text.compare(i, 2, "ms") == 0 ? 2 : 1;
    std::optional<int64_t> part = checked_mul_add(count, unit_millis(text.substr(i, unit_length)), 0);
    if (!part || __builtin_add_overflow(total, *part, &total)) return std::nullopt;
    i += unit_length;
  }
  return total;
}

}  // namespace

ast::ExprPtr AstBuilder::new_expr(ast::ExprKind kind, Span span) const {
  auto out = std::make_unique<ast::Expr>();
  out->kind = kind;
  out->span = span;
  return out;
}

ast::ExprPtr AstBuilder::expr(P::ExprContext* context) {
  if (!check_depth(context)) return nullptr;
  return build_expr(context);
}

bool AstBuilder::check_depth(P::ExprContext* context) {
  size_t limit = std::max<size_t>(options_.max_nesting, 1) * kExprDepthPerNesting;
  // Iterative on purpose: this runs before anything recurses over the tree.
  std::vector<std::pair<antlr4::tree::ParseTree*, size_t>> pending{{context, 1}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (depth > limit) {
      too_deep_ = true;
      diags_.emit(Diagnostic::make(DiagCode::E0005, positions_.span(context->getStart()),
                                   "expression nested more than " + std::to_string(limit) + " deep")
                      .label("this expression is too deep")
                      .with_help("split it into smaller expressions"));
      return false;
    }
    for (antlr4::tree::ParseTree* child : node->children) {
      bool level = dynamic_cast<P::ExprContext*>(child) != nullptr;
      pending.emplace_back(child, depth + (level ? 1 : 0));
    }
  }
  return true;
}

ast::ExprPtr AstBuilder::build_expr(P::ExprContext* context) {
  if (auto* x = dynamic_cast<P::PrimaryExprContext*>(context)) return primary(x->primary());
  ast::ExprPtr out;
  if (auto* x = dynamic_cast<P::NotExprContext*>(context)) {
    out = new_expr(ast::ExprKind::Unary, positions_.span(context));
    out->op = x->op->getText();
    out->items.push_back(build_expr(x->expr()));
    return out;
  }
  if (auto* x = dynamic_cast<P::NegateExprContext*>(context)) {
    out = new_expr(ast::ExprKind::Unary, positions_.span(context));
    out->op = x->op->getText();
    out->items.push_back(build_expr(x->expr()));
    return out;
  }
  // Every other alternative is `expr op expr`.
  auto* left = dynamic_cast<P::ExprContext*>(context->children.front());
  auto* right = dynamic_cast<P::ExprContext*>(context->children.back());
  auto* op = dynamic_cast<antlr4::tree::TerminalNode*>(context->children[1]);
  out = new_expr(ast::ExprKind::Binary, positions_.span(context));
  out->op = op->getText();
  out->items.push_back(build_expr(left));
  out->items.push_back(build_expr(right));
  return out;
}

ast::ExprPtr AstBuilder::primary(P::PrimaryContext* context) {
  Span span = positions_.span(context);
  if (auto* x = dynamic_cast<P::StringLitContext*>(context)) {
    return string_literal(x->STRING()->getSymbol(), false);
  }
  if (auto* x = dynamic_cast<P::TripleStringLitContext*>(context)) {
    return string_literal(x->TRIPLE_STRING()->getSymbol(), true);
  }
  if (auto* x = dynamic_cast<P::IntLitContext*>(context)) return int_literal(x->INT()->getSymbol());
  if (auto* x = dynamic_cast<P::DurationLitContext*>(context)) {
    return duration_literal(x->DURATION()->getSymbol());
  }
  if (auto* x = dynamic_cast<P::BoolLitContext*>(context)) {
    ast::ExprPtr out = new_expr(ast::ExprKind::Bool, span);
    out->bool_value = x->TRUE() != nullptr;
    return out;
  }
  if (auto* x = dynamic_cast<P::ListLitContext*>(context)) {
    ast::ExprPtr out = new_expr(ast::ExprKind::List, span);
    for (P::ExprContext* item : x->expr()) out->items.push_back(build_expr(item));
    return out;
  }
  if (auto* x = dynamic_cast<P::CallExprContext*>(context)) {
    ast::ExprPtr out = new_expr(ast::ExprKind::Call, span);
    out->path.push_back(ident(x->ident()));
    for (P::ExprContext* arg : x->expr()) out->items.push_back(build_expr(arg));
    return out;
  }
  if (auto* x = dynamic_cast<P::RefExprContext*>(context)) {
    ast::ExprPtr out = new_expr(ast::ExprKind::Ref, span);
    for (P::IdentContext* part : x->ident()) out->path.push_back(ident(part));
    return out;
  }
  auto* paren = dynamic_cast<P::ParenExprContext*>(context);
  return build_expr(paren->expr());
}

ast::ExprPtr AstBuilder::int_literal(antlr4::Token* token) {
  Span span = positions_.span(token);
  ast::ExprPtr out = new_expr(ast::ExprKind::Int, span);
  std::string text = token->getText();
  int64_t value = 0;
  for (char digit : text) {
    std::optional<int64_t> next = checked_mul_add(value, 10, digit - '0');
    if (!next) {
      diags_.emit(Diagnostic::make(DiagCode::E0010, span, "integer `" + text + "` is out of range")
                      .label("does not fit in 64 bits")
                      .with_help("the largest integer is " +
                                 std::to_string(std::numeric_limits<int64_t>::max())));
      return out;
    }
    value = *next;
  }
  out->int_value = value;
  return out;
}

ast::ExprPtr AstBuilder::duration_literal(antlr4::Token* token) {
  Span span = positions_.span(token);
  ast::ExprPtr out = new_expr(ast::ExprKind::Duration, span);
  std::string text = token->getText();
  std::optional<int64_t> millis = duration_millis(text);
  if (!millis) {
    diags_.emit(Diagnostic::make(DiagCode::E0010, span, "duration `" + text + "` is out of range")
                    .label("does not fit in 64 bits of milliseconds"));
    return out;
  }
  out->int_value = *millis;
  return out;
}

ast::ExprPtr AstBuilder::string_literal(antlr4::Token* token, bool triple) {
  ast::ExprPtr out = new_expr(ast::ExprKind::String, positions_.span(token));
  out->multiline = triple;
  MappedText raw = positions_.mapped_text(token);
  MappedText content = triple ? triple_string_content(raw) : string_content(raw);
  for (StringPiece& piece : split_string(content, positions_.file(), diags_, triple)) {
    if (piece.interpolation) {
      ast::ExprPtr value = interpolation(piece.source, piece.span);
      if (value != nullptr) out->parts.push_back(ast::StringPart{"", std::move(value), piece.span});
      continue;
    }
    // Text on both sides of a dropped interpolation joins up again.
    if (!out->parts.empty() && out->parts.back().expr == nullptr) {
      out->parts.back().text += piece.text;
      out->parts.back().span.end = piece.span.end;
      continue;
    }
    out->parts.push_back(ast::StringPart{std::move(piece.text), nullptr, piece.span});
  }
  return out;
}

}  // namespace slipway::syntax
