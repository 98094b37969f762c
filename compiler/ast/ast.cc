#include "compiler/ast/ast.h"

namespace slipway::ast {

bool Expr::is_plain_string() const {
  if (kind != ExprKind::String) return false;
  for (const StringPart& part : parts) {
    if (part.expr != nullptr) return false;
  }
  return true;
}

std::string Expr::plain_text() const {
  std::string text;
  if (kind != ExprKind::String) return text;
  for (const StringPart& part : parts) {
    if (part.expr == nullptr) text += part.text;
  }
  return text;
}

}  // namespace slipway::ast
