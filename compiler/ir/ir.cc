#include "compiler/ir/ir.h"

namespace slipway::ir {

std::string type_name(const Type& type) {
  switch (type.kind) {
    case TypeKind::String: return "string";
    case TypeKind::Int: return "int";
    case TypeKind::Bool: return "bool";
    case TypeKind::Duration: return "duration";
    case TypeKind::Secret: return "secret";
    case TypeKind::List:
      return type.element == TypeKind::Invalid ? "list" : "list<" + type_name(Type::of(type.element)) + ">";
    case TypeKind::Invalid: return "<invalid>";
  }
  return "<invalid>";
}

namespace {
struct ContextEntry {
  ContextKey key;
  const char* name;
  TypeKind type;
};
// The built-in context; backends map each key in their own table.
constexpr ContextEntry kContext[] = {
    {ContextKey::GitSha, "git.sha", TypeKind::String},
    {ContextKey::GitShortSha, "git.short_sha", TypeKind::String},
    {ContextKey::GitBranch, "git.branch", TypeKind::String},
    {ContextKey::GitTag, "git.tag", TypeKind::String},
    {ContextKey::BuildId, "build.id", TypeKind::String},
    {ContextKey::BuildNumber, "build.number", TypeKind::Int},
};
}  // namespace

std::string context_name(ContextKey key) {
  for (const auto& e : kContext) if (e.key == key) return e.name;
  return "";
}

std::optional<ContextKey> context_from_name(const std::string& name) {
  for (const auto& e : kContext) if (name == e.name) return e.key;
  return std::nullopt;
}

Type context_type(ContextKey key) {
  for (const auto& e : kContext) if (e.key == key) return Type::of(e.type);
  return Type{};
}

bool Value::is_literal() const {
  for (const auto& p : parts) if (p.ref) return false;
  for (const auto& i : items) if (!i.is_literal()) return false;
  return true;
}

std::string Value::literal_text() const {
  std::string out;
  for (const auto& p : parts) if (!p.ref) out += p.text;
  return out;
}

std::vector<Ref> Value::refs() const {
  std::vector<Ref> out;
  for (const auto& p : parts) if (p.ref) out.push_back(*p.ref);
  for (const auto& i : items) for (auto& r : i.refs()) out.push_back(std::move(r));
  return out;
}

const Step* Instance::find_step(const std::string& id) const {
  for (const auto& s : steps) if (s.id == id) return &s;
  return nullptr;
}

const Instance* Workflow::find_instance(const std::string& n) const {
  for (const auto& i : instances) if (i.name == n) return &i;
  return nullptr;
}

const Param* Workflow::find_param(const std::string& n) const {
  for (const auto& p : params) if (p.name == n) return &p;
  return nullptr;
}

const Secret* Workflow::find_secret(const std::string& n) const {
  for (const auto& s : secrets) if (s.name == n) return &s;
  return nullptr;
}

}  // namespace slipway::ir
