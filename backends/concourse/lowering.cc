#include "backends/concourse/lowering.h"

#include "backends/concourse/interpolation.h"
#include "backends/concourse/text.h"
#include "compiler/ir/glob.h"

namespace slipway::backends::concourse {
namespace {

/// `--set concourse.repository=URI`, `concourse.branch=NAME`, `concourse.docker_image=IMAGE`
/// and `concourse.docker_config=SECRET`.
Settings read_settings(const ir::Workflow& workflow, const BackendOptions& options, Lowering& lowering) {
  Settings out;
  out.repository = "((repository))";
  for (const auto& [key, value] : options.settings) {
    if (key.rfind("concourse.", 0) != 0) continue;
    // Settings come from the command line: there is no source span to point at.
    if (key == "concourse.repository") {
      if (value.empty())
        lowering.error(DiagCode::E0560, Span{}, "`--set concourse.repository` is empty")
            .with_help("write e.g. concourse.repository=https://github.com/acme/app.git");
      out.repository = value;
    } else if (key == "concourse.branch") {
      if (value.empty() || has_var_opening(value) || value.find_first_of(" \t\n") != std::string::npos ||
          ir::has_wildcard(value))
        lowering.error(DiagCode::E0560, Span{}, "`--set concourse.branch` is not a branch name")
            .with_help("name one branch, e.g. concourse.branch=main; a Concourse git resource follows one branch");
      out.branch = value;
      out.branch_given = true;
    } else if (key == "concourse.docker_image") {
      if (value.empty() || has_var_opening(value) || value.find_first_of(" \t\n") != std::string::npos)
        lowering.error(DiagCode::E0560, Span{}, "`--set concourse.docker_image` is not an image reference")
            .with_help("name an image with docker and dockerd, e.g. concourse.docker_image=docker:29-dind");
      out.docker_image = value;
    } else if (key == "concourse.docker_config") {
      const ir::Secret* secret = workflow.find_secret(value);
      if (!secret || !secret->is_file)
        lowering.error(DiagCode::E0560, Span{}, "`--set concourse.docker_config` names no `file` secret of the workflow")
            .with_help("declare the registry credentials as `secret NAME: file` (a Docker config.json) and name it: "
                       "concourse.docker_config=NAME");
      out.docker_config = value;
    } else {
      lowering.error(DiagCode::E0560, Span{}, "unknown setting `" + key + "`")
          .with_help("Concourse takes concourse.repository, concourse.branch, concourse.docker_image and "
                     "concourse.docker_config");
    }
  }
  if (!out.branch_given) {
    // The first branch the push triggers name literally, else `main`.
    for (const auto& t : workflow.triggers)
      for (const auto& b : t.branches)
        if (out.branch.empty() && t.kind == ir::Trigger::Kind::Push && !ir::has_wildcard(b)) out.branch = b;
    if (out.branch.empty()) out.branch = "main";
  }
  return out;
}

}  // namespace

void Lowering::prepare() {
  settings = read_settings(workflow, options, *this);
  NameAllocator vars, dirs;
  dirs.reserve("source");
  dirs.reserve(kBuildIdName);
  vars.reserve(kBuildIdName);
  std::set<std::string> used_secrets;
  if (!settings.docker_config.empty() && workflow.find_secret(settings.docker_config))
    used_secrets.insert(settings.docker_config);
  for (const auto& inst : workflow.instances) {
    for (const auto& step : inst.steps) {
      for_each_value(step, [&](const ir::Value& v, Span) {
        for (const auto& r : v.refs()) {
          if (r.kind == ir::Ref::Kind::Secret) used_secrets.insert(r.name);
          if (r.kind != ir::Ref::Kind::Output) continue;
          std::string key = r.step + "." + r.name;
          if (outputs.count(key)) continue;
          if (!value_dirs.count(r.step)) value_dirs[r.step] = dirs.allocate("values-" + identifier(r.step, false));
          outputs[key] = {value_dirs[r.step], vars.allocate(identifier(r.step + "-" + r.name, false))};
        }
      });
    }
  }
  for (const auto& name : used_secrets) {
    const ir::Secret* secret = workflow.find_secret(name);
    std::string credential = name;
    Span at = secret ? secret->span : workflow.span;
    if (secret) {
      auto binding = secret->bindings.find("concourse");
      if (binding != secret->bindings.end()) {
        credential = binding->second.value;
        at = binding->second.span.valid() ? binding->second.span : at;
      }
    }
    if (!is_var_reference(credential)) {
      error(DiagCode::E0567, at, "secret `" + name + "` is bound to `" + credential +
                                     "`, which Concourse cannot read as a credential")
          .label("Concourse reads credentials as `((path))` or `((source:path))`")
          .with_help("bind a credential-manager path of letters, digits and `-_/.@`, e.g. concourse = \"ci/" + name +
                     "\"");
      continue;
    }
    credentials[name] = credential;
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

const OutputRoute* Lowering::route(const std::string& step, const std::string& output) const {
  auto it = outputs.find(step + "." + output);
  return it == outputs.end() ? nullptr : &it->second;
}

}  // namespace slipway::backends::concourse
