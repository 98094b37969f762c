#pragma once
// Private to compiler/syntax: the walk from a parse tree without syntax
// errors to the AST. It is split by subject: declarations (ast_builder.cc),
// steps (step_builder.cc), expressions and literals (expr_builder.cc) and
// re-parsed interpolations (interpolation.cc).

#include <memory>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/syntax/string_literal.h"
#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {

class AstBuilder {
 public:
  using P = SlipwayParser;

  AstBuilder(const TokenPositions& positions, DiagnosticEngine& diags,
             const ParseOptions& options)
      : positions_(positions), diags_(diags), options_(options) {}

  /// The whole file; comments come from channel 2 of `tokens`.
  std::unique_ptr<ast::File> file(P::FileContext* tree, const std::vector<antlr4::Token*>& tokens);

  /// A complete expression, or null when it is nested too deeply to walk
  /// safely (E0005 reported, too_deep() set).
  ast::ExprPtr expr(P::ExprContext* context);

  /// True once E0005 was reported: the AST has holes and must be dropped.
  bool too_deep() const { return too_deep_; }

 private:
  // Declarations (ast_builder.cc).
  ast::Ident ident(P::IdentContext* context) const;
  ast::TypeRef type_ref(P::TypeRefContext* context) const;
  ast::Import import_decl(P::ImportDeclContext* context);
  ast::Param param(P::IdentContext* name, P::TypeRefContext* type, P::ExprContext* value,
                   Span span);
  std::vector<ast::Param> param_list(P::ParamListContext* context);
  ast::Secret secret(P::SecretDeclContext* context);
  ast::Template template_decl(P::TemplateDeclContext* context);
  ast::Pipeline pipeline(P::PipelineDeclContext* context);
  ast::Workflow workflow(P::WorkflowDeclContext* context);
  ast::Trigger trigger(P::TriggerContext* context);
  ast::Chain chain(P::ChainContext* context);
  ast::PipelineUse pipeline_use(P::ChainElemContext* context);
  std::vector<ast::Arg> args(P::ArgListContext* context);

  // Steps (step_builder.cc).
  ast::StepDecl step_def(P::IdentContext* name, P::StepDefContext* def, Span span);
  ast::Call call(P::CallContext* context);
  /// `noun` names the block in duplicate messages: "step", "service", "template".
  std::unique_ptr<ast::StepBody> step_body(P::StepBodyContext* context, const char* noun);
  class BodyBuilder;

  // Expressions and literals (expr_builder.cc).
  bool check_depth(P::ExprContext* context);
  ast::ExprPtr build_expr(P::ExprContext* context);
  ast::ExprPtr primary(P::PrimaryContext* context);
  ast::ExprPtr string_literal(antlr4::Token* token, bool triple);
  ast::ExprPtr int_literal(antlr4::Token* token);
  ast::ExprPtr duration_literal(antlr4::Token* token);
  ast::ExprPtr new_expr(ast::ExprKind kind, Span span) const;

  // Interpolations (interpolation.cc).
  ast::ExprPtr interpolation(const MappedText& source, Span whole);
  ast::ExprPtr simple_reference(const MappedText& source) const;

  const TokenPositions& positions_;
  DiagnosticEngine& diags_;
  const ParseOptions& options_;
  bool too_deep_ = false;
};

}  // namespace slipway::syntax
