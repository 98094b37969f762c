#pragma once
// The Slipway AST: what the user wrote, with a span on every node. It is
// produced by the syntax adapter (compiler/syntax) and consumed only by
// semantic analysis, the formatter and the linter's comment reader; backends
// and the runtime read the IR instead.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/source.h"

namespace slipway::ast {

struct Ident {
  std::string name;
  Span span;
};

/// `string`, `int`, `bool`, `duration`, `secret`, `list<T>`. Unknown names are
/// kept as written; semantic analysis reports them.
struct TypeRef {
  Ident name;
  std::unique_ptr<TypeRef> element;  ///< set for `list<T>`
  Span span;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind { String, Int, Bool, Duration, List, Ref, Call, Unary, Binary };

/// A piece of a string literal: literal text (escapes already decoded) or an
/// interpolated `${expr}`.
struct StringPart {
  std::string text;  ///< literal text when expr is null
  ExprPtr expr;      ///< the interpolated expression, or null
  Span span;         ///< for an interpolation: `${` through `}`
};

struct Expr {
  ExprKind kind{};
  Span span;
  // String
  std::vector<StringPart> parts;
  bool multiline = false;  ///< written as """..."""
  // Int / Duration (milliseconds) / Bool
  int64_t int_value = 0;
  bool bool_value = false;
  // List items, Call arguments, Unary operand (1), Binary operands (2)
  std::vector<ExprPtr> items;
  // Ref (`a.b.c`) and Call (callee, one segment)
  std::vector<Ident> path;
  // Unary / Binary: "!", "-", "+", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "matches"
  std::string op;

  /// The literal text of a string with no interpolations.
  bool is_plain_string() const;
  std::string plain_text() const;
};

/// A property written once per block, e.g. `image "alpine:3.20"`.
struct Property {
  Span keyword;  ///< the keyword, for "set twice" labels
  ExprPtr value;
};

struct Param {
  Ident name;
  TypeRef type;
  ExprPtr default_value;  ///< may be null
  Span span;
};

/// `gitlab = "GCLOUD_KEY"`, `local env = "KEY"`, `local file = "~/key.json"`.
struct SecretBinding {
  Ident target;
  std::optional<Ident> qualifier;
  ExprPtr value;
  Span span;
};

struct Secret {
  Ident name;
  std::optional<Ident> kind;  ///< `string` (default) or `file`
  std::vector<SecretBinding> bindings;
  Span span;
};

struct Arg {
  Ident name;
  ExprPtr value;
  Span span;
};

/// `docker.build(tag: "x")`: a template call with named arguments.
struct Call {
  std::vector<Ident> callee;  ///< `docker`, `build`
  std::vector<Arg> args;
  Span span;
};

struct EnvEntry {
  Ident key;
  ExprPtr value;
  Span span;
};

struct FileEntry {
  ExprPtr path;  ///< a string literal
  ExprPtr value;
  Span span;
};

struct OutputDecl {
  Ident name;
  TypeRef type;
  Span span;
};

struct Flag {
  Span keyword;
  bool value = true;
};

struct ManualGate {
  Span keyword;
  ExprPtr message;  ///< optional string
};

struct StepBody;
struct StepDecl;

/// `service postgres { image "postgres:15" ... }`: the name is the network alias.
struct Service {
  Ident name;
  std::unique_ptr<StepBody> body;
  Span span;
};

enum class HookKind { OnFailure, Always };

struct Hook {
  HookKind kind{};
  Span keyword;
  std::unique_ptr<StepDecl> step;
};

struct StepBody {
  Span span;
  std::optional<Property> image, run, entrypoint, workdir, timeout, retry, ready;
  std::optional<Flag> allow_failure;
  std::optional<ManualGate> manual;
  std::optional<Span> env_keyword, files_keyword, outputs_keyword, needs_keyword;
  std::vector<EnvEntry> env;
  std::vector<FileEntry> files;
  std::vector<OutputDecl> outputs;
  std::vector<Ident> needs;
  std::vector<Service> services;
  std::vector<Hook> hooks;
};

/// `step NAME { ... }` or `step NAME = template(args) { overrides }`.
struct StepDecl {
  Ident name;
  std::optional<Call> call;
  std::unique_ptr<StepBody> body;  ///< never null (empty for a bare call)
  Span span;
};

struct Template {
  Ident name;
  std::vector<Param> params;
  std::unique_ptr<StepBody> body;
  Span span;
};

struct Pipeline {
  Ident name;
  std::vector<Param> params;
  std::vector<StepDecl> steps;
  Span span;
};

struct Trigger {
  enum class Kind { Push, Manual } kind{};
  ExprPtr branches;  ///< list of glob strings, or null (any branch)
  ExprPtr tags;      ///< list of glob strings, or null
  Span span;
};

/// One use of a pipeline in a chain: `deploy(env: "prod") as prod when ... manual environment "production" url "..."`.
struct PipelineUse {
  Ident pipeline;
  bool has_args = false;
  std::vector<Arg> args;
  std::optional<Ident> alias;
  ExprPtr when;
  std::optional<ManualGate> manual;
  ExprPtr environment;
  ExprPtr environment_url;
  Span span;
};

/// `a -> [b, c] -> d`: each stage is one use or a fan-out list.
struct Chain {
  std::vector<std::vector<PipelineUse>> stages;
  Span span;
};

struct Workflow {
  Ident name;
  std::vector<Trigger> triggers;
  std::vector<Param> params;
  std::vector<Secret> secrets;
  std::vector<Pipeline> pipelines;
  /// Steps written directly in the workflow: an implicit pipeline named
  /// after the workflow; chains order it by that name like any pipeline.
  std::vector<StepDecl> steps;
  std::vector<Chain> chains;
  Span span;
};

struct Import {
  std::string path;  ///< as written: "std/docker", "./common.slip"
  Span path_span;
  std::optional<Ident> alias;
  Span span;
};

struct Comment {
  std::string text;  ///< including the leading `#` or `//`
  Span span;
};

struct File {
  FileId id = kNoFile;
  std::vector<Import> imports;
  std::vector<Param> params;
  std::vector<Secret> secrets;
  std::vector<Template> templates;
  std::vector<Pipeline> pipelines;
  std::vector<Workflow> workflows;
  std::vector<Comment> comments;
};

}  // namespace slipway::ast
