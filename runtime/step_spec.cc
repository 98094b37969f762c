#include "runtime/step_spec.h"

namespace slipway::runtime {
namespace {

std::string scalar(const ir::Value& v) {
  switch (v.type.kind) {
    case ir::TypeKind::Int: return std::to_string(v.number);
    case ir::TypeKind::Bool: return v.boolean ? "true" : "false";
    case ir::TypeKind::Duration:
      return v.number % 1000 == 0 ? std::to_string(v.number / 1000) + "s" : std::to_string(v.number) + "ms";
    default: return "";
  }
}

Result<std::string, RunError> resolve_ref(const ir::Ref& ref, const ValueScope& scope, int depth) {
  switch (ref.kind) {
    case ir::Ref::Kind::Param: {
      const ir::Param* p = scope.workflow ? scope.workflow->find_param(ref.name) : nullptr;
      if (!p || !p->default_value)
        return fail(RunError{"param `" + ref.name + "` has no value", "pass -p " + ref.name + "=VALUE"});
      if (depth > 16) return fail(RunError{"param `" + ref.name + "` refers to itself", ""});
      const ir::Value& v = *p->default_value;
      if (v.parts.empty() && v.items.empty() && v.type.kind != ir::TypeKind::String) return scalar(v);
      std::string out;
      for (const auto& part : v.parts) {
        if (!part.ref) {
          out += part.text;
          continue;
        }
        auto r = resolve_ref(*part.ref, scope, depth + 1);
        if (!r) return r;
        out += r.value();
      }
      return out;
    }
    case ir::Ref::Kind::Output: {
      if (scope.outputs)
        if (auto step = scope.outputs->find(ref.step); step != scope.outputs->end())
          if (auto v = step->second.find(ref.name); v != step->second.end()) return v->second;
      return fail(RunError{"output `" + ref.step + "." + ref.name + "` is not available: `" + ref.step +
                               "` did not produce it",
                           ""});
    }
    case ir::Ref::Kind::Context: return context_value(ref.context, *scope.git, *scope.run);
    case ir::Ref::Kind::Secret: {
      if (scope.secrets)
        if (const std::string* v = scope.secrets->find(ref.name)) return *v;
      if (scope.placeholder_secrets) return std::string("***");
      return fail(RunError{"secret `" + ref.name + "` has no local value", ""});
    }
  }
  return std::string();
}

Result<std::vector<std::string>, RunError> resolve_list(const std::vector<ir::Value>& values, const ValueScope& scope) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    auto text = resolve_text(v, scope);
    if (!text) return fail(text.error());
    out.push_back(std::move(text.value()));
  }
  return out;
}

/// Splits env vars: secret-bearing ones never go into the container config.
Result<Ok, RunError> resolve_env(const std::vector<ir::EnvVar>& vars, const ValueScope& scope, EnvList& plain,
                                 EnvList& secret) {
  for (const auto& e : vars) {
    auto text = resolve_text(e.value, scope);
    if (!text) return fail(text.error());
    (e.secret || carries_secret(e.value) ? secret : plain).emplace_back(e.name, std::move(text.value()));
  }
  return Ok{};
}

}  // namespace

bool carries_secret(const ir::Value& value) {
  if (value.type.kind == ir::TypeKind::Secret) return true;
  for (const auto& r : value.refs())
    if (r.kind == ir::Ref::Kind::Secret) return true;
  return false;
}

Result<std::string, RunError> resolve_text(const ir::Value& value, const ValueScope& scope) {
  if (value.parts.empty() && value.type.kind != ir::TypeKind::String && value.type.kind != ir::TypeKind::Secret)
    return scalar(value);
  std::string out;
  for (const auto& part : value.parts) {
    if (!part.ref) {
      out += part.text;
      continue;
    }
    auto r = resolve_ref(*part.ref, scope, 0);
    if (!r) return r;
    out += r.value();
  }
  return out;
}

Result<StepSpec, RunError> build_step_spec(const ir::Step& step, int attempt, const ValueScope& scope) {
  StepSpec spec;
  spec.id = step.id;
  spec.attempt = attempt;
  auto image = resolve_text(step.image, scope);
  if (!image) return fail(image.error());
  spec.image = image.value();
  auto entrypoint = resolve_list(step.entrypoint, scope);
  if (!entrypoint) return fail(entrypoint.error());
  switch (step.run_kind) {
    case ir::RunKind::Script: {
      std::vector<std::string> ep = entrypoint->empty() ? std::vector<std::string>{"sh"} : entrypoint.value();
      spec.entrypoint = ep;
      // `entrypoint ["/bin/sh", "-c"]` takes the script itself; `entrypoint "sh"` needs -c.
      spec.cmd = ep.back() == "-c" ? std::vector<std::string>{step.script}
                                   : std::vector<std::string>{"-c", step.script};
      break;
    }
    case ir::RunKind::Argv: {
      auto argv = resolve_list(step.argv, scope);
      if (!argv) return fail(argv.error());
      if (!entrypoint->empty()) spec.entrypoint = entrypoint.value();
      spec.cmd = argv.value();
      break;
    }
    case ir::RunKind::None:
      if (!entrypoint->empty()) spec.entrypoint = entrypoint.value();
      break;
  }
  if (auto r = resolve_env(step.env, scope, spec.env, spec.secret_env); !r) return fail(r.error());
  for (const auto& f : step.files) {
    auto content = resolve_text(f.value, scope);
    if (!content) return fail(content.error());
    spec.files.push_back({f.path, content.value(), f.secret || carries_secret(f.value)});
  }
  spec.workdir = "/workspace";
  if (step.workdir) {
    auto wd = resolve_text(*step.workdir, scope);
    if (!wd) return fail(wd.error());
    if (!wd->empty()) spec.workdir = (*wd)[0] == '/' ? wd.value() : "/workspace/" + wd.value();
  }
  for (const auto& svc : step.services) {
    ServiceSpec s;
    s.alias = svc.alias;
    auto svc_image = resolve_text(svc.image, scope);
    if (!svc_image) return fail(svc_image.error());
    s.image = svc_image.value();
    auto command = resolve_list(svc.command, scope);
    if (!command) return fail(command.error());
    s.command = command.value();
    if (auto r = resolve_env(svc.env, scope, s.env, s.secret_env); !r) return fail(r.error());
    if (svc.ready.kind == ir::Readiness::Kind::TcpPort) {
      s.ready = ServiceSpec::Ready::TcpPort;
      s.port = static_cast<int>(svc.ready.port);
    } else if (svc.ready.kind == ir::Readiness::Kind::Command) {
      s.ready = ServiceSpec::Ready::Command;
      auto cmd = resolve_list(svc.ready.command, scope);
      if (!cmd) return fail(cmd.error());
      s.ready_command = cmd.value();
    }
    spec.services.push_back(std::move(s));
  }
  for (const auto& o : step.outputs) spec.outputs.emplace_back(o.name, ir::type_name(o.type));
  return spec;
}

}  // namespace slipway::runtime
