// Workflow chains → pipeline instances. `a -> [b, c] -> d` makes b and c wait
// for a, and d for both. A bare name refers to an existing instance of that
// name; a use with arguments, an alias or modifiers makes a new instance.

#include <algorithm>

#include "compiler/sema/analyzer.h"

namespace slipway::sema {
namespace {

std::string sanitize(const std::string& text) {
  std::string out;
  for (char c : text) out += (isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out;
}

bool is_plain_reference(const ast::PipelineUse& use) {
  return !use.has_args && !use.alias && !use.when && !use.manual && !use.environment;
}

}  // namespace

std::map<std::string, PipelineRef> Analyzer::visible_pipelines(const ast::Workflow& workflow) {
  std::map<std::string, PipelineRef> out;
  std::map<std::string, Span> seen;
  auto add = [&](const ast::Pipeline& p, size_t module, bool shadow) {
    auto [it, inserted] = seen.emplace(p.name.name, p.name.span);
    if (!inserted && !shadow) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, p.name.span, "pipeline `" + p.name.name + "` is defined twice")
                      .also(it->second, "first defined here"));
      return;
    }
    it->second = p.name.span;
    out[p.name.name] = PipelineRef{&p, module};
  };
  for (size_t m = 0; m < modules_.modules.size(); ++m) {
    const auto& mod = modules_.modules[m];
    if (!mod.ast) continue;
    for (const auto& p : mod.ast->pipelines) add(p, m, false);
  }
  // Pipelines written inside the workflow shadow module-level ones.
  std::map<std::string, Span> local;
  for (const auto& p : workflow.pipelines) {
    auto [it, inserted] = local.emplace(p.name.name, p.name.span);
    if (!inserted) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, p.name.span, "pipeline `" + p.name.name + "` is defined twice")
                      .also(it->second, "first defined here"));
      continue;
    }
    add(p, 0, true);
  }
  return out;
}

bool Analyzer::bind_args(const std::vector<ast::Param>& params, const std::vector<ast::Arg>& args,
                         Span call_span, const std::string& callee, EvalContext& call_ctx,
                         EvalContext& default_ctx, std::map<std::string, Typed>& bound) {
  bool ok = true;
  std::map<std::string, const ast::Arg*> given;
  std::vector<std::string> names;
  for (const auto& p : params) names.push_back(p.name.name);
  for (const auto& a : args) {
    auto [it, inserted] = given.emplace(a.name.name, &a);
    if (!inserted) {
      diags_.emit(Diagnostic::make(DiagCode::E0108, a.name.span, "argument `" + a.name.name + "` is given twice")
                      .also(it->second->name.span, "first given here"));
      ok = false;
      continue;
    }
    if (std::find(names.begin(), names.end(), a.name.name) == names.end()) {
      auto d = Diagnostic::make(DiagCode::E0106, a.name.span,
                                callee + " has no parameter `" + a.name.name + "`");
      if (auto near = closest_match(a.name.name, names)) d.with_help("did you mean `" + *near + "`?");
      else if (!names.empty()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        d.note("its parameters are: " + list);
      }
      diags_.emit(std::move(d));
      ok = false;
    }
  }
  for (const auto& p : params) {
    ir::Type type = resolve_type(p.type, diags_);
    auto arg = given.find(p.name.name);
    if (arg == given.end()) {
      if (!p.default_value) {
        diags_.emit(Diagnostic::make(DiagCode::E0107, call_span,
                                     callee + " needs argument `" + p.name.name + "`")
                        .also(p.span, "declared here without a default")
                        .with_help("add `" + p.name.name + ": VALUE`"));
        ok = false;
        continue;
      }
      Typed t = eval_.eval_as(*p.default_value, type, default_ctx, "parameter `" + p.name.name + "`");
      if (!t.ok) { ok = false; continue; }
      bound[p.name.name] = t;
      continue;
    }
    const ast::Arg& a = *arg->second;
    // A value derived from a secret ("Bearer ${token}") is a secret too, so a
    // `secret` parameter takes any secret-derived string.
    bool secret_param = type.kind == ir::TypeKind::Secret;
    Typed t = secret_param ? eval_.eval(*a.value, call_ctx)
                           : eval_.eval_as(*a.value, type, call_ctx, "parameter `" + p.name.name + "`");
    if (t.ok && secret_param && t.secret && t.value.type.kind == ir::TypeKind::String)
      t.value.type = ir::Type::of(ir::TypeKind::Secret);
    if (!t.ok) { ok = false; continue; }
    if (t.secret && type.kind != ir::TypeKind::Secret) {
      auto d = Diagnostic::make(DiagCode::E0302, a.value->span,
                                "secret `" + t.secret->secret + "` is passed to parameter `" + p.name.name +
                                    "`, which is not a `secret`");
      d.label("this value is secret");
      d.also(p.span, "declared `" + ir::type_name(type) + "` here");
      for (const auto& via : t.secret->via) d.also(via.span, via.message);
      d.with_help("declare the parameter as `" + p.name.name + ": secret` so it can only reach env vars and files");
      diags_.emit(std::move(d));
      ok = false;
      continue;
    }
    if (type.kind == ir::TypeKind::Secret && !t.secret) {
      diags_.emit(Diagnostic::make(DiagCode::E0201, a.value->span,
                                   "parameter `" + p.name.name + "` takes a secret, found `" +
                                       ir::type_name(t.value.type) + "`")
                      .also(p.span, "declared `secret` here")
                      .with_help("declare `secret NAME` and pass it by name"));
      ok = false;
      continue;
    }
    if (t.secret) {
      t.secret->via.push_back({a.value->span, "secret `" + t.secret->secret + "` is passed to " + callee +
                                                 " here as `" + p.name.name + "`"});
    }
    bound[p.name.name] = t;
  }
  return ok;
}

void Analyzer::lower_chains(const ast::Workflow& workflow, ir::Workflow& out) {
  auto pipelines = visible_pipelines(workflow);
  std::map<std::string, Span> use_spans;
  EvalContext ctx;
  ctx.globals = globals_;
  ctx.where = "workflow `" + workflow.name.name + "`";

  auto instantiate = [&](const ast::PipelineUse& use) -> std::optional<std::string> {
    const std::string& pname = use.pipeline.name;
    if (is_plain_reference(use) && out.find_instance(pname)) return pname;
    auto found = pipelines.find(pname);
    if (found == pipelines.end()) {
      std::vector<std::string> names;
      for (const auto& [k, _] : pipelines) names.push_back(k);
      auto d = Diagnostic::make(DiagCode::E0103, use.pipeline.span, "unknown pipeline `" + pname + "`");
      if (auto near = closest_match(pname, names)) d.with_help("did you mean `" + *near + "`?");
      diags_.emit(std::move(d));
      return std::nullopt;
    }
    used_.insert("pipeline:" + pname);
    used_pipelines_.insert(found->second.decl);
    ir::Instance instance;
    instance.pipeline = pname;
    instance.span = use.span;
    // Environment and gate first: the instance name may come from the environment.
    std::optional<std::string> env_name;
    if (use.environment) {
      Typed name = eval_.eval_as(*use.environment, ir::Type::of(ir::TypeKind::String), ctx, "an environment name");
      if (name.ok && name.secret) {
        diags_.emit(Diagnostic::make(DiagCode::E0304, use.environment->span,
                                     "secret `" + name.secret->secret + "` would appear in an environment name")
                        .label("environment names are shown in the CI system's UI"));
      } else if (name.ok) {
        ir::Environment env{name.value, std::nullopt};
        if (name.value.is_literal()) env_name = name.value.literal_text();
        if (use.environment_url) {
          Typed url = eval_.eval_as(*use.environment_url, ir::Type::of(ir::TypeKind::String), ctx, "an environment url");
          if (url.ok && url.secret)
            diags_.emit(Diagnostic::make(DiagCode::E0304, use.environment_url->span,
                                         "secret `" + url.secret->secret + "` would appear in an environment url")
                            .label("environment urls are shown in the CI system's UI"));
          else if (url.ok) env.url = url.value;
        }
        instance.environment = env;
      }
    }
    if (use.alias) instance.name = use.alias->name;
    else if (env_name && use.has_args) instance.name = pname + "_" + sanitize(*env_name);
    else instance.name = pname;
    if (out.find_instance(instance.name)) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, use.span,
                                   "pipeline instance `" + instance.name + "` is defined twice")
                      .also(use_spans[instance.name], "first defined here")
                      .with_help("name this use: `" + pname + "(...) as OTHER_NAME`"));
      return std::nullopt;
    }
    use_spans[instance.name] = use.span;
    if (use.when) {
      if (auto cond = lower_condition(*use.when, ctx)) instance.when = *cond;
    }
    if (use.manual) {
      ir::Gate gate{instance.name, "", use.manual->keyword};
      if (use.manual->message) {
        if (auto text = eval_.eval_literal_string(*use.manual->message, ctx, "a gate message")) gate.message = *text;
      }
      if (gate.message.empty()) gate.message = "run pipeline `" + instance.name + "`?";
      instance.manual = gate;
    }
    // Arguments: evaluated in the workflow; defaults in the pipeline's own scope.
    std::map<std::string, Typed> args;
    EvalContext default_ctx;
    default_ctx.globals = globals_;
    if (!bind_args(found->second.decl->params, use.args, use.span, "pipeline `" + pname + "`", ctx,
                   default_ctx, args)) {
      return std::nullopt;
    }
    for (const auto& p : found->second.decl->params) {
      auto a = args.find(p.name.name);
      if (a != args.end()) instance.args.emplace_back(p.name.name, a->second.value);
    }
    lower_instance(pname, found->second.decl->steps, found->second.module, instance, std::move(args));
    out.instances.push_back(std::move(instance));
    return out.instances.back().name;
  };

  // Steps written directly in the workflow: its own pipeline, run first.
  if (!workflow.steps.empty()) {
    ir::Instance instance;
    instance.name = workflow.name.name;
    instance.pipeline = workflow.name.name;
    instance.span = workflow.name.span;
    use_spans[instance.name] = workflow.name.span;
    lower_instance(workflow.name.name, workflow.steps, 0, instance, {});
    out.instances.push_back(std::move(instance));
  }
  for (const auto& chain : workflow.chains) {
    std::vector<std::string> previous;
    for (const auto& stage : chain.stages) {
      std::vector<std::string> current;
      for (const auto& use : stage) {
        auto name = instantiate(use);
        if (!name) continue;
        ir::Instance* inst = nullptr;
        for (auto& i : out.instances) if (i.name == *name) inst = &i;
        for (const auto& up : previous) {
          if (up == *name) {
            diags_.emit(Diagnostic::make(DiagCode::E0403, use.span, "pipeline `" + up + "` is chained after itself"));
            continue;
          }
          if (std::find(inst->upstream.begin(), inst->upstream.end(), up) == inst->upstream.end())
            inst->upstream.push_back(up);
        }
        current.push_back(*name);
      }
      previous = std::move(current);
    }
  }
  // A workflow without chains runs each of its own parameterless pipelines.
  if (workflow.chains.empty()) {
    for (const auto& p : workflow.pipelines) {
      if (!p.params.empty()) continue;
      ast::PipelineUse use;
      use.pipeline = p.name;
      use.span = p.name.span;
      instantiate(use);
    }
  }
  check_instance_graph(out, use_spans);
}

void Analyzer::lower_instance(const std::string& pipeline_name, const std::vector<ast::StepDecl>& steps,
                              size_t module, ir::Instance& instance, std::map<std::string, Typed> args) {
  // Phase 1: the outputs of every step, so any step may read any other.
  std::map<std::string, StepShape> shapes;
  for (const auto& step : steps) {
    StepShape shape;
    shape.id = instance.name + "." + step.name.name;
    shape.decl = step.name.span;
    shape.outputs = step_outputs(step, module);
    auto [it, inserted] = shapes.emplace(step.name.name, shape);
    if (!inserted) {
      diags_.emit(Diagnostic::make(DiagCode::E0104, step.name.span,
                                   "step `" + step.name.name + "` is defined twice in pipeline `" + pipeline_name + "`")
                      .also(it->second.decl, "first defined here"));
    }
  }
  EvalContext ctx;
  ctx.args = &args;
  ctx.steps = &shapes;
  ctx.globals = globals_;
  ctx.where = "pipeline `" + pipeline_name + "`";
  edge_causes_.clear();
  std::set<std::string> done;
  for (const auto& step : steps) {
    if (!done.insert(step.name.name).second) continue;
    lower_step(step, module, instance.name, ctx, instance, ir::HookKind::None, "");
  }
  check_step_graph(instance);
}

}  // namespace slipway::sema
