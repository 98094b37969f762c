#pragma once
// The workflow IR: what every backend and the runtime read. Templates are
// expanded, names are resolved to stable ids, every value is typed, implicit
// edges are added, and order is deterministic (declaration order). Values stay
// symbolic where a target can supply them later (params, the built-in
// context, step outputs, secrets); everything else is folded.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/source.h"

namespace slipway::ir {

enum class TypeKind { String, Int, Bool, Duration, Secret, List, Invalid };

/// A Slipway type. Lists hold scalars only (`list<string>`).
struct Type {
  TypeKind kind = TypeKind::Invalid;
  TypeKind element = TypeKind::Invalid;  ///< for List
  static Type of(TypeKind k) { return Type{k, TypeKind::Invalid}; }
  static Type list_of(TypeKind e) { return Type{TypeKind::List, e}; }
  friend bool operator==(const Type&, const Type&) = default;
};
std::string type_name(const Type& type);

/// The built-in context, mapped by each backend to its own variables.
enum class ContextKey { GitSha, GitShortSha, GitBranch, GitTag, BuildId, BuildNumber };
std::string context_name(ContextKey key);                   ///< "git.sha"
std::optional<ContextKey> context_from_name(const std::string& name);
Type context_type(ContextKey key);

/// A symbolic reference inside a value.
struct Ref {
  enum class Kind { Param, Output, Context, Secret } kind = Kind::Param;
  std::string name;    ///< param name, secret name, or the output's name
  std::string step;    ///< Output: id of the producing step
  ContextKey context = ContextKey::GitSha;
  Type type;           ///< the referenced value's type
  friend bool operator==(const Ref&, const Ref&) = default;
};

/// A piece of a string value: literal text, or a reference.
struct Part {
  std::string text;
  std::optional<Ref> ref;
  friend bool operator==(const Part&, const Part&) = default;
};

/// A typed value. Strings are templates (parts); int, bool and duration are
/// folded constants; lists hold values.
struct Value {
  Type type;
  std::vector<Part> parts;   ///< String, Secret (one Secret ref)
  int64_t number = 0;        ///< Int, Duration (milliseconds)
  bool boolean = false;      ///< Bool
  std::vector<Value> items;  ///< List
  Span span;                 ///< where the value was written

  bool is_literal() const;         ///< no references anywhere
  std::string literal_text() const;  ///< the text of a literal string
  std::vector<Ref> refs() const;     ///< every reference, in order
};

/// A condition over the built-in context, e.g. `git.branch == "main"`.
struct Condition {
  enum class Op { True, Equals, NotEquals, Matches, And, Or, Not } op = Op::True;
  ContextKey context = ContextKey::GitBranch;  ///< Equals/NotEquals/Matches
  std::string literal;                          ///< the compared string or glob
  std::vector<Condition> operands;              ///< And/Or/Not
  Span span;
};

struct EnvVar {
  std::string name;
  Value value;
  bool secret = false;  ///< the value is exactly one secret
  Span span;
};

struct FileMount {
  std::string path;
  Value value;
  bool secret = false;
  Span span;
};

struct OutputDecl {
  std::string name;
  Type type;
  Span span;
};

/// An edge into a step: which step it waits for and why.
struct Edge {
  std::string from;                  ///< producing step id
  bool explicit_need = false;        ///< written in `needs`
  std::vector<std::string> values;   ///< outputs of `from` read by the step
};

struct Readiness {
  enum class Kind { None, TcpPort, Command } kind = Kind::None;
  int64_t port = 0;
  std::vector<Value> command;
};

struct Service {
  std::string alias;
  Value image;
  std::vector<Value> command;  ///< argv, may be empty
  std::vector<EnvVar> env;
  Readiness ready;
  Span span;
};

struct Gate {
  std::string name;     ///< the gate's id, used by `--approve`
  std::string message;  ///< shown to the approver
  Span span;
};

/// Where a step came from: its declaration and, when it was expanded from a
/// template, the call site and the template.
struct Provenance {
  Span decl;
  std::optional<Span> call_site;
  std::string template_name;  ///< "docker.build"
  std::optional<Span> template_decl;
};

enum class RunKind { None, Argv, Script };
enum class HookKind { None, OnFailure, Always };

struct Step {
  std::string id;        ///< unique in the workflow: "<instance>.<step>"; hooks "<instance>.<step>.<hook>"
  std::string name;      ///< the name as written
  std::string instance;  ///< pipeline instance name
  Value image;
  RunKind run_kind = RunKind::None;
  std::vector<Value> argv;  ///< RunKind::Argv
  /// RunKind::Script: shell text. Interpolated values were moved into env vars
  /// named SLIPWAY_* and the script refers to them as ${SLIPWAY_*}, so no
  /// value is ever spliced into shell text.
  std::string script;
  std::vector<Value> entrypoint;
  std::optional<Value> workdir;
  std::vector<EnvVar> env;
  std::vector<FileMount> files;
  std::vector<OutputDecl> outputs;
  std::vector<Edge> needs;  ///< in declaration order of the producers
  std::optional<int64_t> timeout_ms;
  int64_t retry = 0;
  bool allow_failure = false;
  std::optional<Gate> manual;
  std::vector<Service> services;
  std::vector<std::string> on_failure;  ///< ids of hook steps
  std::vector<std::string> always;
  HookKind hook_kind = HookKind::None;
  std::string hook_of;  ///< for a hook step: the id of the step it hooks
  Provenance provenance;

  bool is_hook() const { return hook_kind != HookKind::None; }
};

struct Environment {
  Value name;
  std::optional<Value> url;
};

/// A pipeline used in a workflow; a pipeline used twice is two instances.
struct Instance {
  std::string name;
  std::string pipeline;
  std::vector<std::pair<std::string, Value>> args;
  std::vector<Step> steps;  ///< declaration order; hooks follow their step
  std::vector<std::string> upstream;  ///< instances that must finish first
  std::optional<Condition> when;
  std::optional<Gate> manual;
  std::optional<Environment> environment;
  Span span;

  const Step* find_step(const std::string& id) const;
};

struct Trigger {
  enum class Kind { Push, Manual } kind = Kind::Push;
  std::vector<std::string> branches;  ///< globs; empty = any
  std::vector<std::string> tags;      ///< globs; empty = none unless branches empty too
  bool any_branch = false;
  Span span;
};

struct Param {
  std::string name;
  Type type;
  std::optional<Value> default_value;
  bool overridden = false;  ///< set by `-p NAME=VALUE`
  Span span;
};

struct SecretBinding {
  std::string qualifier;  ///< e.g. "env"/"file" for local, "masked" for gitlab, "" otherwise
  std::string value;
  Span span;
};

struct Secret {
  std::string name;
  bool is_file = false;
  /// target ("cloudbuild", "gitlab", "concourse", "wercker", "local") → binding;
  /// targets not listed use the default derived from the name.
  std::map<std::string, SecretBinding> bindings;
  Span span;
};

struct Workflow {
  std::string name;
  std::vector<Trigger> triggers;
  std::vector<Param> params;    ///< every param the workflow can see, declaration order
  std::vector<Secret> secrets;  ///< every secret the workflow can see
  std::vector<Instance> instances;  ///< chain order
  Span span;

  const Instance* find_instance(const std::string& name) const;
  const Param* find_param(const std::string& name) const;
  const Secret* find_secret(const std::string& name) const;
};

struct Program {
  std::string source_path;  ///< the root file as given
  std::vector<Workflow> workflows;
};

}  // namespace slipway::ir
