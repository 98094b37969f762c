#pragma once
// Typing and evaluation of expressions. An expression evaluates to an
// ir::Value (folded where possible, symbolic where a target supplies the
// value later) plus the secret it is derived from, if any: secrecy is tracked
// as information flow, so `"--key=${key}"` is as secret as `key`.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::sema {

/// Where a secret came from, for "secret `k` ... passed in here" labels.
struct SecretFlow {
  std::string secret;
  std::vector<Label> via;  ///< call sites and arguments it travelled through
};

struct Typed {
  ir::Value value;
  std::optional<SecretFlow> secret;
  bool ok = true;  ///< false after an error was reported: callers stay quiet
  static Typed error() { Typed t; t.ok = false; return t; }
};

struct ParamInfo {
  ir::Param param;
  std::optional<ir::Value> fixed;  ///< override, else default: the compile-time value
};

struct SecretInfo {
  ir::Secret secret;
};

/// Names visible from a workflow: module-level and workflow-level params and
/// secrets (workflow-level shadow module-level).
struct Globals {
  std::map<std::string, ParamInfo> params;
  std::map<std::string, SecretInfo> secrets;
  std::set<std::string>* used = nullptr;  ///< names of params/secrets referenced
};

/// The outputs a step declares, known before any step body is evaluated.
struct StepShape {
  std::string id;
  std::vector<ir::OutputDecl> outputs;
  Span decl;
};

/// An output reference found while evaluating, e.g. `build.tag`.
struct OutputUse {
  std::string step_id;
  std::string output;
  Span span;
};

struct EvalContext {
  const std::map<std::string, Typed>* args = nullptr;  ///< template or pipeline arguments
  const std::map<std::string, StepShape>* steps = nullptr;  ///< steps of the instance (null in templates)
  const Globals* globals = nullptr;
  std::vector<OutputUse>* output_uses = nullptr;
  std::string where;  ///< "template `docker.build`", for messages
};

class Evaluator {
 public:
  Evaluator(DiagnosticEngine& diags) : diags_(diags) {}

  Typed eval(const ast::Expr& expr, EvalContext& ctx);
  /// Evaluates and checks the type; `what` names the place ("the image of step `x`").
  Typed eval_as(const ast::Expr& expr, const ir::Type& expected, EvalContext& ctx,
                const std::string& what);
  /// Evaluates a value that must be a compile-time constant (timeouts, retry counts).
  Typed eval_constant(const ast::Expr& expr, const ir::Type& expected, EvalContext& ctx,
                      const std::string& what);
  /// Compile-time string, e.g. a branch glob: folds params to their values.
  std::optional<std::string> eval_literal_string(const ast::Expr& expr, EvalContext& ctx,
                                                 const std::string& what);

  /// Whether `actual` may be used where `expected` is wanted.
  static bool assignable(const ir::Type& actual, const ir::Type& expected);
  /// Renders a folded scalar as text (for interpolation).
  static std::optional<std::string> scalar_text(const ir::Value& value);

  DiagnosticEngine& diags() { return diags_; }

 private:
  Typed eval_string(const ast::Expr& expr, EvalContext& ctx);
  Typed eval_ref(const ast::Expr& expr, EvalContext& ctx);
  Typed eval_call(const ast::Expr& expr, EvalContext& ctx);
  Typed eval_unary(const ast::Expr& expr, EvalContext& ctx);
  Typed eval_binary(const ast::Expr& expr, EvalContext& ctx);
  Typed eval_list(const ast::Expr& expr, EvalContext& ctx);
  void unknown_name(const ast::Ident& name, EvalContext& ctx);

  DiagnosticEngine& diags_;
};

/// Converts a written type to an IR type; reports E0113 for unknown names.
ir::Type resolve_type(const ast::TypeRef& ref, DiagnosticEngine& diags);

/// Parses `-p NAME=VALUE` text for a param of `type`; nullopt when it does not fit.
std::optional<ir::Value> parse_override(const std::string& text, const ir::Type& type);

}  // namespace slipway::sema
