// One step declaration → one IR step (plus its hook steps). Handles template
// expansion (template body first, the call's override body on top), typing of
// every property, the secret sinks, and the shell-safety rewrite of scripts.

#include <algorithm>

#include "compiler/sema/analyzer.h"
#include "stdlib/embedded.h"

namespace slipway::sema {
namespace {

using ir::Type;
using ir::TypeKind;

/// SLIPWAY_ + the upper-cased expression path: `build.tag` → SLIPWAY_BUILD_TAG.
std::string env_name_for(const ast::Expr& expr, size_t index) {
  std::string base;
  if (expr.kind == ast::ExprKind::Ref) {
    for (const auto& p : expr.path) base += (base.empty() ? "" : "_") + p.name;
  } else {
    base = "VALUE_" + std::to_string(index);
  }
  std::string out = "SLIPWAY_";
  for (char c : base) out += isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(toupper(c)) : '_';
  return out;
}

/// Where a property comes from: its expression and the scope to read it in
/// (the template's for template lines, the pipeline's for override lines).
template <typename T>
struct Sourced {
  const T* item = nullptr;
  EvalContext* ctx = nullptr;
};

}  // namespace

std::optional<TemplateRef> Analyzer::find_template(const ast::Call& call, size_t module) {
  const Module& mod = modules_.modules[module];
  const Module* target = &mod;
  size_t target_index = module;
  std::string prefix;
  if (call.callee.size() > 2) {
    diags_.emit(Diagnostic::make(DiagCode::E0109, call.span, "a template is called as `NAME(...)` or `module.NAME(...)`"));
    return std::nullopt;
  }
  if (call.callee.size() == 2) {
    auto ns = mod.imports.find(call.callee[0].name);
    if (ns == mod.imports.end()) {
      std::vector<std::string> names;
      for (const auto& [k, _] : mod.imports) names.push_back(k);
      auto d = Diagnostic::make(DiagCode::E0109, call.callee[0].span,
                                "no imported module `" + call.callee[0].name + "`");
      if (auto near = closest_match(call.callee[0].name, names)) d.with_help("did you mean `" + *near + "`?");
      else {
        bool is_std = false;
        for (const auto& module : embedded_stdlib()) is_std |= module.name == "std/" + call.callee[0].name;
        d.with_help(is_std ? "import it first: import \"std/" + call.callee[0].name + "\""
                           : "import the file that defines it, e.g. import \"./" + call.callee[0].name + ".slip\"");
      }
      diags_.emit(std::move(d));
      return std::nullopt;
    }
    target_index = ns->second;
    target = &modules_.modules[target_index];
    prefix = call.callee[0].name + ".";
  }
  const ast::Ident& name = call.callee.back();
  std::vector<std::string> names;
  if (target->ast) {
    for (const auto& t : target->ast->templates) {
      if (t.name.name == name.name) return TemplateRef{&t, target_index, prefix + name.name};
      names.push_back(t.name.name);
    }
  }
  auto d = Diagnostic::make(DiagCode::E0109, name.span, "unknown template `" + prefix + name.name + "`");
  if (auto near = closest_match(name.name, names)) d.with_help("did you mean `" + prefix + *near + "`?");
  diags_.emit(std::move(d));
  return std::nullopt;
}

std::vector<ir::OutputDecl> Analyzer::step_outputs(const ast::StepDecl& decl, size_t module) {
  std::vector<ir::OutputDecl> out;
  auto add = [&](const ast::StepBody& body) {
    for (const auto& o : body.outputs) {
      ir::OutputDecl d{o.name.name, resolve_type(o.type, diags_), o.name.span};
      if (d.type.kind == TypeKind::List) {
        diags_.emit(Diagnostic::make(DiagCode::E0201, o.type.span, "outputs are scalars; a list cannot be an output")
                        .with_help("join the items into one string"));
        continue;
      }
      auto same = std::find_if(out.begin(), out.end(), [&](const auto& x) { return x.name == d.name; });
      if (same != out.end()) *same = d;
      else out.push_back(d);
    }
  };
  if (decl.call) {
    // Quietly: find_template reports unknown templates when the step is lowered.
    DiagnosticEngine scratch;
    const Module& mod = modules_.modules[module];
    const ast::Template* found = nullptr;
    if (decl.call->callee.size() == 2) {
      auto ns = mod.imports.find(decl.call->callee[0].name);
      if (ns != mod.imports.end() && modules_.modules[ns->second].ast)
        for (const auto& t : modules_.modules[ns->second].ast->templates)
          if (t.name.name == decl.call->callee[1].name) found = &t;
    } else if (decl.call->callee.size() == 1 && mod.ast) {
      for (const auto& t : mod.ast->templates)
        if (t.name.name == decl.call->callee[0].name) found = &t;
    }
    if (found) add(*found->body);
  }
  add(*decl.body);
  return out;
}

std::optional<ir::EnvVar> Analyzer::lower_env_entry(const ast::EnvEntry& entry, EvalContext& ctx) {
  if (entry.key.name.rfind("SLIPWAY_", 0) == 0) {
    diags_.emit(Diagnostic::make(DiagCode::E0207, entry.key.span, "env names starting with `SLIPWAY_` are reserved")
                    .with_help("Slipway passes interpolated values to scripts through SLIPWAY_* variables; pick another name"));
    return std::nullopt;
  }
  Typed t = eval_.eval(*entry.value, ctx);
  if (!t.ok) return std::nullopt;
  if (t.value.type.kind == TypeKind::List) {
    diags_.emit(Diagnostic::make(DiagCode::E0201, entry.value->span,
                                 "an env var holds one value, found `" + ir::type_name(t.value.type) + "`")
                    .with_help("join the items into one string"));
    return std::nullopt;
  }
  // Env vars are text: a folded int, bool or duration is written out.
  ir::Value value = t.value;
  if (value.type.kind != TypeKind::String && value.type.kind != TypeKind::Secret && value.parts.empty()) {
    if (auto text = Evaluator::scalar_text(value)) value.parts = {{*text, std::nullopt}};
    value.type = Type::of(TypeKind::String);
  }
  return ir::EnvVar{entry.key.name, value, t.secret.has_value(), entry.span};
}

void Analyzer::lower_step(const ast::StepDecl& decl, size_t module, const std::string& id_prefix,
                          EvalContext& pipeline_ctx, ir::Instance& instance, ir::HookKind hook_kind,
                          const std::string& hook_of) {
  ir::Step step;
  step.name = decl.name.name;
  step.id = id_prefix + "." + decl.name.name;
  step.instance = instance.name;
  step.hook_kind = hook_kind;
  step.hook_of = hook_of;
  step.provenance.decl = decl.name.span;
  std::string what_step = "step `" + step.name + "`";

  // Template expansion: bind the arguments at the call site.
  std::map<std::string, Typed> template_args;
  EvalContext template_ctx;
  template_ctx.args = &template_args;
  template_ctx.output_uses = nullptr;
  const ast::StepBody* template_body = nullptr;
  std::vector<OutputUse> uses;
  pipeline_ctx.output_uses = &uses;
  if (decl.call) {
    auto tmpl = find_template(*decl.call, module);
    // On an early return the outputs already read still count as read, so a
    // broken call adds no "never read" warning on top of its error.
    auto give_up = [&] {
      for (const auto& use : uses) read_outputs_.insert(use.step_id + "." + use.output);
      pipeline_ctx.output_uses = nullptr;
    };
    if (!tmpl) {
      // Still check the arguments: their own errors, and the names they use.
      for (const auto& a : decl.call->args) (void)eval_.eval(*a.value, pipeline_ctx);
      give_up();
      return;
    }
    step.provenance.call_site = decl.call->span;
    step.provenance.template_name = tmpl->qualified_name;
    step.provenance.template_decl = tmpl->decl->name.span;
    template_ctx.where = "template `" + tmpl->qualified_name + "`";
    EvalContext default_ctx;
    default_ctx.where = template_ctx.where;
    expanded_templates_.insert(tmpl->decl);
    if (abstract_call_) {
      // Checking a template nobody calls: every parameter gets a value of
      // its type, so the body's own mistakes are still found.
      for (const auto& param : tmpl->decl->params) template_args[param.name.name] = abstract_value(param);
    } else if (!bind_args(tmpl->decl->params, decl.call->args, decl.call->span,
                          "template `" + tmpl->qualified_name + "`", pipeline_ctx, default_ctx, template_args)) {
      give_up();
      return;
    }
    template_body = tmpl->decl->body.get();
  }
  const ast::StepBody& body = *decl.body;

  // The effective value of a property: the override if written, else the template's.
  auto pick = [&](auto member) -> Sourced<ast::Property> {
    if ((body.*member)) return {&*(body.*member), &pipeline_ctx};
    if (template_body && (template_body->*member)) return {&*(template_body->*member), &template_ctx};
    return {};
  };
  // A secret reaching a sink: primary at the sink, secondary along the path it came.
  auto secret_sink = [&](DiagCode code, const Typed& t, Span at, const std::string& where, const std::string& why,
                         const std::string& help) {
    auto d = Diagnostic::make(code, at, "secret `" + t.secret->secret + "` would appear " + where);
    d.label(why);
    for (const auto& via : t.secret->via) d.also(via.span, via.message);
    if (step.provenance.call_site && t.secret->via.empty() && at.file != step.provenance.call_site->file)
      d.also(*step.provenance.call_site, "expanded from this call");
    d.with_help(help);
    diags_.emit(std::move(d));
  };

  // image
  if (auto image = pick(&ast::StepBody::image); image.item) {
    Typed t = eval_.eval_as(*image.item->value, Type::of(TypeKind::String), *image.ctx, "the image");
    if (t.ok && t.secret)
      secret_sink(DiagCode::E0304, t, image.item->value->span, "in the image of " + what_step,
                  "image names are stored in build history and pulled in plain text",
                  "registry credentials belong in the engine's login, not in the image name");
    else if (t.ok) step.image = t.value;
  } else if (!abstract_call_) {  // a template may leave the image to its callers
    diags_.emit(Diagnostic::make(DiagCode::E0208, decl.name.span, what_step + " has no image")
                    .with_help("add `image \"alpine:3.20\"` (every step runs in a container)"));
  }

  // run: a string is a shell script, a list is an argv.
  if (auto run = pick(&ast::StepBody::run); run.item) {
    const ast::Expr& expr = *run.item->value;
    if (expr.kind == ast::ExprKind::String) {
      step.run_kind = ir::RunKind::Script;
      size_t index = 0;
      for (const auto& part : expr.parts) {
        if (!part.expr) { step.script += part.text; continue; }
        ++index;
        Typed t = eval_.eval(*part.expr, *run.ctx);
        if (!t.ok) continue;
        if (t.secret) {
          secret_sink(DiagCode::E0301, t, part.span, "in the script of " + what_step,
                      "scripts are shown in logs and build history",
                      "pass it as an env var: env { KEY = " + t.secret->secret + " } and read \"$KEY\" in the script");
          continue;
        }
        if (t.value.type.kind == TypeKind::List) {
          diags_.emit(Diagnostic::make(DiagCode::E0202, part.expr->span, "cannot interpolate a `" +
                                           ir::type_name(t.value.type) + "` into a script")
                          .with_help("use an argv `run [...]`, or interpolate one item"));
          continue;
        }
        // Never splice a value into shell text: it travels in an env var.
        std::string name = env_name_for(*part.expr, index);
        ir::Value value = t.value;
        if (value.type.kind != TypeKind::String) {
          if (auto text = Evaluator::scalar_text(value)) {
            value.parts = {{*text, std::nullopt}};
          }
          value.type = Type::of(TypeKind::String);
        }
        // Two expressions may map to one name (`build.id`, `build_id`): the
        // same value shares the variable, a different one gets a suffix.
        std::string unique = name;
        for (int n = 2;; ++n) {
          auto existing = std::find_if(step.env.begin(), step.env.end(), [&](const auto& e) { return e.name == unique; });
          if (existing == step.env.end()) {
            step.env.push_back({unique, value, false, part.span});
            break;
          }
          if (existing->value.parts == value.parts && existing->value.type == value.type) break;
          unique = name + "_" + std::to_string(n);
        }
        step.script += "${" + unique + "}";
      }
    } else if (expr.kind == ast::ExprKind::List) {
      // Item by item, so a diagnostic points at the one argument that leaks.
      step.run_kind = ir::RunKind::Argv;
      for (const auto& item : expr.items) {
        Typed t = eval_.eval_as(*item, Type::of(TypeKind::String), *run.ctx, "an argv item");
        if (!t.ok) continue;
        if (t.secret) {
          secret_sink(DiagCode::E0301, t, item->span, "on the command line of " + what_step,
                      "command lines are shown in logs and build history",
                      "pass it as an env var: env { KEY = " + t.secret->secret + " } and read $KEY in the script");
          continue;
        }
        step.argv.push_back(t.value);
      }
    } else {
      Typed t = eval_.eval(expr, *run.ctx);
      if (t.ok && t.secret) {
        secret_sink(DiagCode::E0301, t, expr.span, "on the command line of " + what_step,
                    "command lines are shown in logs and build history",
                    "pass it as an env var: env { KEY = " + t.secret->secret + " } and read $KEY in the script");
      } else if (t.ok && t.value.type.kind == TypeKind::List &&
                 (t.value.type.element == TypeKind::String || t.value.type.element == TypeKind::Invalid)) {
        step.run_kind = ir::RunKind::Argv;
        step.argv = t.value.items;
      } else if (t.ok && t.value.type.kind == TypeKind::String) {
        // A script held in an argument: references become env vars too.
        step.run_kind = ir::RunKind::Script;
        for (const auto& part : t.value.parts) {
          if (!part.ref) { step.script += part.text; continue; }
          std::string name = "SLIPWAY_";
          std::string base = part.ref->kind == ir::Ref::Kind::Output ? part.ref->step + "_" + part.ref->name : part.ref->name;
          for (char c : base) name += isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(toupper(c)) : '_';
          ir::Value v;
          v.type = Type::of(TypeKind::String);
          v.parts.push_back(part);
          v.span = expr.span;
          if (std::none_of(step.env.begin(), step.env.end(), [&](const auto& e) { return e.name == name; }))
            step.env.push_back({name, v, false, expr.span});
          step.script += "${" + name + "}";
        }
      } else if (t.ok) {
        diags_.emit(Diagnostic::make(DiagCode::E0201, expr.span,
                                     "`run` takes a script string or an argv `list<string>`, found `" +
                                         ir::type_name(t.value.type) + "`"));
      }
    }
  }

  // entrypoint and workdir: plain text only.
  if (auto ep = pick(&ast::StepBody::entrypoint); ep.item) {
    Typed t = eval_.eval(*ep.item->value, *ep.ctx);
    if (t.ok && t.secret)
      secret_sink(DiagCode::E0301, t, ep.item->value->span, "in the entrypoint of " + what_step,
                  "entrypoints are part of the command line", "pass it as an env var instead");
    else if (t.ok && t.value.type.kind == TypeKind::String) step.entrypoint.push_back(t.value);
    else if (t.ok && t.value.type.kind == TypeKind::List && t.value.type.element != TypeKind::Secret &&
             t.value.type.element != TypeKind::Int)
      step.entrypoint = t.value.items;
    else if (t.ok)
      diags_.emit(Diagnostic::make(DiagCode::E0201, ep.item->value->span,
                                   "`entrypoint` takes a string or a `list<string>`, found `" +
                                       ir::type_name(t.value.type) + "`"));
  }
  if (auto wd = pick(&ast::StepBody::workdir); wd.item) {
    Typed t = eval_.eval_as(*wd.item->value, Type::of(TypeKind::String), *wd.ctx, "the workdir");
    if (t.ok && t.secret)
      secret_sink(DiagCode::E0304, t, wd.item->value->span, "in the workdir of " + what_step,
                  "paths are shown in logs", "pass it as an env var instead");
    else if (t.ok) step.workdir = t.value;
  }

  // env: template entries first, then the override's (which win).
  std::vector<Sourced<ast::EnvEntry>> env_entries;
  if (template_body) for (const auto& e : template_body->env) env_entries.push_back({&e, &template_ctx});
  for (const auto& e : body.env) env_entries.push_back({&e, &pipeline_ctx});
  for (const auto& [entry, ctx] : env_entries) {
    const std::string& key = entry->key.name;
    auto lowered = lower_env_entry(*entry, *ctx);
    if (!lowered) continue;
    const ir::EnvVar& var = *lowered;
    auto existing = std::find_if(step.env.begin(), step.env.end(), [&](const auto& e) { return e.name == key; });
    if (existing != step.env.end()) *existing = var;
    else step.env.push_back(var);
  }

  // files: secrets may be mounted as files.
  std::vector<Sourced<ast::FileEntry>> file_entries;
  if (template_body) for (const auto& f : template_body->files) file_entries.push_back({&f, &template_ctx});
  for (const auto& f : body.files) file_entries.push_back({&f, &pipeline_ctx});
  for (const auto& [entry, ctx] : file_entries) {
    auto path = eval_.eval_literal_string(*entry->path, *ctx, "a file path");
    // The value is checked even under a bad path (and marks its names used).
    Typed t = eval_.eval(*entry->value, *ctx);
    if (!path) continue;
    if (path->empty() || (*path)[0] != '/') {
      diags_.emit(Diagnostic::make(DiagCode::E0210, entry->path->span, "file paths are absolute, found `" + *path + "`")
                      .with_help("write a path inside the container, e.g. \"/run/secrets/key.json\""));
      continue;
    }
    if (!t.ok) continue;
    if (t.value.type.kind == TypeKind::List) {
      diags_.emit(Diagnostic::make(DiagCode::E0201, entry->value->span, "a file holds one value, not a list"));
      continue;
    }
    ir::FileMount mount{*path, t.value, t.secret.has_value(), entry->span};
    auto existing = std::find_if(step.files.begin(), step.files.end(), [&](const auto& f) { return f.path == *path; });
    if (existing != step.files.end()) *existing = mount;
    else step.files.push_back(mount);
  }

  // outputs (already typed in phase 1 for pipeline steps: reuse them, so an
  // unknown output type is reported once; hooks are not in phase 1)
  const StepShape* shape = nullptr;
  if (pipeline_ctx.steps && hook_kind == ir::HookKind::None) {
    auto found = pipeline_ctx.steps->find(decl.name.name);
    if (found != pipeline_ctx.steps->end() && found->second.id == step.id) shape = &found->second;
  }
  step.outputs = shape ? shape->outputs : step_outputs(decl, module);
  for (const auto& o : step.outputs) output_decls_.emplace(step.id + "." + o.name, o.span);

  // timeout, retry, allow_failure, manual
  if (auto to = pick(&ast::StepBody::timeout); to.item) {
    Typed t = eval_.eval_constant(*to.item->value, Type::of(TypeKind::Duration), *to.ctx, "a timeout");
    if (t.ok) {
      if (t.value.number <= 0)
        diags_.emit(Diagnostic::make(DiagCode::E0210, to.item->value->span, "a timeout must be positive"));
      else step.timeout_ms = t.value.number;
    }
  }
  if (auto rt = pick(&ast::StepBody::retry); rt.item) {
    Typed t = eval_.eval_constant(*rt.item->value, Type::of(TypeKind::Int), *rt.ctx, "a retry count");
    if (t.ok) {
      if (t.value.number < 0 || t.value.number > 10)
        diags_.emit(Diagnostic::make(DiagCode::E0210, rt.item->value->span,
                                     "retry takes 0 to 10 extra attempts, found " + std::to_string(t.value.number)));
      else step.retry = t.value.number;
    }
  }
  const std::optional<ast::Flag>& af = body.allow_failure ? body.allow_failure
                                       : template_body ? template_body->allow_failure : body.allow_failure;
  if (af) step.allow_failure = af->value;
  const std::optional<ast::ManualGate>& gate = body.manual ? body.manual
                                               : template_body ? template_body->manual : body.manual;
  if (gate) {
    ir::Gate g{step.id, "", gate->keyword};
    EvalContext& gctx = body.manual ? pipeline_ctx : template_ctx;
    if (gate->message)
      if (auto text = eval_.eval_literal_string(*gate->message, gctx, "a gate message")) g.message = *text;
    if (g.message.empty()) g.message = "run step `" + step.id + "`?";
    step.manual = g;
  }
  if (body.ready || (template_body && template_body->ready)) {
    Span at = body.ready ? body.ready->keyword : template_body->ready->keyword;
    diags_.emit(Diagnostic::make(DiagCode::E0209, at, "`ready` belongs in a `service` block, not in a step"));
  }

  // services
  std::vector<Sourced<ast::Service>> services;
  if (template_body) for (const auto& s : template_body->services) services.push_back({&s, &template_ctx});
  for (const auto& s : body.services) services.push_back({&s, &pipeline_ctx});
  for (const auto& [svc, ctx] : services) {
    // A service of the call's body replaces the template's of the same name.
    std::erase_if(step.services, [&](const ir::Service& s) { return s.alias == svc->name.name; });
    ir::Service out;
    out.alias = svc->name.name;
    out.span = svc->span;
    const ast::StepBody& sb = *svc->body;
    std::string what = "service `" + out.alias + "`";
    if (!sb.image) {
      diags_.emit(Diagnostic::make(DiagCode::E0208, svc->name.span, what + " has no image")
                      .with_help("add `image \"postgres:15\"`"));
    } else {
      Typed t = eval_.eval_as(*sb.image->value, Type::of(TypeKind::String), *ctx, "the image");
      if (t.ok && t.secret)
        secret_sink(DiagCode::E0304, t, sb.image->value->span, "in the image of " + what,
                    "image names are stored in plain text", "keep registry credentials out of image names");
      else if (t.ok) out.image = t.value;
    }
    if (sb.run) {
      Typed t = eval_.eval(*sb.run->value, *ctx);
      if (t.ok && t.secret)
        secret_sink(DiagCode::E0301, t, sb.run->value->span, "on the command line of " + what,
                    "command lines are shown in logs", "pass it through the service's env");
      else if (t.ok && t.value.type.kind == TypeKind::List) out.command = t.value.items;
      else if (t.ok)
        diags_.emit(Diagnostic::make(DiagCode::E0201, sb.run->value->span,
                                     "a service's `run` is an argv `list<string>`, found `" + ir::type_name(t.value.type) + "`"));
    }
    for (const auto& e : sb.env) {
      if (auto var = lower_env_entry(e, *ctx)) out.env.push_back(std::move(*var));
    }
    if (sb.ready) {
      Typed t = eval_.eval(*sb.ready->value, *ctx);
      if (t.ok && t.value.type.kind == TypeKind::Int && t.value.parts.empty()) {
        if (t.value.number < 1 || t.value.number > 65535)
          diags_.emit(Diagnostic::make(DiagCode::E0210, sb.ready->value->span, "a port is between 1 and 65535"));
        out.ready = {ir::Readiness::Kind::TcpPort, t.value.number, {}};
      } else if (t.ok && t.value.type.kind == TypeKind::List && t.secret) {
        secret_sink(DiagCode::E0301, t, sb.ready->value->span, "in the health command of " + what,
                    "command lines are shown in logs", "pass it through the service's env");
      } else if (t.ok && t.value.type.kind == TypeKind::List) {
        out.ready = {ir::Readiness::Kind::Command, 0, t.value.items};
      } else if (t.ok) {
        diags_.emit(Diagnostic::make(DiagCode::E0201, sb.ready->value->span,
                                     "`ready` takes a TCP port (int) or a health command (list<string>)"));
      }
    }
    auto misplaced = [&](bool present, const char* name) {
      if (present)
        diags_.emit(Diagnostic::make(DiagCode::E0209, svc->name.span,
                                     std::string("`") + name + "` is not allowed in a service")
                        .note("a service takes image, run, env and ready"));
    };
    misplaced(sb.entrypoint.has_value(), "entrypoint");
    misplaced(sb.workdir.has_value(), "workdir");
    misplaced(!sb.outputs.empty(), "outputs");
    misplaced(!sb.needs.empty(), "needs");
    misplaced(!sb.files.empty(), "files");
    misplaced(sb.timeout.has_value(), "timeout");
    misplaced(sb.retry.has_value(), "retry");
    misplaced(!sb.services.empty(), "service");
    misplaced(!sb.hooks.empty(), "hooks");
    misplaced(sb.manual.has_value(), "manual");
    misplaced(sb.allow_failure.has_value(), "allow_failure");
    step.services.push_back(std::move(out));
  }

  // needs: explicit edges to steps of the same pipeline.
  std::vector<const ast::Ident*> needs;
  for (const auto& n : body.needs) needs.push_back(&n);
  if (template_body && !template_body->needs.empty()) {
    diags_.emit(Diagnostic::make(DiagCode::E0209, template_body->needs.front().span,
                                 "a template cannot name steps in `needs`")
                    .also(decl.span, "add `needs` at the call instead: step x = t(...) { needs [a] }"));
  }
  pipeline_ctx.output_uses = nullptr;
  auto add_edge = [&](const std::string& from, bool explicit_need, const std::string& value, Span span) {
    auto edge = std::find_if(step.needs.begin(), step.needs.end(), [&](const auto& e) { return e.from == from; });
    if (edge == step.needs.end()) {
      step.needs.push_back({from, false, {}});
      edge = step.needs.end() - 1;
    }
    edge->explicit_need |= explicit_need;
    if (!value.empty() && std::find(edge->values.begin(), edge->values.end(), value) == edge->values.end())
      edge->values.push_back(value);
    edge_causes_.push_back({from, step.id, span, explicit_need ? "needs `" + from + "`" : "reads `" + value + "`"});
  };
  for (const ast::Ident* n : needs) {
    if (!pipeline_ctx.steps) break;
    auto target = pipeline_ctx.steps->find(n->name);
    if (target == pipeline_ctx.steps->end()) {
      std::vector<std::string> names;
      for (const auto& [k, _] : *pipeline_ctx.steps) names.push_back(k);
      auto d = Diagnostic::make(DiagCode::E0102, n->span, "unknown step `" + n->name + "`");
      if (auto near = closest_match(n->name, names)) d.with_help("did you mean `" + *near + "`?");
      diags_.emit(std::move(d));
      continue;
    }
    if (target->second.id == step.id || (hook_kind != ir::HookKind::None && target->second.id == hook_of)) {
      if (target->second.id == step.id) {
        diags_.emit(Diagnostic::make(DiagCode::E0402, n->span, what_step + " needs itself")
                        .with_help("remove `" + n->name + "` from `needs`"));
        continue;
      }
    }
    add_edge(target->second.id, true, "", n->span);
  }
  for (const auto& use : uses) {
    read_outputs_.insert(use.step_id + "." + use.output);
    if (use.step_id == step.id) {
      diags_.emit(Diagnostic::make(DiagCode::E0402, use.span, what_step + " reads its own output `" + use.output + "`")
                      .with_help("a step's outputs are available to later steps only"));
      continue;
    }
    if (hook_kind != ir::HookKind::None && use.step_id == hook_of) {
      // Hooks run after their step; reading its outputs adds no edge.
      continue;
    }
    add_edge(use.step_id, false, use.output, use.span);
  }
  // Keep producers in declaration order, whatever order they were read in.
  std::stable_sort(step.needs.begin(), step.needs.end(), [&](const auto& a, const auto& b) {
    auto pos = [&](const std::string& id) {
      for (size_t i = 0; i < instance.steps.size(); ++i) if (instance.steps[i].id == id) return i;
      return instance.steps.size();
    };
    return pos(a.from) < pos(b.from);
  });

  // Hooks become steps of their own, right after this one.
  std::vector<const ast::Hook*> hooks;
  if (template_body) for (const auto& h : template_body->hooks) hooks.push_back(&h);
  for (const auto& h : body.hooks) hooks.push_back(&h);
  if (hook_kind != ir::HookKind::None && !hooks.empty()) {
    diags_.emit(Diagnostic::make(DiagCode::E0209, hooks.front()->keyword, "a hook cannot have hooks of its own"));
    hooks.clear();
  }
  std::string own_id = step.id;
  instance.steps.push_back(std::move(step));
  size_t index = instance.steps.size() - 1;
  std::map<std::string, Span> hook_names;
  for (const ast::Hook* h : hooks) {
    auto [first, inserted] = hook_names.emplace(h->step->name.name, h->step->name.span);
    if (!inserted) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, h->step->name.span,
                                   "hook `" + h->step->name.name + "` is defined twice on " + what_step)
                      .also(first->second, "first defined here")
                      .with_help("give each hook its own name"));
      continue;
    }
    ir::HookKind kind = h->kind == ast::HookKind::OnFailure ? ir::HookKind::OnFailure : ir::HookKind::Always;
    // Hooks from the template read the template's arguments; others the pipeline's.
    bool from_template = template_body && std::any_of(template_body->hooks.begin(), template_body->hooks.end(),
                                                      [&](const auto& th) { return &th == h; });
    EvalContext hook_ctx = from_template ? template_ctx : pipeline_ctx;
    hook_ctx.steps = pipeline_ctx.steps;
    hook_ctx.globals = pipeline_ctx.globals;
    lower_step(*h->step, module, own_id, hook_ctx, instance, kind, own_id);
    std::string hook_id = own_id + "." + h->step->name.name;
    auto& parent = instance.steps[index];
    (kind == ir::HookKind::OnFailure ? parent.on_failure : parent.always).push_back(hook_id);
  }
}

}  // namespace slipway::sema
