#include "compiler/sema/evaluator.h"

#include <charconv>
#include <limits>

namespace slipway::sema {
namespace {

using ir::Type;
using ir::TypeKind;
using ir::Value;

Typed constant(Type type, Span span) {
  Typed t;
  t.value.type = type;
  t.value.span = span;
  return t;
}

std::string quoted(const std::string& s) { return "`" + s + "`"; }

bool is_symbolic(const Value& v) { return !v.parts.empty() && v.type.kind != TypeKind::String && v.type.kind != TypeKind::Secret; }

std::optional<SecretFlow> merge_flow(const std::optional<SecretFlow>& a, const std::optional<SecretFlow>& b) {
  return a ? a : b;
}

}  // namespace

ir::Type resolve_type(const ast::TypeRef& ref, DiagnosticEngine& diags) {
  static const std::map<std::string, TypeKind> scalars = {
      {"string", TypeKind::String}, {"int", TypeKind::Int}, {"bool", TypeKind::Bool},
      {"duration", TypeKind::Duration}, {"secret", TypeKind::Secret}};
  const std::string& name = ref.name.name;
  if (name == "list") {
    if (!ref.element) {
      diags.emit(Diagnostic::make(DiagCode::E0113, ref.span, "`list` needs an element type")
                     .with_help("write `list<string>`"));
      return Type{};
    }
    Type element = resolve_type(*ref.element, diags);
    if (element.kind == TypeKind::Invalid) return Type{};
    if (element.kind == TypeKind::List) {
      diags.emit(Diagnostic::make(DiagCode::E0113, ref.element->span, "lists of lists are not supported"));
      return Type{};
    }
    return Type::list_of(element.kind);
  }
  auto found = scalars.find(name);
  if (found == scalars.end()) {
    std::vector<std::string> names = {"string", "int", "bool", "duration", "secret", "list"};
    auto d = Diagnostic::make(DiagCode::E0113, ref.name.span, "unknown type " + quoted(name));
    if (auto near = closest_match(name, names)) d.with_help("did you mean `" + *near + "`?");
    else d.note("the types are string, int, bool, duration, secret and list<T>");
    diags.emit(std::move(d));
    return Type{};
  }
  if (ref.element) {
    diags.emit(Diagnostic::make(DiagCode::E0113, ref.element->span,
                                "`" + name + "` takes no element type"));
    return Type{};
  }
  return Type::of(found->second);
}

std::optional<ir::Value> parse_override(const std::string& text, const ir::Type& type) {
  Value v;
  v.type = type;
  switch (type.kind) {
    case TypeKind::String:
      v.parts.push_back({text, std::nullopt});
      return v;
    case TypeKind::Int: {
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
      v.number = n;
      return v;
    }
    case TypeKind::Bool:
      if (text == "true") v.boolean = true;
      else if (text == "false") v.boolean = false;
      else return std::nullopt;
      return v;
    case TypeKind::Duration: {
      // Accepts the language's own form: 10m, 1h30m, 45s, 500ms, 2d.
      int64_t total = 0;
      size_t i = 0;
      if (text.empty()) return std::nullopt;
      while (i < text.size()) {
        size_t start = i;
        while (i < text.size() && isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == start) return std::nullopt;
        int64_t n = 0;
        std::from_chars(text.data() + start, text.data() + i, n);
        int64_t unit = 0;
        if (text.compare(i, 2, "ms") == 0) { unit = 1; i += 2; }
        else if (i < text.size() && text[i] == 's') { unit = 1000; ++i; }
        else if (i < text.size() && text[i] == 'm') { unit = 60000; ++i; }
        else if (i < text.size() && text[i] == 'h') { unit = 3600000; ++i; }
        else if (i < text.size() && text[i] == 'd') { unit = 86400000; ++i; }
        else return std::nullopt;
        total += n * unit;
      }
      v.number = total;
      return v;
    }
    case TypeKind::List: {
      // Comma-separated items of the element type.
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto parsed = parse_override(item, Type::of(type.element));
        if (!parsed) return std::nullopt;
        v.items.push_back(*parsed);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      return v;
    }
    default:
      return std::nullopt;
  }
}

bool Evaluator::assignable(const Type& actual, const Type& expected) {
  if (actual.kind == TypeKind::Invalid || expected.kind == TypeKind::Invalid) return true;
  if (actual == expected) return true;
  // An empty list literal fits any list type.
  if (actual.kind == TypeKind::List && expected.kind == TypeKind::List && actual.element == TypeKind::Invalid)
    return true;
  return false;
}

std::optional<std::string> Evaluator::scalar_text(const Value& v) {
  if (!v.parts.empty() && v.type.kind != TypeKind::String && v.type.kind != TypeKind::Secret) return std::nullopt;
  switch (v.type.kind) {
    case TypeKind::String:
      if (!v.is_literal()) return std::nullopt;
      return v.literal_text();
    case TypeKind::Int: return std::to_string(v.number);
    case TypeKind::Bool: return std::string(v.boolean ? "true" : "false");
    case TypeKind::Duration: {
      // Whole seconds print as seconds; that is what CI systems accept.
      if (v.number % 1000 == 0) return std::to_string(v.number / 1000) + "s";
      return std::to_string(v.number) + "ms";
    }
    default: return std::nullopt;
  }
}

Typed Evaluator::eval(const ast::Expr& expr, EvalContext& ctx) {
  switch (expr.kind) {
    case ast::ExprKind::String: return eval_string(expr, ctx);
    case ast::ExprKind::Int: {
      Typed t = constant(Type::of(TypeKind::Int), expr.span);
      t.value.number = expr.int_value;
      return t;
    }
    case ast::ExprKind::Duration: {
      Typed t = constant(Type::of(TypeKind::Duration), expr.span);
      t.value.number = expr.int_value;
      return t;
    }
    case ast::ExprKind::Bool: {
      Typed t = constant(Type::of(TypeKind::Bool), expr.span);
      t.value.boolean = expr.bool_value;
      return t;
    }
    case ast::ExprKind::List: return eval_list(expr, ctx);
    case ast::ExprKind::Ref: return eval_ref(expr, ctx);
    case ast::ExprKind::Call: return eval_call(expr, ctx);
    case ast::ExprKind::Unary: return eval_unary(expr, ctx);
    case ast::ExprKind::Binary: return eval_binary(expr, ctx);
  }
  return Typed::error();
}

Typed Evaluator::eval_string(const ast::Expr& expr, EvalContext& ctx) {
  Typed result = constant(Type::of(TypeKind::String), expr.span);
  for (const auto& part : expr.parts) {
    if (!part.expr) {
      result.value.parts.push_back({part.text, std::nullopt});
      continue;
    }
    Typed inner = eval(*part.expr, ctx);
    if (!inner.ok) { result.ok = false; continue; }
    result.secret = merge_flow(result.secret, inner.secret);
    const Value& v = inner.value;
    if (v.type.kind == TypeKind::List) {
      diags_.emit(Diagnostic::make(DiagCode::E0202, part.expr->span,
                                   "cannot interpolate a `" + ir::type_name(v.type) + "` into a string")
                      .label("this is a list")
                      .with_help("interpolate one item, or pass the list as an argv `run [...]`"));
      result.ok = false;
      continue;
    }
    if (v.type.kind == TypeKind::String || v.type.kind == TypeKind::Secret || is_symbolic(v)) {
      for (const auto& p : v.parts) result.value.parts.push_back(p);
    } else if (auto text = scalar_text(v)) {
      result.value.parts.push_back({*text, std::nullopt});
    }
  }
  // Merge adjacent literal text so values compare and print simply.
  std::vector<ir::Part> merged;
  for (auto& p : result.value.parts) {
    if (!p.ref && !merged.empty() && !merged.back().ref) merged.back().text += p.text;
    else merged.push_back(std::move(p));
  }
  result.value.parts = std::move(merged);
  return result;
}

Typed Evaluator::eval_list(const ast::Expr& expr, EvalContext& ctx) {
  Typed result = constant(Type::list_of(TypeKind::Invalid), expr.span);
  for (const auto& item : expr.items) {
    Typed t = eval(*item, ctx);
    if (!t.ok) { result.ok = false; continue; }
    if (t.value.type.kind == TypeKind::List) {
      diags_.emit(Diagnostic::make(DiagCode::E0201, item->span, "lists of lists are not supported"));
      result.ok = false;
      continue;
    }
    TypeKind kind = t.value.type.kind;
    // An item whose type could not be resolved was reported already.
    if (kind == TypeKind::Invalid) { result.ok = false; continue; }
    // Secret text mixes with plain text: the list stays `string`, and the
    // secret travels as a flow so the sinks (argv, script, ...) report it.
    TypeKind current = result.value.type.element;
    bool text_pair = (current == TypeKind::String && kind == TypeKind::Secret) ||
                     (current == TypeKind::Secret && kind == TypeKind::String);
    if (current == TypeKind::Invalid || text_pair) {
      if (current == TypeKind::Invalid || kind == TypeKind::String) result.value.type.element = kind;
    } else if (current != kind) {
      diags_.emit(Diagnostic::make(DiagCode::E0201, item->span,
                                   "list items must share one type: expected `" +
                                       ir::type_name(Type::of(result.value.type.element)) + "`, found `" +
                                       ir::type_name(t.value.type) + "`")
                      .also(expr.items.front()->span, "the first item sets the type"));
      result.ok = false;
      continue;
    }
    result.secret = merge_flow(result.secret, t.secret);
    result.value.items.push_back(std::move(t.value));
  }
  return result;
}

void Evaluator::unknown_name(const ast::Ident& name, EvalContext& ctx) {
  std::vector<std::string> candidates;
  if (ctx.args) for (const auto& [k, _] : *ctx.args) candidates.push_back(k);
  if (ctx.steps) for (const auto& [k, _] : *ctx.steps) candidates.push_back(k);
  if (ctx.globals) {
    for (const auto& [k, _] : ctx.globals->params) candidates.push_back(k);
    for (const auto& [k, _] : ctx.globals->secrets) candidates.push_back(k);
  }
  candidates.push_back("git");
  candidates.push_back("build");
  auto d = Diagnostic::make(DiagCode::E0101, name.span, "unknown name `" + name.name + "`");
  d.label("not a param, secret, step or argument" + (ctx.where.empty() ? std::string() : " in " + ctx.where));
  if (auto near = closest_match(name.name, candidates)) d.with_help("did you mean `" + *near + "`?");
  diags_.emit(std::move(d));
}

Typed Evaluator::eval_ref(const ast::Expr& expr, EvalContext& ctx) {
  const auto& path = expr.path;
  const std::string& head = path.front().name;
  auto too_long = [&](size_t allowed, const std::string& what) {
    diags_.emit(Diagnostic::make(DiagCode::E0101, path[allowed].span,
                                 what + " has no member `" + path[allowed].name + "`"));
    return Typed::error();
  };
  // 1. Arguments of the enclosing template or pipeline.
  if (ctx.args) {
    auto found = ctx.args->find(head);
    if (found != ctx.args->end()) {
      if (path.size() > 1) return too_long(1, "argument `" + head + "`");
      Typed t = found->second;
      t.value.span = expr.span;
      return t;
    }
  }
  // 2. Steps of the same pipeline: `step.output`.
  if (ctx.steps) {
    auto found = ctx.steps->find(head);
    if (found != ctx.steps->end()) {
      if (path.size() != 2) {
        diags_.emit(Diagnostic::make(DiagCode::E0105, expr.span,
                                     "a step is read through one of its outputs: `" + head + ".NAME`"));
        return Typed::error();
      }
      const StepShape& shape = found->second;
      const std::string& out = path[1].name;
      for (const auto& decl : shape.outputs) {
        if (decl.name != out) continue;
        if (decl.type.kind == TypeKind::Invalid) {
          // Its type was already reported as unknown: the read counts, quietly.
          if (ctx.output_uses) ctx.output_uses->push_back({shape.id, out, expr.span});
          return Typed::error();
        }
        Typed t;
        t.value.type = decl.type;
        t.value.span = expr.span;
        ir::Ref ref{ir::Ref::Kind::Output, out, shape.id, ir::ContextKey::GitSha, decl.type};
        t.value.parts.push_back({"", ref});
        if (decl.type.kind == TypeKind::Secret)
          t.secret = SecretFlow{head + "." + out, {{decl.span, "output `" + out + "` is declared `secret` here"}}};
        if (ctx.output_uses) ctx.output_uses->push_back({shape.id, out, expr.span});
        return t;
      }
      // `build.number` next to a step named `build`: the context was meant.
      if ((head == "git" || head == "build") && ir::context_from_name(head + "." + out)) {
        diags_.emit(Diagnostic::make(DiagCode::W0105, path[0].span,
                                     "step `" + head + "` hides the built-in `" + head + "` context")
                        .also(shape.decl, "step `" + head + "` is defined here")
                        .note("`" + head + "." + out + "` is read from the context because the step has no such output")
                        .with_help("rename the step, e.g. `" + head + "_step`"));
        auto key = *ir::context_from_name(head + "." + out);
        Typed t;
        t.value.type = ir::context_type(key);
        t.value.span = expr.span;
        t.value.parts.push_back({"", ir::Ref{ir::Ref::Kind::Context, head + "." + out, "", key, t.value.type}});
        return t;
      }
      std::vector<std::string> names;
      for (const auto& decl : shape.outputs) names.push_back(decl.name);
      auto d = Diagnostic::make(DiagCode::E0105, path[1].span,
                                "step `" + head + "` has no output `" + out + "`");
      d.also(shape.decl, "step `" + head + "` is defined here");
      if (auto near = closest_match(out, names)) d.with_help("did you mean `" + *near + "`?");
      else if (names.empty()) d.with_help("declare it in the producing step: outputs { " + out + ": string }");
      else d.note("its outputs are: " + [&] { std::string s; for (auto& n : names) s += (s.empty() ? "" : ", ") + n; return s; }());
      diags_.emit(std::move(d));
      return Typed::error();
    }
  }
  // 3. The built-in context.
  if (head == "git" || head == "build") {
    if (path.size() != 2) {
      diags_.emit(Diagnostic::make(DiagCode::E0101, expr.span,
                                   "`" + head + "` is read through a member, e.g. `" +
                                       (head == "git" ? "git.sha" : "build.id") + "`"));
      return Typed::error();
    }
    std::string full = head + "." + path[1].name;
    auto key = ir::context_from_name(full);
    if (!key) {
      std::vector<std::string> names = {"git.sha", "git.short_sha", "git.branch", "git.tag", "build.id", "build.number"};
      auto d = Diagnostic::make(DiagCode::E0101, path[1].span, "unknown context value `" + full + "`");
      if (auto near = closest_match(full, names)) d.with_help("did you mean `" + *near + "`?");
      else d.note("the context has git.sha, git.short_sha, git.branch, git.tag, build.id, build.number");
      diags_.emit(std::move(d));
      return Typed::error();
    }
    Typed t;
    t.value.type = ir::context_type(*key);
    t.value.span = expr.span;
    ir::Ref ref{ir::Ref::Kind::Context, full, "", *key, t.value.type};
    t.value.parts.push_back({"", ref});
    return t;
  }
  // 4. Params and secrets.
  if (ctx.globals) {
    auto param = ctx.globals->params.find(head);
    if (param != ctx.globals->params.end()) {
      // Used even when misread: one error is enough, no "never used" warning.
      if (ctx.globals->used) ctx.globals->used->insert("param:" + head);
      if (path.size() > 1) return too_long(1, "param `" + head + "`");
      const ParamInfo& info = param->second;
      Typed t;
      t.value.span = expr.span;
      // Only string params stay symbolic (a target can supply them at run
      // time); others are folded to their compile-time value.
      if (info.param.type.kind == TypeKind::String) {
        t.value.type = info.param.type;
        ir::Ref ref{ir::Ref::Kind::Param, head, "", ir::ContextKey::GitSha, info.param.type};
        t.value.parts.push_back({"", ref});
        return t;
      }
      if (!info.fixed) {
        // A param whose type or default was rejected: already reported.
        if (info.param.type.kind == TypeKind::Invalid) return Typed::error();
        diags_.emit(Diagnostic::make(DiagCode::E0204, expr.span,
                                     "param `" + head + "` has no value at compile time")
                        .also(info.param.span, "declared here without a default")
                        .with_help("give it a default, or pass `-p " + head + "=VALUE`"));
        return Typed::error();
      }
      t.value = *info.fixed;
      t.value.span = expr.span;
      return t;
    }
    auto secret = ctx.globals->secrets.find(head);
    if (secret != ctx.globals->secrets.end()) {
      if (ctx.globals->used) ctx.globals->used->insert("secret:" + head);
      if (path.size() > 1) return too_long(1, "secret `" + head + "`");
      Typed t;
      t.value.type = Type::of(TypeKind::Secret);
      t.value.span = expr.span;
      ir::Ref ref{ir::Ref::Kind::Secret, head, "", ir::ContextKey::GitSha, t.value.type};
      t.value.parts.push_back({"", ref});
      t.secret = SecretFlow{head, {}};
      return t;
    }
  }
  unknown_name(path.front(), ctx);
  return Typed::error();
}

Typed Evaluator::eval_call(const ast::Expr& expr, EvalContext& ctx) {
  const std::string& fn = expr.path.front().name;
  if (fn != "string" && fn != "int") {
    auto d = Diagnostic::make(DiagCode::E0101, expr.path.front().span, "unknown function `" + fn + "`");
    d.note("the conversions are string(x) and int(x)");
    if (auto near = closest_match(fn, {"string", "int"})) d.with_help("did you mean `" + *near + "`?");
    diags_.emit(std::move(d));
    // Still check the arguments: their own errors, and the names they use.
    for (const auto& item : expr.items) (void)eval(*item, ctx);
    return Typed::error();
  }
  if (expr.items.size() != 1) {
    diags_.emit(Diagnostic::make(DiagCode::E0205, expr.span, "`" + fn + "` takes exactly one argument"));
    return Typed::error();
  }
  Typed arg = eval(*expr.items.front(), ctx);
  if (!arg.ok) return arg;
  const Value& v = arg.value;
  Typed result;
  result.secret = arg.secret;
  result.value.span = expr.span;
  if (fn == "string") {
    if (v.type.kind == TypeKind::List) {
      diags_.emit(Diagnostic::make(DiagCode::E0205, expr.items.front()->span, "cannot convert a list to a string"));
      return Typed::error();
    }
    result.value.type = Type::of(v.type.kind == TypeKind::Secret ? TypeKind::Secret : TypeKind::String);
    if (v.type.kind == TypeKind::String || v.type.kind == TypeKind::Secret || is_symbolic(v)) {
      result.value.parts = v.parts;
      if (result.value.type.kind != TypeKind::Secret) result.value.type = Type::of(TypeKind::String);
    } else if (auto text = scalar_text(v)) {
      result.value.parts.push_back({*text, std::nullopt});
    }
    return result;
  }
  // int(x): the text must be known at compile time; string params fold to
  // their value here (an int must be a constant).
  result.value.type = Type::of(TypeKind::Int);
  if (v.type.kind == TypeKind::Int) return arg;
  std::optional<std::string> text;
  if (v.type.kind == TypeKind::String && v.is_literal()) text = v.literal_text();
  if (v.type.kind == TypeKind::String && !v.is_literal() && ctx.globals) {
    std::string folded;
    bool ok = true;
    for (const auto& part : v.parts) {
      if (!part.ref) { folded += part.text; continue; }
      auto p = part.ref->kind == ir::Ref::Kind::Param ? ctx.globals->params.find(part.ref->name) : ctx.globals->params.end();
      if (p == ctx.globals->params.end() || !p->second.fixed) { ok = false; break; }
      folded += p->second.fixed->literal_text();
    }
    if (ok) text = folded;
  }
  if (text) {
    auto parsed = parse_override(*text, Type::of(TypeKind::Int));
    if (!parsed) {
      diags_.emit(Diagnostic::make(DiagCode::E0205, expr.items.front()->span,
                                   "`" + *text + "` is not an integer"));
      return Typed::error();
    }
    result.value.number = parsed->number;
    return result;
  }
  diags_.emit(Diagnostic::make(DiagCode::E0205, expr.items.front()->span,
                               "int() needs a string known at compile time, found `" + ir::type_name(v.type) + "`"));
  return Typed::error();
}

Typed Evaluator::eval_unary(const ast::Expr& expr, EvalContext& ctx) {
  Typed operand = eval(*expr.items.front(), ctx);
  if (!operand.ok) return operand;
  const Value& v = operand.value;
  if (expr.op == "!") {
    if (v.type.kind != TypeKind::Bool) {
      diags_.emit(Diagnostic::make(DiagCode::E0203, expr.items.front()->span,
                                   "`!` needs a `bool`, found `" + ir::type_name(v.type) + "`"));
      return Typed::error();
    }
    Typed t = constant(v.type, expr.span);
    t.value.boolean = !v.boolean;
    return t;
  }
  if (v.type.kind != TypeKind::Int && v.type.kind != TypeKind::Duration) {
    diags_.emit(Diagnostic::make(DiagCode::E0203, expr.items.front()->span,
                                 "`-` needs an `int`, found `" + ir::type_name(v.type) + "`"));
    return Typed::error();
  }
  if (is_symbolic(v)) {
    diags_.emit(Diagnostic::make(DiagCode::E0204, expr.span, "arithmetic needs values known at compile time"));
    return Typed::error();
  }
  Typed t = constant(v.type, expr.span);
  t.value.number = -v.number;
  return t;
}

Typed Evaluator::eval_binary(const ast::Expr& expr, EvalContext& ctx) {
  Typed lhs = eval(*expr.items[0], ctx);
  Typed rhs = eval(*expr.items[1], ctx);
  if (!lhs.ok || !rhs.ok) return Typed::error();
  const Value& a = lhs.value;
  const Value& b = rhs.value;
  const std::string& op = expr.op;
  auto mismatch = [&](const std::string& why) {
    diags_.emit(Diagnostic::make(DiagCode::E0203, expr.span,
                                 "cannot apply `" + op + "` to `" + ir::type_name(a.type) + "` and `" +
                                     ir::type_name(b.type) + "`")
                    .also(expr.items[0]->span, "this is `" + ir::type_name(a.type) + "`")
                    .also(expr.items[1]->span, "this is `" + ir::type_name(b.type) + "`")
                    .with_help(why));
    return Typed::error();
  };
  Typed result;
  result.value.span = expr.span;
  result.secret = merge_flow(lhs.secret, rhs.secret);
  if (op == "+") {
    bool a_text = a.type.kind == TypeKind::String || a.type.kind == TypeKind::Secret;
    bool b_text = b.type.kind == TypeKind::String || b.type.kind == TypeKind::Secret;
    if (a_text && b_text) {
      result.value.type = Type::of(TypeKind::String);
      result.value.parts = a.parts;
      for (const auto& p : b.parts) result.value.parts.push_back(p);
      return result;
    }
    if (a.type == b.type && (a.type.kind == TypeKind::Int || a.type.kind == TypeKind::Duration)) {
      if (is_symbolic(a) || is_symbolic(b)) {
        diags_.emit(Diagnostic::make(DiagCode::E0204, expr.span, "arithmetic needs values known at compile time"));
        return Typed::error();
      }
      result.value.type = a.type;
      result.value.number = a.number + b.number;
      return result;
    }
    return mismatch("conversions are explicit: use string(x) to join text and numbers");
  }
  if (op == "-") {
    if (a.type == b.type && (a.type.kind == TypeKind::Int || a.type.kind == TypeKind::Duration) &&
        !is_symbolic(a) && !is_symbolic(b)) {
      result.value.type = a.type;
      result.value.number = a.number - b.number;
      return result;
    }
    return mismatch("`-` subtracts two ints or two durations known at compile time");
  }
  if (op == "&&" || op == "||") {
    if (a.type.kind != TypeKind::Bool || b.type.kind != TypeKind::Bool)
      return mismatch("`" + op + "` joins two `bool` values");
    result.value.type = Type::of(TypeKind::Bool);
    result.value.boolean = op == "&&" ? (a.boolean && b.boolean) : (a.boolean || b.boolean);
    return result;
  }
  // Comparisons.
  result.value.type = Type::of(TypeKind::Bool);
  if (op == "matches") {
    if (a.type.kind != TypeKind::String || b.type.kind != TypeKind::String)
      return mismatch("`matches` compares a string with a glob pattern");
    return result;  // Only meaningful in conditions, which lower it themselves.
  }
  if (!(a.type == b.type) && !(a.type.kind == TypeKind::Secret || b.type.kind == TypeKind::Secret))
    return mismatch("compare values of one type; conversions are explicit: string(x), int(x)");
  if ((op == "<" || op == "<=" || op == ">" || op == ">=") &&
      a.type.kind != TypeKind::Int && a.type.kind != TypeKind::Duration)
    return mismatch("ordering compares ints or durations");
  bool a_text = a.type.kind == TypeKind::String || a.type.kind == TypeKind::Secret;
  if (!a.is_literal() || !b.is_literal()) {
    // Outside `when` (which lowers comparisons itself) a comparison must fold.
    diags_.emit(Diagnostic::make(DiagCode::E0204, expr.span, "this comparison depends on values known only at run time")
                    .with_help("compare the context in a `when` condition, or decide inside a step's script"));
    return Typed::error();
  }
  if (a_text) {
    bool equal = a.literal_text() == b.literal_text();
    result.value.boolean = op == "==" ? equal : !equal;
    return result;
  }
  if (!is_symbolic(a) && !is_symbolic(b) && a.parts.empty() && b.parts.empty()) {
    int64_t x = a.type.kind == TypeKind::Bool ? a.boolean : a.number;
    int64_t y = b.type.kind == TypeKind::Bool ? b.boolean : b.number;
    if (op == "==") result.value.boolean = x == y;
    else if (op == "!=") result.value.boolean = x != y;
    else if (op == "<") result.value.boolean = x < y;
    else if (op == "<=") result.value.boolean = x <= y;
    else if (op == ">") result.value.boolean = x > y;
    else if (op == ">=") result.value.boolean = x >= y;
  }
  return result;
}

Typed Evaluator::eval_as(const ast::Expr& expr, const Type& expected, EvalContext& ctx,
                         const std::string& what) {
  Typed t = eval(expr, ctx);
  if (!t.ok) return t;
  if (!assignable(t.value.type, expected)) {
    // A secret where a plain type is wanted is a flow problem, reported by
    // the caller with a better message.
    bool secret_to_string = t.value.type.kind == TypeKind::Secret && expected.kind == TypeKind::String;
    if (!secret_to_string) {
      diags_.emit(Diagnostic::make(DiagCode::E0201, expr.span,
                                   "expected `" + ir::type_name(expected) + "`, found `" +
                                       ir::type_name(t.value.type) + "`")
                      .label(what + " is `" + ir::type_name(expected) + "`"));
      return Typed::error();
    }
  }
  if (t.value.type.kind == TypeKind::List && t.value.type.element == TypeKind::Invalid)
    t.value.type = expected;
  return t;
}

Typed Evaluator::eval_constant(const ast::Expr& expr, const Type& expected, EvalContext& ctx,
                               const std::string& what) {
  Typed t = eval_as(expr, expected, ctx, what);
  if (!t.ok) return t;
  if (!t.value.parts.empty() || t.secret) {
    diags_.emit(Diagnostic::make(DiagCode::E0204, expr.span, what + " must be known at compile time")
                    .label("this depends on run-time data")
                    .with_help("use a literal, or a param with a default"));
    return Typed::error();
  }
  return t;
}

std::optional<std::string> Evaluator::eval_literal_string(const ast::Expr& expr, EvalContext& ctx,
                                                          const std::string& what) {
  Typed t = eval_as(expr, Type::of(TypeKind::String), ctx, what);
  if (!t.ok) return std::nullopt;
  if (t.secret) {
    diags_.emit(Diagnostic::make(DiagCode::E0304, expr.span,
                                 "secret `" + t.secret->secret + "` would appear in " + what)
                    .label(what + " is stored and shown in plain text"));
    return std::nullopt;
  }
  std::string out;
  for (const auto& part : t.value.parts) {
    if (!part.ref) { out += part.text; continue; }
    if (part.ref->kind == ir::Ref::Kind::Param && ctx.globals) {
      auto p = ctx.globals->params.find(part.ref->name);
      if (p != ctx.globals->params.end() && p->second.fixed) {
        out += p->second.fixed->literal_text();
        continue;
      }
    }
    diags_.emit(Diagnostic::make(DiagCode::E0204, expr.span, what + " must be known at compile time")
                    .with_help("use a literal, or a param with a default"));
    return std::nullopt;
  }
  return out;
}

}  // namespace slipway::sema
