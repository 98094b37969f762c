#include "backends/wercker/lowering.h"

#include <regex>

#include "backends/wercker/context.h"

namespace slipway::backends::wercker {

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

std::optional<std::string> literal_text(const ir::Value& value) {
  if (value.parts.empty()) {
    switch (value.type.kind) {
      case ir::TypeKind::Int: return std::to_string(value.number);
      case ir::TypeKind::Bool: return std::string(value.boolean ? "true" : "false");
      // As interpolation prints it: whole seconds as `Ns`, else milliseconds.
      case ir::TypeKind::Duration:
        return value.number % 1000 == 0 ? std::to_string(value.number / 1000) + "s"
                                         : std::to_string(value.number) + "ms";
      default: break;
    }
  }
  if (!value.is_literal()) return std::nullopt;
  return value.literal_text();
}

std::string param_variable(const std::string& name) { return "SLIPWAY_PARAM_" + upper_ident(name); }

std::string output_variable(const std::string& step, const std::string& output) {
  return "SLIPWAY_IN_" + upper_ident(step) + "__" + upper_ident(output);
}

void Lowering::prepare() {
  std::set<std::string> used_secrets;
  auto note_refs = [&](const ir::Value& v) {
    for (const auto& r : v.refs()) {
      if (r.kind == ir::Ref::Kind::Secret) used_secrets.insert(r.name);
      if (r.kind == ir::Ref::Kind::Param) used_params.insert(r.name);
    }
  };
  std::map<std::string, Span> read_by_other;  // "step.output" read by a step other than its hooks
  for (const auto& inst : workflow.instances) {
    for (const auto& step : inst.steps) {
      for_each_value(step, [&](const ir::Value& v, Span) {
        note_refs(v);
        for (const auto& r : v.refs())
          if (r.kind == ir::Ref::Kind::Output && r.step != step.hook_of) read_by_other[r.step + "." + r.name];
      });
    }
  }
  // A default may read earlier params, which then need variables too.
  for (auto p = workflow.params.rbegin(); p != workflow.params.rend(); ++p)
    if (used_params.count(p->name) && p->default_value) note_refs(*p->default_value);

  for (const auto& inst : workflow.instances)
    for (const auto& step : inst.steps)
      for (const auto& o : step.outputs)
        if (o.type.kind == ir::TypeKind::Secret && read_by_other.count(step.id + "." + o.name))
          error(DiagCode::E0585, o.span,
                "secret output `" + o.name + "` of step `" + step.id + "` cannot travel to another Wercker pipeline")
              .label("Wercker passes values between pipelines in the output directory, which the CLI keeps on disk")
              .with_help("have the reading step fetch the secret itself: declare `secret NAME` and pass it in `env`");

  static const std::regex kShellName("^[A-Za-z_][A-Za-z0-9_]*$");
  for (const auto& s : workflow.secrets) {
    if (!used_secrets.count(s.name)) continue;
    SecretVariable v{s.name, upper_ident(s.name), s.is_file};
    Span at = s.span;
    auto binding = s.bindings.find("wercker");
    if (binding != s.bindings.end()) {
      v.variable = binding->second.value;
      if (binding->second.span.valid()) at = binding->second.span;
    }
    if (!std::regex_match(v.variable, kShellName) || v.variable.rfind("WERCKER_", 0) == 0 ||
        v.variable.rfind("SLIPWAY_", 0) == 0)
      error(DiagCode::E0588, at, "`" + v.variable + "` cannot name the Wercker environment variable of secret `" +
                                     s.name + "`")
          .label("the step's shell reads the secret as $NAME; WERCKER_* and SLIPWAY_* belong to the CLI and Slipway")
          .with_help("bind another name: secret " + s.name + " { wercker = \"" + upper_ident(s.name) + "_VALUE\" }");
    secrets.push_back(v);
  }
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

const SecretVariable* Lowering::find_secret(const std::string& name) const {
  for (const auto& s : secrets)
    if (s.secret == name) return &s;
  return nullptr;
}

std::string Lowering::variable_for(const ir::Ref& ref) const {
  switch (ref.kind) {
    case ir::Ref::Kind::Param: return param_variable(ref.name);
    case ir::Ref::Kind::Context: return std::string(context_variable(ref.context).variable);
    case ir::Ref::Kind::Output: return output_variable(ref.step, ref.name);
    case ir::Ref::Kind::Secret: {
      const SecretVariable* s = find_secret(ref.name);
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

}  // namespace slipway::backends::wercker
