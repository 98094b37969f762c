#include "backends/concourse/text.h"

#include <algorithm>

namespace slipway::backends::concourse {
namespace {

void append(Text& text, Piece piece) {
  if (!piece.variable && piece.text.empty()) return;
  if (!piece.variable && !text.pieces.empty() && !text.pieces.back().variable) {
    text.pieces.back().text += piece.text;
    return;
  }
  text.pieces.push_back(std::move(piece));
}

void compose_into(Text& out, const ir::Value& value, const ir::Step& reader, const SourceFacts& source,
                  Lowering& lowering, Needs& needs, Span at, int depth) {
  if (auto scalar = scalar_text(value)) {
    append(out, {false, *scalar});
    return;
  }
  for (const auto& part : value.parts) {
    if (!part.ref) {
      append(out, {false, part.text});
      continue;
    }
    const ir::Ref& ref = *part.ref;
    switch (ref.kind) {
      case ir::Ref::Kind::Param: {
        const ir::Param* param = lowering.workflow.find_param(ref.name);
        // Concourse builds take no parameters: a param's value is fixed
        // when the pipeline is compiled (its default, or `-p NAME=VALUE`).
        if (param && param->default_value && depth < 32) {
          compose_into(out, *param->default_value, reader, source, lowering, needs, at, depth + 1);
          break;
        }
        std::string variable = "SLIPWAY_PARAM_" + upper_ident(ref.name);
        needs.add_param(variable, "((" + ref.name + "))");
        lowering.static_vars.insert(ref.name);
        append(out, {true, variable});
        break;
      }
      case ir::Ref::Kind::Context:
        switch (ref.context) {
          case ir::ContextKey::GitBranch: append(out, {false, source.branch}); break;
          case ir::ContextKey::GitTag:
            if (!source.tag_resource) break;  // a branch build has no tag
            needs.tag = true;
            append(out, {true, kTagVariable});
            break;
          case ir::ContextKey::GitSha:
            needs.sha = true;
            append(out, {true, kShaVariable});
            break;
          case ir::ContextKey::GitShortSha:
            needs.sha = true;
            append(out, {true, kShortShaVariable});
            break;
          case ir::ContextKey::BuildId:
            needs.add_param(kBuildIdVariable, std::string("((.:") + Lowering::kBuildIdName + "))");
            append(out, {true, kBuildIdVariable});
            break;
          case ir::ContextKey::BuildNumber: {
            bool seen = std::any_of(lowering.diagnostics.begin(), lowering.diagnostics.end(), [&](const Diagnostic& d) {
              return d.code == DiagCode::E0563 && d.primary.begin.line == at.begin.line &&
                     d.primary.begin.col == at.begin.col;
            });
            if (!seen)
              lowering.error(DiagCode::E0563, at, "`build.number` has no value in a Concourse task")
                  .label("Concourse gives build numbers to resources only, never to tasks")
                  .with_help("use `build.id`, a unique id per build on every target (on Concourse, drawn at the "
                             "start of the job)");
            break;
          }
        }
        break;
      case ir::Ref::Kind::Output: {
        std::string variable = "SLIPWAY_OUT_" + upper_ident(ref.step + "_" + ref.name);
        const OutputRoute* route = lowering.route(ref.step, ref.name);
        if (!route) break;
        if (reader.is_hook() && reader.hook_of == ref.step) {
          // The hooked step may have failed before `load_var` ran: a hook reads
          // the file the step wrote into its values directory.
          needs.hook_reads.push_back({variable, route->directory + "/" + ref.name});
          if (std::find(needs.hook_inputs.begin(), needs.hook_inputs.end(), route->directory) == needs.hook_inputs.end())
            needs.hook_inputs.push_back(route->directory);
        } else {
          needs.add_param(variable, "((.:" + route->var + "))");
        }
        append(out, {true, variable});
        break;
      }
      case ir::Ref::Kind::Secret: {
        std::string variable = "SLIPWAY_SECRET_" + upper_ident(ref.name);
        auto credential = lowering.credentials.find(ref.name);
        needs.add_param(variable, "((" + (credential == lowering.credentials.end() ? ref.name : credential->second) + "))");
        if (std::find(needs.secret_variables.begin(), needs.secret_variables.end(), variable) == needs.secret_variables.end())
          needs.secret_variables.push_back(variable);
        append(out, {true, variable});
        break;
      }
    }
  }
}

}  // namespace

void Needs::add_param(const std::string& variable, const std::string& reference) {
  for (const auto& [v, _] : step_params)
    if (v == variable) return;
  step_params.push_back({variable, reference});
}

bool Text::literal() const {
  return std::none_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.variable; });
}

std::string Text::literal_text() const {
  std::string out;
  for (const auto& p : pieces) out += p.text;
  return out;
}

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
  }
}

std::optional<std::string> scalar_text(const ir::Value& value) {
  if (!value.parts.empty()) return std::nullopt;
  switch (value.type.kind) {
    case ir::TypeKind::Int: return std::to_string(value.number);
    case ir::TypeKind::Bool: return std::string(value.boolean ? "true" : "false");
    case ir::TypeKind::Duration:
      return value.number % 1000 == 0 ? std::to_string(value.number / 1000) + "s" : std::to_string(value.number) + "ms";
    default: return std::nullopt;
  }
}

Text compose(const ir::Value& value, const ir::Step& reader, const SourceFacts& source, Lowering& lowering,
             Needs& needs, Span at) {
  Text out;
  compose_into(out, value, reader, source, lowering, needs, at, 0);
  return out;
}

}  // namespace slipway::backends::concourse
