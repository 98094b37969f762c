#include "backends/wercker/services.h"

#include <algorithm>

#include "backends/wercker/context.h"
#include "backends/wercker/shell.h"

namespace slipway::backends::wercker {
namespace {

Span at(const ir::Value& v, Span fallback) { return v.span.valid() ? v.span : fallback; }

/// The box text of `value`: literal text, a param's compile-time value, or
/// `${VARIABLE}` for context the CLI sets itself (it expands `$VAR` in box
/// ids and tags). Sets `problem` for anything else.
std::string box_text(const ir::Value& value, Lowering& lowering, std::string& problem, int depth = 0) {
  if (auto text = literal_text(value)) {
    if (text->find('$') != std::string::npos) problem = "holds `$`, which the CLI would expand";
    return *text;
  }
  std::string out;
  for (const auto& part : value.parts) {
    if (!part.ref) {
      if (part.text.find('$') != std::string::npos) problem = "holds `$`, which the CLI would expand";
      out += part.text;
      continue;
    }
    const ir::Ref& ref = *part.ref;
    if (ref.kind == ir::Ref::Kind::Param) {
      const ir::Param* param = lowering.workflow.find_param(ref.name);
      if (param && param->default_value && depth < 16) {
        lowering.box_params.insert(ref.name);
        out += box_text(*param->default_value, lowering, problem, depth + 1);
      } else problem = "reads param `" + ref.name + "`, which has no value when compiling";
    } else if (ref.kind == ir::Ref::Kind::Context && context_variable(ref.context).derive.empty()) {
      out += "${" + std::string(context_variable(ref.context).variable) + "}";
    } else {
      problem = "is computed by the steps when the workflow runs";
    }
  }
  return out;
}

/// An image the CLI can pull; "" (with E0582) otherwise.
std::string image_text(const ir::Value& image, const std::string& what, Span fallback, Lowering& lowering) {
  std::string problem;
  std::string text = box_text(image, lowering, problem);
  if (problem.empty() && text.find('@') != std::string::npos)
    problem = "is pinned by digest, and the CLI rejects `@` in a box id";
  // The CLI splits the id at every `:` and takes the second piece as the tag.
  if (problem.empty() && std::count(text.begin(), text.end(), ':') > 1)
    problem = "names a registry port, and the CLI reads everything after the first `:` as the tag";
  if (problem.empty()) return text;
  lowering.error(DiagCode::E0582, at(image, fallback), "the image of " + what + " " + problem + ", so Wercker cannot use it as a box")
      .label("the CLI pulls every box and service before the pipeline's first step")
      .with_help("name the image by repository and tag, e.g. \"alpine:3.20\"; a param's default and git.sha, "
                 "git.branch, git.tag, build.id or build.number may be part of it");
  return "";
}

}  // namespace

std::string box_for(const ir::Step& step, Lowering& lowering) {
  return image_text(step.image, "step `" + step.id + "`", step.provenance.decl, lowering);
}

std::vector<Service> lower_services(const ir::Step& step, Lowering& lowering) {
  std::vector<Service> out;
  for (const auto& s : step.services) {
    Service service;
    service.name = s.alias;
    service.id = image_text(s.image, "service `" + s.alias + "`", s.span, lowering);
    auto reject = [&](const ir::Value& v, const std::string& field) {
      lowering.error(DiagCode::E0586, at(v, s.span),
                     field + " of service `" + s.alias + "` reads a value Wercker cannot supply before the pipeline starts")
          .label("the CLI starts services before any step, from literal text and host variables only")
          .with_help("write the value literally, or pass a secret (it reaches the service as $VARIABLE)");
    };
    for (const auto& c : s.command) {
      auto text = literal_text(c);
      if (!text) {
        reject(c, "the command");
        continue;
      }
      service.cmd += (service.cmd.empty() ? "" : " ") + shell_quote(*text);
    }
    for (const auto& e : s.env) {
      if (auto text = literal_text(e.value)) {
        if (text->find('$') != std::string::npos) reject(e.value, "env `" + e.name + "`");
        else service.env.push_back({e.name, *text});
        continue;
      }
      const auto& parts = e.value.parts;
      bool one_secret = parts.size() == 1 && parts[0].ref && parts[0].ref->kind == ir::Ref::Kind::Secret;
      if (!one_secret) {
        reject(e.value, "env `" + e.name + "`");
        continue;
      }
      service.env.push_back({e.name, "$" + lowering.variable_for(*parts[0].ref)});
    }
    if (s.ready.kind == ir::Readiness::Kind::Command) {
      Span where = s.ready.command.empty() ? s.span : at(s.ready.command.front(), s.span);
      lowering.error(DiagCode::E0587, where, "Wercker cannot run the health command of service `" + s.alias + "`")
          .label("the command would have to run in the service's container, which steps cannot enter")
          .with_help("wait for a port instead: ready PORT");
    }
    out.push_back(std::move(service));
  }
  return out;
}

}  // namespace slipway::backends::wercker
