// Declarations: the file, imports, params, secrets, templates, pipelines,
// workflows and their chains. Only called on trees without syntax errors,
// so every mandatory child is present.

#include "compiler/syntax/ast_builder.h"

namespace slipway::syntax {

constexpr size_t kCommentChannel = 2;

std::unique_ptr<ast::File> AstBuilder::file(P::FileContext* tree,
                                            const std::vector<antlr4::Token*>& tokens) {
  auto out = std::make_unique<ast::File>();
  out->id = positions_.file();
  for (P::ImportDeclContext* import : tree->importDecl()) {
    ast::Import decl = import_decl(import);
    // An import whose path could not be read (E0007) is dropped, so no
    // follow-on "not found" error names a half path.
    if (!decl.path.empty()) out->imports.push_back(std::move(decl));
  }
  for (P::TopDeclContext* decl : tree->topDecl()) {
    if (auto* p = decl->paramDecl()) {
      out->params.push_back(param(p->ident(), p->typeRef(), p->expr(), positions_.span(p)));
    } else if (auto* s = decl->secretDecl()) {
      out->secrets.push_back(secret(s));
    } else if (auto* t = decl->templateDecl()) {
      out->templates.push_back(template_decl(t));
    } else if (auto* pipe = decl->pipelineDecl()) {
      out->pipelines.push_back(pipeline(pipe));
    } else if (auto* w = decl->workflowDecl()) {
      out->workflows.push_back(workflow(w));
    }
  }
  for (const antlr4::Token* token : tokens) {
    if (token->getChannel() != kCommentChannel) continue;
    out->comments.push_back(ast::Comment{token->getText(), positions_.span(token)});
  }
  return out;
}

ast::Ident AstBuilder::ident(P::IdentContext* context) const {
  antlr4::Token* token = context->getStart();  // an ident is one token
  return ast::Ident{token->getText(), positions_.span(token)};
}

ast::TypeRef AstBuilder::type_ref(P::TypeRefContext* context) const {
  ast::TypeRef out;
  antlr4::Token* name = context->typeName()->getStart();  // one token
  out.name = ast::Ident{name->getText(), positions_.span(name)};
  out.span = positions_.span(context);
  // Nesting is bounded by the bracket pass (it counts `<` runs), so the
  // recursion is too.
  if (P::TypeRefContext* element = context->typeRef()) {
    out.element = std::make_unique<ast::TypeRef>(type_ref(element));
  }
  return out;
}

ast::Import AstBuilder::import_decl(P::ImportDeclContext* context) {
  ast::Import out;
  antlr4::Token* path = context->STRING()->getSymbol();
  out.path_span = positions_.span(path);
  ast::ExprPtr decoded = string_literal(path, false);
  for (const ast::StringPart& part : decoded->parts) {
    if (part.expr != nullptr) {
      diags_.emit(Diagnostic::make(DiagCode::E0007, part.span, "imports cannot interpolate")
                      .label("the import path must be known before anything runs")
                      .with_help("write the path as a plain string"));
      out.path.clear();
      break;
    } else {
      out.path += part.text;
    }
  }
  if (context->AS() != nullptr) out.alias = ident(context->ident());
  out.span = positions_.span(context);
  return out;
}

ast::Param AstBuilder::param(P::IdentContext* name, P::TypeRefContext* type, P::ExprContext* value,
                             Span span) {
  ast::Param out;
  out.name = ident(name);
  out.type = type_ref(type);
  if (value != nullptr) out.default_value = expr(value);
  out.span = span;
  return out;
}

std::vector<ast::Param> AstBuilder::param_list(P::ParamListContext* context) {
  std::vector<ast::Param> out;
  if (context == nullptr) return out;
  for (P::ParamItemContext* item : context->paramItem()) {
    out.push_back(param(item->ident(), item->typeRef(), item->expr(), positions_.span(item)));
  }
  return out;
}

ast::Secret AstBuilder::secret(P::SecretDeclContext* context) {
  ast::Secret out;
  out.name = ident(context->ident(0));
  if (context->COLON() != nullptr) out.kind = ident(context->ident(1));
  for (P::SecretBindingContext* binding : context->secretBinding()) {
    ast::SecretBinding entry;
    entry.target = ident(binding->target);
    if (binding->qualifier != nullptr) entry.qualifier = ident(binding->qualifier);
    entry.value = expr(binding->expr());
    entry.span = positions_.span(binding);
    out.bindings.push_back(std::move(entry));
  }
  out.span = positions_.span(context);
  return out;
}

ast::Template AstBuilder::template_decl(P::TemplateDeclContext* context) {
  ast::Template out;
  out.name = ident(context->ident());
  out.params = param_list(context->paramList());
  out.body = step_body(context->stepBody(), "template");
  out.span = positions_.span(context);
  return out;
}

ast::Pipeline AstBuilder::pipeline(P::PipelineDeclContext* context) {
  ast::Pipeline out;
  out.name = ident(context->ident());
  out.params = param_list(context->paramList());
  for (P::StepDeclContext* step : context->stepDecl()) {
    out.steps.push_back(step_def(step->ident(), step->stepDef(), positions_.span(step)));
  }
  out.span = positions_.span(context);
  return out;
}

ast::Workflow AstBuilder::workflow(P::WorkflowDeclContext* context) {
  ast::Workflow out;
  out.name = ident(context->ident());
  for (P::WorkflowItemContext* item : context->workflowItem()) {
    if (auto* t = item->trigger()) {
      out.triggers.push_back(trigger(t));
    } else if (auto* p = item->paramDecl()) {
      out.params.push_back(param(p->ident(), p->typeRef(), p->expr(), positions_.span(p)));
    } else if (auto* s = item->secretDecl()) {
      out.secrets.push_back(secret(s));
    } else if (auto* pipe = item->pipelineDecl()) {
      out.pipelines.push_back(pipeline(pipe));
    } else if (auto* step = item->stepDecl()) {
      out.steps.push_back(step_def(step->ident(), step->stepDef(), positions_.span(step)));
    } else if (auto* c = item->chain()) {
      out.chains.push_back(chain(c));
    }
  }
  out.span = positions_.span(context);
  return out;
}

ast::Trigger AstBuilder::trigger(P::TriggerContext* context) {
  ast::Trigger out;
  out.span = positions_.span(context);
  auto* push = dynamic_cast<P::PushTriggerContext*>(context);
  if (push == nullptr) {
    out.kind = ast::Trigger::Kind::Manual;
    return out;
  }
  out.kind = ast::Trigger::Kind::Push;
  size_t next = 0;
  if (push->BRANCHES() != nullptr) out.branches = expr(push->expr(next++));
  if (push->TAGS() != nullptr) out.tags = expr(push->expr(next));
  return out;
}

ast::Chain AstBuilder::chain(P::ChainContext* context) {
  ast::Chain out;
  for (P::ChainTargetContext* target : context->chainTarget()) {
    out.stages.emplace_back();
    for (P::ChainElemContext* element : target->chainElem()) {
      out.stages.back().push_back(pipeline_use(element));
    }
  }
  out.span = positions_.span(context);
  return out;
}

ast::PipelineUse AstBuilder::pipeline_use(P::ChainElemContext* context) {
  ast::PipelineUse out;
  out.pipeline = ident(context->ident(0));
  out.has_args = context->LPAREN() != nullptr;
  out.args = args(context->argList());
  if (context->AS() != nullptr) out.alias = ident(context->ident(1));
  std::vector<std::pair<std::string, Span>> seen;
  auto first_time = [&](antlr4::tree::TerminalNode* keyword) {
    Span span = positions_.span(keyword->getSymbol());
    std::string word = keyword->getText();
    for (const auto& [name, first] : seen) {
      if (name != word) continue;
      diags_.emit(Diagnostic::make(DiagCode::E0008, span,
                                   "`" + word + "` is set twice on this pipeline use")
                      .also(first, "first set here"));
      return false;
    }
    seen.emplace_back(word, span);
    return true;
  };
  for (P::UseModifierContext* modifier : context->useModifier()) {
    if (auto* when = dynamic_cast<P::WhenModifierContext*>(modifier)) {
      if (first_time(when->WHEN())) out.when = expr(when->expr());
    } else if (auto* manual = dynamic_cast<P::ManualModifierContext*>(modifier)) {
      if (!first_time(manual->MANUAL())) continue;
      ast::ManualGate gate{positions_.span(manual->MANUAL()->getSymbol()), nullptr};
      if (manual->STRING() != nullptr) gate.message = string_literal(manual->STRING()->getSymbol(), false);
      out.manual = std::move(gate);
    } else if (auto* env = dynamic_cast<P::EnvironmentModifierContext*>(modifier)) {
      if (!first_time(env->ENVIRONMENT())) continue;
      out.environment = expr(env->expr(0));
      if (env->URL() != nullptr) out.environment_url = expr(env->expr(1));
    }
  }
  out.span = positions_.span(context);
  return out;
}

std::vector<ast::Arg> AstBuilder::args(P::ArgListContext* context) {
  std::vector<ast::Arg> out;
  if (context == nullptr) return out;
  for (P::ArgContext* arg : context->arg()) {
    out.push_back(ast::Arg{ident(arg->ident()), expr(arg->expr()), positions_.span(arg)});
  }
  return out;
}

}  // namespace slipway::syntax
