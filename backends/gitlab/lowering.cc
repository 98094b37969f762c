#include "backends/gitlab/lowering.h"

#include "backends/gitlab/context.h"

namespace slipway::backends::gitlab {

void for_each_value(const ir::Step& step, const std::function<void(const ir::Value&, Span)>& visit) {
  Span decl = step.provenance.decl;
  auto at = [&](const ir::Value& v) { return v.span.valid() ? v.span : decl; };
  visit(step.image, at(step.image));
  for (const auto& a : step.argv) visit(a, at(a));
  for (const auto& e : step.entrypoint) visit(e, at(e));
  if (step.workdir) visit(*step.workdir, at(*step.workdir));
  for (const auto& e : step.env) visit(e.value, e.span.valid() ? e.span : decl);
  for (const auto& f : step.files) visit(f.value, f.span.valid() ? f.span : decl);
  for (const auto& s : step.services) {
    visit(s.image, at(s.image));
    for (const auto& c : s.command) visit(c, at(c));
    for (const auto& e : s.env) visit(e.value, e.span.valid() ? e.span : s.span);
    for (const auto& c : s.ready.command) visit(c, at(c));
  }
}

void Lowering::prepare() {
  NameAllocator vars;
  vars.reserve("SLIPWAY_OUTPUTS");
  std::set<std::string> used_secrets;
  std::set<std::string> read;  // "step.output"
  for (const auto& inst : workflow.instances) {
    if (inst.environment) {
      std::vector<ir::Ref> refs = inst.environment->name.refs();
      if (inst.environment->url)
        for (auto& r : inst.environment->url->refs()) refs.push_back(r);
      for (const auto& r : refs)
        if (r.kind == ir::Ref::Kind::Param) used_params.insert(r.name);
    }
    for (const auto& step : inst.steps) {
      for (const auto& e : step.env) vars.reserve(e.name);
      for (const auto& s : step.services)
        for (const auto& e : s.env) vars.reserve(e.name);
      for_each_value(step, [&](const ir::Value& v, Span) {
        for (const auto& r : v.refs()) {
          if (r.kind == ir::Ref::Kind::Secret) used_secrets.insert(r.name);
          if (r.kind == ir::Ref::Kind::Param) used_params.insert(r.name);
          if (r.kind == ir::Ref::Kind::Output) read.insert(r.step + "." + r.name);
        }
      });
    }
  }
  // A default may read earlier params, which then need variables too.
  for (auto p = workflow.params.rbegin(); p != workflow.params.rend(); ++p)
    if (used_params.count(p->name) && p->default_value)
      for (const auto& r : p->default_value->refs())
        if (r.kind == ir::Ref::Kind::Param) used_params.insert(r.name);
  for (const auto& p : workflow.params)
    if (used_params.count(p.name)) param_vars[p.name] = vars.allocate("SLIPWAY_PARAM_" + upper_ident(p.name));
  for (const auto& inst : workflow.instances) {
    for (const auto& step : inst.steps) {
      for (const auto& o : step.outputs) {
        std::string key = step.id + "." + o.name;
        if (!read.count(key)) continue;
        if (o.type.kind == ir::TypeKind::Secret) {
          error(DiagCode::E0541, o.span, "secret output `" + o.name + "` of step `" + step.id +
                                             "` cannot travel to another job on GitLab CI")
              .label("GitLab passes values between jobs in a dotenv report, which pipeline readers can download")
              .with_help("have the reading step fetch the secret itself: declare `secret NAME` and pass it in `env`");
          continue;
        }
        output_vars[key] = vars.allocate("SLIPWAY_OUT_" + upper_ident(step.id) + "_" + upper_ident(o.name));
      }
    }
  }
  secrets.build(workflow, used_secrets, diagnostics);
}

Diagnostic& Lowering::error(DiagCode code, Span at, std::string message) {
  diagnostics.push_back(Diagnostic::make(code, at, std::move(message)));
  return diagnostics.back();
}

bool Lowering::failed() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

std::string Lowering::variable_for(const ir::Ref& ref) const {
  switch (ref.kind) {
    case ir::Ref::Kind::Param: {
      auto it = param_vars.find(ref.name);
      return it == param_vars.end() ? "SLIPWAY_PARAM_" + upper_ident(ref.name) : it->second;
    }
    case ir::Ref::Kind::Context: return std::string(context_variable(ref.context).variable);
    case ir::Ref::Kind::Output: return output_var(ref.step, ref.name);
    case ir::Ref::Kind::Secret: {
      const SecretVariable* s = secrets.find(ref.name);
      return s ? s->variable : upper_ident(ref.name);
    }
  }
  return "";
}

const ir::Step* Lowering::find_step(const std::string& id) const {
  for (const auto& inst : workflow.instances)
    if (const ir::Step* s = inst.find_step(id)) return s;
  return nullptr;
}

const ir::Instance* Lowering::instance_of(const std::string& step_id) const {
  for (const auto& inst : workflow.instances)
    if (inst.find_step(step_id)) return &inst;
  return nullptr;
}

std::string Lowering::output_var(const std::string& step, const std::string& output) const {
  auto it = output_vars.find(step + "." + output);
  return it == output_vars.end() ? "" : it->second;
}

}  // namespace slipway::backends::gitlab
