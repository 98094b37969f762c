// Steps, template calls and step bodies. A body's properties are singletons
// and its blocks are keyed, so this is where "set twice" (E0008) is found:
// the grammar accepts any order and any repetition.

#include <map>

#include "compiler/syntax/ast_builder.h"

namespace slipway::syntax {

/// Walks one step body, remembering where each property and key was first
/// set so a repetition can point back at it.
class AstBuilder::BodyBuilder {
 public:
  BodyBuilder(AstBuilder& builder, const char* noun) : b_(builder), noun_(noun) {}

  std::unique_ptr<ast::StepBody> build(P::StepBodyContext* context) {
    body_ = std::make_unique<ast::StepBody>();
    body_->span = b_.positions_.span(context);
    for (P::StepItemContext* item : context->stepItem()) add(item);
    return std::move(body_);
  }

 private:
  using Seen = std::map<std::string, Span>;

  Span span(antlr4::tree::TerminalNode* keyword) const {
    return b_.positions_.span(keyword->getSymbol());
  }

  /// False (with E0008) when `key` is already in `seen`.
  bool first(Seen& seen, const std::string& key, Span at, const std::string& message,
             const char* label) {
    auto [it, inserted] = seen.emplace(key, at);
    if (inserted) return true;
    b_.diags_.emit(Diagnostic::make(DiagCode::E0008, at, message).also(it->second, label));
    return false;
  }

  /// A property or block keyword; false when it was already set.
  bool first_property(antlr4::tree::TerminalNode* keyword) {
    std::string word = keyword->getText();
    return first(properties_, word, span(keyword),
                 "`" + word + "` is set twice in this " + noun_, "first set here");
  }

  void property(std::optional<ast::Property>& slot, antlr4::tree::TerminalNode* keyword,
                P::ExprContext* value) {
    if (!first_property(keyword)) return;
    slot = ast::Property{span(keyword), b_.expr(value)};
  }

  /// A block keyword: a second block is reported but its entries still count.
  void block(std::optional<Span>& slot, antlr4::tree::TerminalNode* keyword) {
    if (first_property(keyword)) slot = span(keyword);
  }

  void add(P::StepItemContext* item) {
    if (auto* x = dynamic_cast<P::ImageItemContext*>(item)) {
      property(body_->image, x->IMAGE(), x->expr());
    } else if (auto* x = dynamic_cast<P::RunItemContext*>(item)) {
      property(body_->run, x->RUN(), x->expr());
    } else if (auto* x = dynamic_cast<P::EntrypointItemContext*>(item)) {
      property(body_->entrypoint, x->ENTRYPOINT(), x->expr());
    } else if (auto* x = dynamic_cast<P::WorkdirItemContext*>(item)) {
      property(body_->workdir, x->WORKDIR(), x->expr());
    } else if (auto* x = dynamic_cast<P::TimeoutItemContext*>(item)) {
      property(body_->timeout, x->TIMEOUT(), x->expr());
    } else if (auto* x = dynamic_cast<P::RetryItemContext*>(item)) {
      property(body_->retry, x->RETRY(), x->expr());
    } else if (auto* x = dynamic_cast<P::ReadyItemContext*>(item)) {
      property(body_->ready, x->READY(), x->expr());
    } else if (auto* x = dynamic_cast<P::AllowFailureItemContext*>(item)) {
      if (first_property(x->ALLOW_FAILURE())) {
        body_->allow_failure = ast::Flag{span(x->ALLOW_FAILURE()), x->FALSE() == nullptr};
      }
    } else if (auto* x = dynamic_cast<P::ManualItemContext*>(item)) {
      if (!first_property(x->MANUAL())) return;
      ast::ManualGate gate{span(x->MANUAL()), nullptr};
      if (x->STRING() != nullptr) gate.message = b_.string_literal(x->STRING()->getSymbol(), false);
      body_->manual = std::move(gate);
    } else if (auto* x = dynamic_cast<P::EnvItemContext*>(item)) {
      env(x);
    } else if (auto* x = dynamic_cast<P::FilesItemContext*>(item)) {
      files(x);
    } else if (auto* x = dynamic_cast<P::OutputsItemContext*>(item)) {
      outputs(x);
    } else if (auto* x = dynamic_cast<P::NeedsItemContext*>(item)) {
      needs(x);
    } else if (auto* x = dynamic_cast<P::ServiceItemContext*>(item)) {
      service(x);
    } else if (auto* x = dynamic_cast<P::OnFailureItemContext*>(item)) {
      hook(ast::HookKind::OnFailure, x->ON_FAILURE(), x->ident(), x->stepDef(), item);
    } else if (auto* x = dynamic_cast<P::AlwaysItemContext*>(item)) {
      hook(ast::HookKind::Always, x->ALWAYS(), x->ident(), x->stepDef(), item);
    }
  }

  void env(P::EnvItemContext* x) {
    block(body_->env_keyword, x->ENV());
    for (P::EnvEntryContext* entry : x->envEntry()) {
      ast::Ident key = b_.ident(entry->ident());
      std::string message = "environment variable `" + key.name + "` is set twice in this " + noun_;
      if (!first(env_, key.name, key.span, message, "first set here")) continue;
      body_->env.push_back(ast::EnvEntry{std::move(key), b_.expr(entry->expr()), b_.positions_.span(entry)});
    }
  }

  void files(P::FilesItemContext* x) {
    block(body_->files_keyword, x->FILES());
    for (P::FileEntryContext* entry : x->fileEntry()) {
      ast::ExprPtr path = b_.string_literal(entry->STRING()->getSymbol(), false);
      if (path->is_plain_string()) {
        std::string message = "file `" + path->plain_text() + "` is written twice in this " + noun_;
        if (!first(files_, path->plain_text(), path->span, message, "first written here")) continue;
      }
      body_->files.push_back(
          ast::FileEntry{std::move(path), b_.expr(entry->expr()), b_.positions_.span(entry)});
    }
  }

  void outputs(P::OutputsItemContext* x) {
    block(body_->outputs_keyword, x->OUTPUTS());
    for (P::OutputEntryContext* entry : x->outputEntry()) {
      ast::Ident name = b_.ident(entry->ident());
      std::string message = "output `" + name.name + "` is declared twice in this " + noun_;
      if (!first(outputs_, name.name, name.span, message, "first declared here")) continue;
      body_->outputs.push_back(
          ast::OutputDecl{std::move(name), b_.type_ref(entry->typeRef()), b_.positions_.span(entry)});
    }
  }

  void needs(P::NeedsItemContext* x) {
    block(body_->needs_keyword, x->NEEDS());
    for (P::IdentContext* context : x->ident()) {
      ast::Ident name = b_.ident(context);
      std::string message = "`" + name.name + "` is listed twice in `needs`";
      if (!first(needs_, name.name, name.span, message, "first listed here")) continue;
      body_->needs.push_back(std::move(name));
    }
  }

  void service(P::ServiceItemContext* x) {
    ast::Ident name = b_.ident(x->ident());
    std::string message = "service `" + name.name + "` is defined twice in this " + noun_;
    if (!first(services_, name.name, name.span, message, "first defined here")) return;
    body_->services.push_back(
        ast::Service{std::move(name), b_.step_body(x->stepBody(), "service"), b_.positions_.span(x)});
  }

  void hook(ast::HookKind kind, antlr4::tree::TerminalNode* keyword, P::IdentContext* name,
            P::StepDefContext* def, P::StepItemContext* item) {
    ast::Hook out;
    out.kind = kind;
    out.keyword = span(keyword);
    out.step = std::make_unique<ast::StepDecl>(b_.step_def(name, def, b_.positions_.span(item)));
    body_->hooks.push_back(std::move(out));
  }

  AstBuilder& b_;
  const char* noun_;
  std::unique_ptr<ast::StepBody> body_;
  Seen properties_, env_, files_, outputs_, needs_, services_;
};

std::unique_ptr<ast::StepBody> AstBuilder::step_body(P::StepBodyContext* context, const char* noun) {
  return BodyBuilder(*this, noun).build(context);
}

ast::StepDecl AstBuilder::step_def(P::IdentContext* name, P::StepDefContext* def, Span span) {
  ast::StepDecl out;
  out.name = ident(name);
  if (P::CallContext* c = def->call()) out.call = call(c);
  if (P::StepBodyContext* body = def->stepBody()) {
    out.body = step_body(body, "step");
  } else {
    // A bare `= template(...)` has nothing to override; an empty body keeps
    // consumers free of null checks.
    out.body = std::make_unique<ast::StepBody>();
    out.body->span = positions_.span(def);
  }
  out.span = span;
  return out;
}

ast::Call AstBuilder::call(P::CallContext* context) {
  ast::Call out;
  for (P::IdentContext* part : context->ident()) out.callee.push_back(ident(part));
  out.args = args(context->argList());
  out.span = positions_.span(context);
  return out;
}

}  // namespace slipway::syntax
