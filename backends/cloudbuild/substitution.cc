#include "backends/cloudbuild/substitution.h"

#include <cctype>
#include <map>

namespace slipway::backends::cloudbuild {
namespace {

/// The one table from the built-in context to Cloud Build substitutions.
struct ContextMapping {
  ir::ContextKey key;
  const char* builtin;  ///< nullptr: no Cloud Build equivalent
  const char* chained;  ///< in a build started by a chain step
};
constexpr ContextMapping kContext[] = {
    {ir::ContextKey::GitSha, "COMMIT_SHA", "COMMIT_SHA"},
    {ir::ContextKey::GitShortSha, "SHORT_SHA", "SHORT_SHA"},
    {ir::ContextKey::GitBranch, "BRANCH_NAME", "_SLIPWAY_GIT_BRANCH"},
    {ir::ContextKey::GitTag, "TAG_NAME", "_SLIPWAY_GIT_TAG"},
    {ir::ContextKey::BuildId, "BUILD_ID", "BUILD_ID"},
    {ir::ContextKey::BuildNumber, nullptr, nullptr},
};

/// As the runtime prints durations: whole seconds, else milliseconds.
std::string duration_text(int64_t ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

}  // namespace

std::string escape_dollars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '$') out += "$$";
    else out += c;
  }
  return out;
}

std::string param_substitution(const std::string& param) {
  std::string out = "_";
  for (char c : param) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> context_substitution(ir::ContextKey key, bool chained) {
  for (const auto& m : kContext) {
    if (m.key != key) continue;
    if (!m.builtin) return std::nullopt;
    return std::string(chained ? m.chained : m.builtin);
  }
  return std::nullopt;
}

bool is_reserved_substitution(const std::string& name) {
  return name.rfind("_SLIPWAY_", 0) == 0 || name == "_SLIPWAY";
}

std::string param_default_text(const ir::Param& param) {
  if (!param.default_value) return "";
  const ir::Value& v = *param.default_value;
  switch (v.type.kind) {
    case ir::TypeKind::Int: return std::to_string(v.number);
    case ir::TypeKind::Bool: return v.boolean ? "true" : "false";
    case ir::TypeKind::Duration: return duration_text(v.number);
    default: return v.literal_text();
  }
}

void check_param_names(const ir::Workflow& workflow, std::vector<Diagnostic>& diags) {
  std::map<std::string, const ir::Param*> seen;
  for (const auto& p : workflow.params) {
    std::string sub = param_substitution(p.name);
    if (is_reserved_substitution(sub)) {
      diags.push_back(Diagnostic::make(DiagCode::E0528, p.span,
                                       "param `" + p.name + "` would become Cloud Build substitution `" + sub +
                                           "`, which Slipway reserves")
                          .with_help("rename the param"));
      continue;
    }
    if (sub.size() > 100) {
      diags.push_back(Diagnostic::make(DiagCode::E0528, p.span,
                                       "param `" + p.name + "` is too long for a Cloud Build substitution")
                          .note("substitution keys are at most 100 bytes")
                          .with_help("use a shorter name"));
      continue;
    }
    auto [it, inserted] = seen.emplace(sub, &p);
    if (!inserted)
      diags.push_back(Diagnostic::make(DiagCode::E0528, p.span,
                                       "params `" + it->second->name + "` and `" + p.name +
                                           "` both become Cloud Build substitution `" + sub + "`")
                          .also(it->second->span, "this param has the same substitution")
                          .note("Cloud Build substitutions are upper case: `_[A-Z0-9_]+`")
                          .with_help("rename one of them"));
  }
}

Substituter::Substituter(const ir::Workflow& workflow, bool chained, std::vector<Diagnostic>& diags)
    : workflow_(workflow), chained_(chained), diags_(diags) {}

std::string Substituter::part(const ir::Part& part, Span at) {
  if (!part.ref) return escape_dollars(part.text);
  const ir::Ref& ref = *part.ref;
  switch (ref.kind) {
    case ir::Ref::Kind::Param:
      params_.insert(ref.name);
      return "${" + param_substitution(ref.name) + "}";
    case ir::Ref::Kind::Context: {
      auto name = context_substitution(ref.context, chained_);
      if (!name) {
        if (reported_.insert({at.begin.line, at.begin.col}).second)
          diags_.push_back(Diagnostic::make(DiagCode::E0522, at, "Cloud Build has no build number")
                               .label("`build.number` is read here")
                               .note("a Cloud Build build has a unique id ($BUILD_ID) but no counter")
                               .with_help("use `build.id` (a unique string) instead"));
        return "";
      }
      if (name->front() == '_') chain_context_.insert(*name);
      return "${" + *name + "}";
    }
    case ir::Ref::Kind::Output:
    case ir::Ref::Kind::Secret:
      break;
  }
  return "";
}

std::string Substituter::value(const ir::Value& value) {
  std::string out;
  for (const auto& p : value.parts) out += part(p, value.span);
  return out;
}

std::vector<std::pair<std::string, std::string>> Substituter::declared() const {
  std::map<std::string, std::string> out;
  std::set<std::string> chain = chain_context_;
  // A default may read other params and the context (dynamic substitutions
  // expand them), which then need declaring too.
  std::vector<std::string> todo(params_.begin(), params_.end());
  std::set<std::string> done;
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    if (!done.insert(name).second) continue;
    const ir::Param* p = workflow_.find_param(name);
    if (!p || !p->default_value) continue;
    const ir::Value& v = *p->default_value;
    if (v.type.kind != ir::TypeKind::String) {
      out[param_substitution(name)] = escape_dollars(param_default_text(*p));
      continue;
    }
    std::string text;
    for (const auto& part : v.parts) {
      if (!part.ref) {
        text += escape_dollars(part.text);
      } else if (part.ref->kind == ir::Ref::Kind::Param) {
        todo.push_back(part.ref->name);
        text += "${" + param_substitution(part.ref->name) + "}";
      } else if (part.ref->kind == ir::Ref::Kind::Context) {
        auto sub = context_substitution(part.ref->context, chained_);
        if (!sub) continue;  // build.number: an int, never part of a string default
        if (sub->front() == '_') chain.insert(*sub);
        text += "${" + *sub + "}";
      }
    }
    out[param_substitution(name)] = text;
  }
  // Empty unless the chain step passes them (a build submitted by hand has no branch).
  for (const auto& name : chain) out[name] = "";
  return {out.begin(), out.end()};
}

std::set<std::string> Substituter::chain_context() const {
  std::set<std::string> out;
  for (const auto& [name, _] : declared())
    if (is_reserved_substitution(name)) out.insert(name);
  return out;
}

std::vector<std::string> Substituter::required() const {
  std::vector<std::string> out;
  for (const auto& name : params_) {
    const ir::Param* p = workflow_.find_param(name);
    if (!p || !p->default_value) out.push_back(param_substitution(name));
  }
  return out;
}

}  // namespace slipway::backends::cloudbuild
