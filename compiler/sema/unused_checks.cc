// Definitions no workflow reaches are still checked: a pipeline nobody
// chains and a template nobody calls would otherwise hide their mistakes
// until the day someone uses them. Their IR is thrown away; their
// diagnostics are kept.

#include "compiler/sema/analyzer.h"

namespace slipway::sema {

Typed Analyzer::abstract_value(const ast::Param& param) {
  ir::Type type = resolve_type(param.type, diags_);
  Typed t;
  t.value.type = type;
  t.value.span = param.name.span;
  switch (type.kind) {
    case ir::TypeKind::String:
      t.value.parts.push_back({"", ir::Ref{ir::Ref::Kind::Param, param.name.name, "", ir::ContextKey::GitSha, type}});
      break;
    case ir::TypeKind::Secret:
      t.value.parts.push_back({"", ir::Ref{ir::Ref::Kind::Secret, param.name.name, "", ir::ContextKey::GitSha, type}});
      t.secret = SecretFlow{param.name.name, {}};
      break;
    case ir::TypeKind::Int:
    case ir::TypeKind::Duration:
      t.value.number = 1;
      break;
    case ir::TypeKind::Invalid:
      t.ok = false;
      break;
    default:
      break;
  }
  return t;
}

void Analyzer::check_unused_definitions() {
  // Module-level names only: no workflow is in scope. (Duplicates among
  // them were reported while lowering the workflows.)
  Globals globals;
  std::set<std::string> used;
  globals.used = &used;
  for (const auto& m : modules_.modules) {
    if (!m.ast || m.is_stdlib) continue;
    for (const auto& s : m.ast->secrets) add_secret(s, globals);
    for (const auto& p : m.ast->params) add_param(p, globals, false);
  }
  globals_ = &globals;
  auto saved_outputs = output_decls_;
  auto saved_reads = read_outputs_;
  for (size_t index = 0; index < modules_.modules.size(); ++index) {
    const Module& m = modules_.modules[index];
    if (!m.ast || m.is_stdlib) continue;
    for (const auto& p : m.ast->pipelines) {
      if (used_pipelines_.count(&p)) continue;
      std::map<std::string, Typed> args;
      for (const auto& param : p.params) args[param.name.name] = abstract_value(param);
      ir::Instance scratch;
      scratch.name = p.name.name;
      scratch.pipeline = p.name.name;
      lower_instance(p.name.name, p.steps, index, scratch, std::move(args));
    }
    for (const auto& t : m.ast->templates) {
      if (expanded_templates_.count(&t)) continue;
      // A call with no arguments, lowered with abstract_value arguments.
      ast::StepDecl call;
      call.name = t.name;
      call.call = ast::Call{{t.name}, {}, t.name.span};
      call.body = std::make_unique<ast::StepBody>();
      call.span = t.span;
      std::map<std::string, StepShape> no_steps;
      EvalContext ctx;
      ctx.steps = &no_steps;
      ctx.globals = &globals;
      ctx.where = "template `" + t.name.name + "`";
      ir::Instance scratch;
      scratch.name = "template";
      abstract_call_ = true;
      lower_step(call, index, scratch.name, ctx, scratch, ir::HookKind::None, "");
      abstract_call_ = false;
    }
  }
  // Unused outputs of definitions nobody uses are not worth a warning.
  output_decls_ = saved_outputs;
  read_outputs_ = saved_reads;
  globals_ = nullptr;
}

}  // namespace slipway::sema
