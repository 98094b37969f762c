#include <algorithm>

#include "compiler/sema/analyze.h"

#include "compiler/sema/analyzer.h"

namespace slipway {

ir::Program analyze(const ModuleSet& modules, DiagnosticEngine& diags, const AnalyzeOptions& options) {
  sema::Analyzer analyzer(modules, diags, options);
  return analyzer.run();
}

namespace sema {

bool Analyzer::is_stdlib_file(FileId file) const {
  for (const auto& m : modules_.modules) if (m.file == file) return m.is_stdlib;
  return false;
}

ir::Program Analyzer::run() {
  ir::Program program;
  const Module& root = modules_.root();
  program.source_path = root.path;
  if (!root.ast) return program;
  bool any = false;
  for (const auto& workflow : root.ast->workflows) {
    any = true;
    program.workflows.push_back(lower_workflow(workflow));
  }
  // Duplicate workflow names.
  std::map<std::string, Span> seen;
  for (const auto& workflow : root.ast->workflows) {
    auto [it, inserted] = seen.emplace(workflow.name.name, workflow.name.span);
    if (!inserted)
      diags_.emit(Diagnostic::make(DiagCode::E0104, workflow.name.span,
                                   "workflow `" + workflow.name.name + "` is defined twice")
                      .also(it->second, "first defined here"));
  }
  if (!any && options_.require_workflow) {
    Span at{root.file, {1, 1}, {1, 1}};
    diags_.emit(Diagnostic::make(DiagCode::E0112, at, "no workflow in `" + root.path + "`")
                    .with_help("add `workflow NAME { ... }` that chains the pipelines to run"));
  }
  check_unused_definitions();
  check_overrides();
  return program;
}

void Analyzer::check_overrides() {
  for (const auto& [name, value] : options_.param_overrides) {
    bool found = false;
    for (const auto& m : modules_.modules) {
      if (!m.ast) continue;
      for (const auto& p : m.ast->params) found |= p.name.name == name;
      for (const auto& w : m.ast->workflows)
        for (const auto& p : w.params) found |= p.name.name == name;
    }
    if (!found)
      diags_.emit(Diagnostic::make(DiagCode::E0115, Span{}, "`-p " + name + "=" + value + "` names no param"));
  }
}

void Analyzer::add_param(const ast::Param& decl, Globals& globals, bool is_stdlib) {
  (void)is_stdlib;
  ParamInfo info;
  info.param.name = decl.name.name;
  info.param.type = resolve_type(decl.type, diags_);
  info.param.span = decl.span;
  if (info.param.type.kind == ir::TypeKind::Secret) {
    diags_.emit(Diagnostic::make(DiagCode::E0201, decl.type.span, "a param cannot have type `secret`")
                    .with_help("declare it as `secret " + decl.name.name + "` instead"));
    // Still declared, but broken: its uses are not also "unknown names".
    info.param.type = ir::Type{};
    auto [it, inserted] = globals.params.emplace(decl.name.name, info);
    if (!inserted) it->second = info;
    return;
  }
  EvalContext ctx;
  ctx.globals = &globals;
  ctx.where = "the default of param `" + decl.name.name + "`";
  if (decl.default_value) {
    Typed t = eval_.eval_as(*decl.default_value, info.param.type, ctx, "param `" + decl.name.name + "`");
    if (t.ok && t.secret) {
      diags_.emit(Diagnostic::make(DiagCode::E0302, decl.default_value->span,
                                   "secret `" + t.secret->secret + "` would become the default of param `" +
                                       decl.name.name + "`")
                      .label("params are printed in build logs and plans")
                      .with_help("declare a `secret` instead of a param"));
    } else if (t.ok) {
      info.param.default_value = t.value;
      info.fixed = t.value;
    }
    // The default was rejected (and reported): uses of the param stay quiet.
    if (!info.fixed) info.param.type = ir::Type{};
  }
  auto override = options_.param_overrides.find(decl.name.name);
  if (override != options_.param_overrides.end() && info.param.type.kind != ir::TypeKind::Invalid) {
    auto parsed = parse_override(override->second, info.param.type);
    if (!parsed) {
      diags_.emit(Diagnostic::make(DiagCode::E0115, decl.span,
                                   "`-p " + decl.name.name + "=" + override->second + "` is not a valid `" +
                                       ir::type_name(info.param.type) + "`"));
    } else {
      parsed->span = decl.span;
      info.fixed = *parsed;
      info.param.overridden = true;
      // The override also becomes the default the targets see.
      info.param.default_value = *parsed;
    }
  }
  auto [it, inserted] = globals.params.emplace(decl.name.name, info);
  if (!inserted) it->second = info;  // a workflow param shadows a module param
}

void Analyzer::add_secret(const ast::Secret& decl, Globals& globals) {
  SecretInfo info;
  info.secret.name = decl.name.name;
  info.secret.span = decl.span;
  if (decl.kind) {
    if (decl.kind->name == "file") info.secret.is_file = true;
    else if (decl.kind->name != "string")
      diags_.emit(Diagnostic::make(DiagCode::E0113, decl.kind->span,
                                   "a secret is a `string` or a `file`, not `" + decl.kind->name + "`"));
  }
  static const std::map<std::string, std::set<std::string>> qualifiers = {
      {"cloudbuild", {""}}, {"gitlab", {"", "masked", "file"}}, {"concourse", {""}},
      {"wercker", {""}}, {"local", {"env", "file"}}};
  for (const auto& b : decl.bindings) {
    auto target = qualifiers.find(b.target.name);
    if (target == qualifiers.end()) {
      std::vector<std::string> names;
      for (const auto& [k, _] : qualifiers) names.push_back(k);
      auto d = Diagnostic::make(DiagCode::E0114, b.target.span, "unknown secret target `" + b.target.name + "`");
      if (auto near = closest_match(b.target.name, names)) d.with_help("did you mean `" + *near + "`?");
      else d.note("targets are cloudbuild, gitlab, concourse, wercker and local");
      diags_.emit(std::move(d));
      continue;
    }
    std::string qualifier = b.qualifier ? b.qualifier->name : "";
    if (!target->second.count(qualifier)) {
      std::string allowed;
      for (const auto& q : target->second) if (!q.empty()) allowed += (allowed.empty() ? "" : ", ") + q;
      auto d = Diagnostic::make(DiagCode::E0114, b.qualifier ? b.qualifier->span : b.target.span,
                                qualifier.empty() ? "`" + b.target.name + "` needs a qualifier"
                                                  : "`" + b.target.name + "` does not take `" + qualifier + "`");
      if (!allowed.empty()) d.note("it takes: " + allowed);
      diags_.emit(std::move(d));
      continue;
    }
    EvalContext ctx;
    auto text = eval_.eval_literal_string(*b.value, ctx, "a secret binding");
    if (!text) continue;
    std::string key = b.target.name;
    if (info.secret.bindings.count(key) && key != "local") {
      diags_.emit(Diagnostic::make(DiagCode::E0008, b.span, "`" + key + "` is bound twice")
                      .also(info.secret.bindings[key].span, "first bound here"));
      continue;
    }
    if (key == "local" && info.secret.bindings.count("local")) {
      diags_.emit(Diagnostic::make(DiagCode::E0008, b.span, "`local` is bound twice")
                      .also(info.secret.bindings[key].span, "first bound here")
                      .with_help("bind the local value either to an env var or to a file"));
      continue;
    }
    info.secret.bindings[key] = ir::SecretBinding{qualifier, *text, b.span};
  }
  auto [it, inserted] = globals.secrets.emplace(decl.name.name, info);
  if (!inserted) it->second = info;
}

void Analyzer::collect_globals(const ast::Workflow& workflow, Globals& globals) {
  // Module-level names from every non-standard module, then the workflow's own.
  std::map<std::string, Span> seen;
  auto check_dup = [&](const ast::Ident& name, const char* kind) {
    auto [it, inserted] = seen.emplace(name.name, name.span);
    if (!inserted)
      diags_.emit(Diagnostic::make(DiagCode::E0104, name.span,
                                   std::string(kind) + " `" + name.name + "` is defined twice")
                      .also(it->second, "first defined here"));
    return inserted;
  };
  // Secrets are added before params at each level, so a param default that
  // reads a secret is reported as a leak (E0302), not as an unknown name.
  std::vector<const ast::Param*> params;
  std::vector<const ast::Secret*> secrets;
  for (const auto& m : modules_.modules) {
    if (!m.ast || m.is_stdlib) continue;
    for (const auto& p : m.ast->params) if (check_dup(p.name, "param")) params.push_back(&p);
    for (const auto& s : m.ast->secrets) if (check_dup(s.name, "secret")) secrets.push_back(&s);
  }
  for (const auto* s : secrets) add_secret(*s, globals);
  for (const auto* p : params) add_param(*p, globals, false);
  params.clear();
  secrets.clear();
  std::map<std::string, Span> local;
  for (const auto& p : workflow.params) {
    auto [it, inserted] = local.emplace(p.name.name, p.name.span);
    if (!inserted) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, p.name.span, "param `" + p.name.name + "` is defined twice")
                      .also(it->second, "first defined here"));
      continue;
    }
    params.push_back(&p);
  }
  for (const auto& s : workflow.secrets) {
    auto [it, inserted] = local.emplace(s.name.name, s.name.span);
    if (!inserted) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, s.name.span, "secret `" + s.name.name + "` is defined twice")
                      .also(it->second, "first defined here"));
      continue;
    }
    secrets.push_back(&s);
  }
  for (const auto* s : secrets) add_secret(*s, globals);
  for (const auto* p : params) add_param(*p, globals, false);
}

std::vector<ir::Trigger> Analyzer::lower_triggers(const ast::Workflow& workflow, EvalContext& ctx) {
  std::vector<ir::Trigger> out;
  auto globs = [&](const ast::ExprPtr& expr, const char* what) {
    std::vector<std::string> list;
    if (!expr) return list;
    Typed t = eval_.eval_as(*expr, ir::Type::list_of(ir::TypeKind::String), ctx, what);
    if (!t.ok) return list;
    for (const auto& item : t.value.items) {
      if (!item.is_literal()) {
        diags_.emit(Diagnostic::make(DiagCode::E0204, item.span, std::string(what) + " must be literal patterns"));
        continue;
      }
      list.push_back(item.literal_text());
    }
    return list;
  };
  for (const auto& t : workflow.triggers) {
    ir::Trigger trigger;
    trigger.span = t.span;
    trigger.kind = t.kind == ast::Trigger::Kind::Push ? ir::Trigger::Kind::Push : ir::Trigger::Kind::Manual;
    trigger.branches = globs(t.branches, "branch filters");
    trigger.tags = globs(t.tags, "tag filters");
    trigger.any_branch = t.kind == ast::Trigger::Kind::Push && !t.branches && !t.tags;
    out.push_back(std::move(trigger));
  }
  return out;
}

ir::Workflow Analyzer::lower_workflow(const ast::Workflow& workflow) {
  ir::Workflow out;
  out.name = workflow.name.name;
  out.span = workflow.span;
  Globals globals;
  used_.clear();
  read_outputs_.clear();
  output_decls_.clear();
  globals.used = &used_;
  collect_globals(workflow, globals);
  globals_ = &globals;
  EvalContext ctx;
  ctx.globals = &globals;
  ctx.where = "workflow `" + workflow.name.name + "`";
  out.triggers = lower_triggers(workflow, ctx);
  lower_chains(workflow, out);
  for (const auto& [name, info] : globals.params) out.params.push_back(info.param);
  for (const auto& [name, info] : globals.secrets) out.secrets.push_back(info.secret);
  // Declaration order, then name: deterministic whatever the map order was.
  auto by_position = [](const auto& a, const auto& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.name < b.name;
  };
  std::stable_sort(out.params.begin(), out.params.end(), by_position);
  std::stable_sort(out.secrets.begin(), out.secrets.end(), by_position);
  report_unused(workflow, out);
  globals_ = nullptr;
  return out;
}

void Analyzer::report_unused(const ast::Workflow& workflow, const ir::Workflow& out) {
  for (const auto& p : out.params) {
    if (used_.count("param:" + p.name) || is_stdlib_file(p.span.file)) continue;
    diags_.emit(Diagnostic::make(DiagCode::W0101, p.span, "param `" + p.name + "` is never used")
                    .with_help("remove it, or use it in a step"));
  }
  for (const auto& s : out.secrets) {
    if (used_.count("secret:" + s.name) || is_stdlib_file(s.span.file)) continue;
    diags_.emit(Diagnostic::make(DiagCode::W0102, s.span, "secret `" + s.name + "` is never used")
                    .with_help("remove it, or inject it into a step with env { KEY = " + s.name + " }"));
  }
  for (const auto& p : workflow.pipelines) {
    if (used_.count("pipeline:" + p.name.name)) continue;
    diags_.emit(Diagnostic::make(DiagCode::W0103, p.name.span,
                                 "pipeline `" + p.name.name + "` is never used by workflow `" +
                                     workflow.name.name + "`")
                    .with_help("chain it, e.g. `" + p.name.name + "` or `other -> " + p.name.name + "`"));
  }
  for (const auto& [key, span] : output_decls_) {
    if (read_outputs_.count(key) || is_stdlib_file(span.file)) continue;
    diags_.emit(Diagnostic::make(DiagCode::W0104, span, "output `" + key + "` is never read")
                    .with_help("remove it, or read it from a later step"));
  }
}

}  // namespace sema
}  // namespace slipway
