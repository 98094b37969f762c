#include "backends/gitlab/values.h"

#include "backends/gitlab/context.h"
#include "backends/gitlab/shell.h"

namespace slipway::backends::gitlab {

std::optional<std::string> literal_text(const ir::Value& value) {
  switch (value.type.kind) {
    case ir::TypeKind::Int:
      if (value.parts.empty()) return std::to_string(value.number);
      break;
    case ir::TypeKind::Bool:
      if (value.parts.empty()) return std::string(value.boolean ? "true" : "false");
      break;
    case ir::TypeKind::Duration:
      // As interpolation prints it: whole seconds as `Ns`, else milliseconds.
      if (value.parts.empty())
        return value.number % 1000 == 0 ? std::to_string(value.number / 1000) + "s"
                                         : std::to_string(value.number) + "ms";
      break;
    default: break;
  }
  if (!value.is_literal()) return std::nullopt;
  return value.literal_text();
}

std::string shell_word(const ir::Value& value, const Lowering& lowering) {
  if (auto text = literal_text(value)) return shell_quote(*text);
  std::string out;
  for (const auto& part : value.parts) {
    if (!part.ref) {
      if (!part.text.empty()) out += shell_quote(part.text);
      continue;
    }
    std::string var = lowering.variable_for(*part.ref);
    const SecretVariable* secret =
        part.ref->kind == ir::Ref::Kind::Secret ? lowering.secrets.find(part.ref->name) : nullptr;
    if (secret && secret->file) out += "\"$(cat " + shell_var(var) + ")\"";
    else out += shell_var(var);
  }
  return out.empty() ? "''" : out;
}

ExpandedText expanded_text(const ir::Value& value, const Lowering& lowering) {
  ExpandedText out;
  if (auto text = literal_text(value)) {
    out.text = *text;
    out.literal_dollar = text->find('$') != std::string::npos;
    return out;
  }
  for (size_t i = 0; i < value.parts.size(); ++i) {
    const auto& part = value.parts[i];
    if (!part.ref) {
      out.text += part.text;
      out.literal_dollar |= part.text.find('$') != std::string::npos;
      continue;
    }
    const ir::Ref& ref = *part.ref;
    out.reads_output |= ref.kind == ir::Ref::Kind::Output;
    out.reads_secret |= ref.kind == ir::Ref::Kind::Secret;
    if (ref.kind == ir::Ref::Kind::Context) out.reads_runner_only |= !context_variable(ref.context).known_to_gitlab;
    // `$NAME` unless a name character follows: the environment url schema
    // accepts `$NAME...` but not `${NAME}...` at the start.
    std::string var = lowering.variable_for(ref);
    bool glued = i + 1 < value.parts.size() && !value.parts[i + 1].ref && !value.parts[i + 1].text.empty() &&
                 (isalnum(static_cast<unsigned char>(value.parts[i + 1].text[0])) || value.parts[i + 1].text[0] == '_');
    out.text += glued ? "${" + var + "}" : "$" + var;
  }
  return out;
}

}  // namespace slipway::backends::gitlab
