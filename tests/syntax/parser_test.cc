// parse_file: every construct of the grammar into the AST (with spans), and
// every syntax-level error with its code and position.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "compiler/syntax/parse.h"

namespace slipway {
namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<ast::File> file;

  /// All diagnostics, one per line, for failure messages.
  std::string dump() const {
    std::string out;
    for (const Diagnostic& d : diags.in_emission_order()) {
      out += std::string(code_info(d.code).id) + " " + std::to_string(d.primary.begin.line) + ":" +
             std::to_string(d.primary.begin.col) + " " + d.message + "\n";
    }
    return out;
  }
  const Diagnostic& first() const { return diags.in_emission_order().front(); }
};

std::unique_ptr<Parsed> parse(std::string text, ParseOptions options = {}) {
  auto out = std::make_unique<Parsed>();
  FileId id = out->sources.add("test.slip", std::move(text));
  out->file = parse_file(out->sources, id, out->diags, options);
  return out;
}

/// Parses text that must have no diagnostics at all.
std::unique_ptr<Parsed> parse_ok(std::string text) {
  auto out = parse(std::move(text));
  EXPECT_TRUE(out->file != nullptr) << out->dump();
  EXPECT_TRUE(out->diags.in_emission_order().empty()) << out->dump();
  return out;
}

std::string at(SourcePos pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.col); }
std::string at(const Span& span) { return at(span.begin) + "-" + at(span.end); }
std::string code(const Diagnostic& d) { return std::string(code_info(d.code).id); }

std::string text_of(const ast::ExprPtr& expr) {
  EXPECT_TRUE(expr != nullptr);
  if (expr == nullptr) return "";
  EXPECT_TRUE(expr->is_plain_string());
  return expr->plain_text();
}

// ---------------------------------------------------------------- steps

constexpr const char* kEveryProperty = R"(pipeline build {
  step compile {
    image "golang:1.22"
    run "go build ./..."
    entrypoint ["/bin/sh", "-c"]
    workdir "/src"
    env { GOFLAGS = "-mod=vendor", CGO_ENABLED = "0" }
    files { "/etc/config.json" = params.config }
    outputs { digest: string binary: list<string> }
    needs [fetch, lint,]
    timeout 10m
    retry 2
    allow_failure false
    manual "approve the build"
    ready "test -f /tmp/ready"
    service postgres { image "postgres:15" env { POSTGRES_PASSWORD = "x" } }
    on_failure notify = slack.post(channel: "#ci")
    always cleanup { run "rm -rf /tmp/x" }
  }
}
)";

TEST(ParserTest, StepWithEveryProperty) {
  auto p = parse_ok(kEveryProperty);
  ASSERT_TRUE(p->file);
  ASSERT_EQ(p->file->pipelines.size(), 1u);
  const ast::Pipeline& pipeline = p->file->pipelines[0];
  EXPECT_EQ(pipeline.name.name, "build");
  EXPECT_EQ(at(pipeline.span), "1:1-20:2");
  ASSERT_EQ(pipeline.steps.size(), 1u);
  const ast::StepDecl& step = pipeline.steps[0];
  EXPECT_EQ(step.name.name, "compile");
  EXPECT_EQ(at(step.name.span), "2:8-2:15");
  EXPECT_EQ(at(step.span), "2:3-19:4");
  EXPECT_FALSE(step.call.has_value());
  const ast::StepBody& body = *step.body;

  ASSERT_TRUE(body.image.has_value());
  EXPECT_EQ(at(body.image->keyword), "3:5-3:10");
  EXPECT_EQ(text_of(body.image->value), "golang:1.22");
  EXPECT_EQ(at(body.image->value->span), "3:11-3:24");
  EXPECT_EQ(at(body.image->value->parts[0].span), "3:12-3:23");
  EXPECT_EQ(text_of(body.run->value), "go build ./...");
  ASSERT_EQ(body.entrypoint->value->kind, ast::ExprKind::List);
  EXPECT_EQ(body.entrypoint->value->items.size(), 2u);
  EXPECT_EQ(text_of(body.workdir->value), "/src");

  EXPECT_EQ(at(*body.env_keyword), "7:5-7:8");
  ASSERT_EQ(body.env.size(), 2u);
  EXPECT_EQ(body.env[0].key.name, "GOFLAGS");
  EXPECT_EQ(text_of(body.env[0].value), "-mod=vendor");
  EXPECT_EQ(body.env[1].key.name, "CGO_ENABLED");

  ASSERT_EQ(body.files.size(), 1u);
  EXPECT_EQ(text_of(body.files[0].path), "/etc/config.json");
  EXPECT_EQ(body.files[0].value->kind, ast::ExprKind::Ref);
  ASSERT_EQ(body.outputs.size(), 2u);
  EXPECT_EQ(body.outputs[0].name.name, "digest");
  EXPECT_EQ(body.outputs[0].type.name.name, "string");
  EXPECT_EQ(body.outputs[1].type.name.name, "list");
  ASSERT_TRUE(body.outputs[1].type.element);
  EXPECT_EQ(body.outputs[1].type.element->name.name, "string");
  EXPECT_EQ(at(body.outputs[1].type.span), "9:38-9:50");

  ASSERT_EQ(body.needs.size(), 2u);
  EXPECT_EQ(body.needs[1].name, "lint");
  EXPECT_EQ(at(body.needs[1].span), "10:19-10:23");
  EXPECT_EQ(body.timeout->value->kind, ast::ExprKind::Duration);
  EXPECT_EQ(body.timeout->value->int_value, 600000);
  EXPECT_EQ(body.retry->value->int_value, 2);
  ASSERT_TRUE(body.allow_failure.has_value());
  EXPECT_FALSE(body.allow_failure->value);
  ASSERT_TRUE(body.manual.has_value());
  EXPECT_EQ(text_of(body.manual->message), "approve the build");
  EXPECT_EQ(text_of(body.ready->value), "test -f /tmp/ready");

  ASSERT_EQ(body.services.size(), 1u);
  EXPECT_EQ(body.services[0].name.name, "postgres");
  EXPECT_EQ(text_of(body.services[0].body->image->value), "postgres:15");
  EXPECT_EQ(body.services[0].body->env.size(), 1u);

  ASSERT_EQ(body.hooks.size(), 2u);
  const ast::Hook& failure = body.hooks[0];
  EXPECT_EQ(failure.kind, ast::HookKind::OnFailure);
  EXPECT_EQ(at(failure.keyword), "17:5-17:15");
  EXPECT_EQ(failure.step->name.name, "notify");
  ASSERT_TRUE(failure.step->call.has_value());
  ASSERT_EQ(failure.step->call->callee.size(), 2u);
  EXPECT_EQ(failure.step->call->callee[1].name, "post");
  EXPECT_EQ(failure.step->call->args[0].name.name, "channel");
  EXPECT_EQ(text_of(failure.step->call->args[0].value), "#ci");
  ASSERT_TRUE(failure.step->body);  // a bare call still gets a body
  EXPECT_FALSE(failure.step->body->image.has_value());
  EXPECT_EQ(body.hooks[1].kind, ast::HookKind::Always);
  EXPECT_EQ(text_of(body.hooks[1].step->body->run->value), "rm -rf /tmp/x");
}

TEST(ParserTest, TemplateAndCallWithOverrides) {
  auto p = parse_ok(R"(template build(tag: string, push: bool = true) {
  image "docker:24"
  run "docker build -t ${tag} ."
}
pipeline ci(version: string = "1.0") {
  step image = docker.build(tag: "app", push: false) {
    timeout 20m
  }
  step plain = build(tag: "x")
}
)");
  ASSERT_TRUE(p->file);
  ASSERT_EQ(p->file->templates.size(), 1u);
  const ast::Template& t = p->file->templates[0];
  EXPECT_EQ(t.name.name, "build");
  ASSERT_EQ(t.params.size(), 2u);
  EXPECT_EQ(t.params[0].name.name, "tag");
  EXPECT_EQ(t.params[0].default_value, nullptr);
  EXPECT_EQ(t.params[1].type.name.name, "bool");
  EXPECT_TRUE(t.params[1].default_value->bool_value);
  EXPECT_EQ(at(t.params[1].span), "1:29-1:46");
  EXPECT_EQ(t.body->run->value->parts.size(), 3u);

  const ast::Pipeline& ci = p->file->pipelines[0];
  ASSERT_EQ(ci.params.size(), 1u);
  EXPECT_EQ(text_of(ci.params[0].default_value), "1.0");
  ASSERT_EQ(ci.steps.size(), 2u);
  const ast::StepDecl& first = ci.steps[0];
  EXPECT_EQ(first.name.name, "image");  // a soft keyword names a step
  ASSERT_TRUE(first.call.has_value());
  EXPECT_EQ(first.call->callee.size(), 2u);
  EXPECT_EQ(first.call->callee[0].name, "docker");
  ASSERT_EQ(first.call->args.size(), 2u);
  EXPECT_FALSE(first.call->args[1].value->bool_value);
  EXPECT_EQ(at(first.call->span), "6:16-6:53");
  EXPECT_EQ(first.body->timeout->value->int_value, 20 * 60 * 1000);
  const ast::StepDecl& second = ci.steps[1];
  ASSERT_TRUE(second.body);
  EXPECT_FALSE(second.body->image.has_value());
  EXPECT_EQ(second.call->callee[0].name, "build");
}

TEST(ParserTest, DuplicatePropertiesAreReportedButKeepTheAst) {
  auto p = parse(R"(pipeline p {
  step a {
    image "x"
    image "y"
    env { A = "1" }
    env { A = "2" }
    needs [b, b]
    outputs { d: string d: string }
    files { "/a" = "1" "/a" = "2" }
    service db { image "pg" }
    service db { image "pg" }
  }
}
)");
  ASSERT_TRUE(p->file) << p->dump();
  const auto& diags = p->diags.in_emission_order();
  ASSERT_EQ(diags.size(), 7u) << p->dump();
  EXPECT_EQ(code(diags[0]), "E0008");
  EXPECT_EQ(diags[0].message, "`image` is set twice in this step");
  EXPECT_EQ(at(diags[0].primary), "4:5-4:10");
  ASSERT_EQ(diags[0].secondary.size(), 1u);
  EXPECT_EQ(at(diags[0].secondary[0].span), "3:5-3:10");
  EXPECT_EQ(diags[0].secondary[0].message, "first set here");
  EXPECT_EQ(diags[1].message, "`env` is set twice in this step");
  EXPECT_EQ(diags[2].message, "environment variable `A` is set twice in this step");
  EXPECT_EQ(at(diags[2].primary), "6:11-6:12");
  for (const Diagnostic& d : diags) EXPECT_EQ(code(d), "E0008") << d.message;
  const ast::StepBody& body = *p->file->pipelines[0].steps[0].body;
  EXPECT_EQ(text_of(body.image->value), "x");  // the first one wins
  EXPECT_EQ(body.needs.size(), 1u);
}

// ---------------------------------------------------------------- declarations

TEST(ParserTest, ImportsParamsSecretsAndComments) {
  auto p = parse_ok(R"(import "std/docker" as docker
import "./common.slip"
# a comment
param registry: string = "ghcr.io" // trailing
param tags: list<list<string>>
secret token
secret gcloud_key: file {
  gitlab = "GCLOUD_KEY"
  local env = "GCLOUD_KEY_JSON"
  local file = "~/key.json",
}
)");
  ASSERT_TRUE(p->file);
  const ast::File& f = *p->file;
  ASSERT_EQ(f.imports.size(), 2u);
  EXPECT_EQ(f.imports[0].path, "std/docker");
  EXPECT_EQ(at(f.imports[0].path_span), "1:8-1:20");
  ASSERT_TRUE(f.imports[0].alias.has_value());
  EXPECT_EQ(f.imports[0].alias->name, "docker");
  EXPECT_EQ(at(f.imports[0].span), "1:1-1:30");
  EXPECT_FALSE(f.imports[1].alias.has_value());

  ASSERT_EQ(f.params.size(), 2u);
  EXPECT_EQ(text_of(f.params[0].default_value), "ghcr.io");
  const ast::TypeRef& tags = f.params[1].type;
  EXPECT_EQ(tags.name.name, "list");
  ASSERT_TRUE(tags.element && tags.element->element);
  EXPECT_EQ(tags.element->element->name.name, "string");
  EXPECT_EQ(at(tags.span), "5:13-5:31");

  ASSERT_EQ(f.secrets.size(), 2u);
  EXPECT_FALSE(f.secrets[0].kind.has_value());
  const ast::Secret& key = f.secrets[1];
  EXPECT_EQ(key.kind->name, "file");
  ASSERT_EQ(key.bindings.size(), 3u);
  EXPECT_EQ(key.bindings[0].target.name, "gitlab");
  EXPECT_FALSE(key.bindings[0].qualifier.has_value());
  EXPECT_EQ(key.bindings[1].target.name, "local");
  EXPECT_EQ(key.bindings[1].qualifier->name, "env");
  EXPECT_EQ(text_of(key.bindings[1].value), "GCLOUD_KEY_JSON");
  EXPECT_EQ(key.bindings[2].qualifier->name, "file");
  EXPECT_EQ(at(key.span), "7:1-11:2");

  ASSERT_EQ(f.comments.size(), 2u);
  EXPECT_EQ(f.comments[0].text, "# a comment");
  EXPECT_EQ(at(f.comments[0].span), "3:1-3:12");
  EXPECT_EQ(f.comments[1].text, "// trailing");
  EXPECT_EQ(at(f.comments[1].span), "4:36-4:47");
}

TEST(ParserTest, WorkflowWithTriggersAndChains) {
  auto p = parse_ok(R"(workflow release {
  on push branches ["main", "release/*"] tags ["v*"]
  on manual
  param dry_run: bool = false
  secret token
  pipeline notify { step n { image "curl" } }
  build -> [lint, test as unit] -> deploy(env: "prod") as prod when git.branch == "main" manual "ship it?" environment "production" url "https://example.com"
  nightly
}
)");
  ASSERT_TRUE(p->file);
  ASSERT_EQ(p->file->workflows.size(), 1u);
  const ast::Workflow& w = p->file->workflows[0];
  EXPECT_EQ(w.name.name, "release");
  ASSERT_EQ(w.triggers.size(), 2u);
  EXPECT_EQ(w.triggers[0].kind, ast::Trigger::Kind::Push);
  EXPECT_EQ(w.triggers[0].branches->items.size(), 2u);
  EXPECT_EQ(text_of(w.triggers[0].tags->items[0]), "v*");
  EXPECT_EQ(at(w.triggers[0].span), "2:3-2:53");
  EXPECT_EQ(w.triggers[1].kind, ast::Trigger::Kind::Manual);
  EXPECT_EQ(w.triggers[1].branches, nullptr);
  EXPECT_EQ(w.params.size(), 1u);
  EXPECT_EQ(w.secrets.size(), 1u);
  EXPECT_EQ(w.pipelines.size(), 1u);

  ASSERT_EQ(w.chains.size(), 2u);
  const ast::Chain& chain = w.chains[0];
  ASSERT_EQ(chain.stages.size(), 3u);
  EXPECT_EQ(chain.stages[0][0].pipeline.name, "build");
  EXPECT_FALSE(chain.stages[0][0].has_args);
  ASSERT_EQ(chain.stages[1].size(), 2u);
  EXPECT_EQ(chain.stages[1][0].pipeline.name, "lint");
  EXPECT_EQ(chain.stages[1][1].alias->name, "unit");
  const ast::PipelineUse& deploy = chain.stages[2][0];
  EXPECT_TRUE(deploy.has_args);
  EXPECT_EQ(deploy.args[0].name.name, "env");
  EXPECT_EQ(deploy.alias->name, "prod");
  ASSERT_TRUE(deploy.when);
  EXPECT_EQ(deploy.when->kind, ast::ExprKind::Binary);
  EXPECT_EQ(deploy.when->op, "==");
  EXPECT_EQ(text_of(deploy.manual->message), "ship it?");
  EXPECT_EQ(text_of(deploy.environment), "production");
  EXPECT_EQ(text_of(deploy.environment_url), "https://example.com");
  EXPECT_EQ(at(deploy.span), "7:36-7:158");
  EXPECT_EQ(at(chain.span), "7:3-7:158");
  EXPECT_EQ(w.chains[1].stages[0][0].pipeline.name, "nightly");
}

// ---------------------------------------------------------------- expressions

TEST(ParserTest, OperatorPrecedenceAndSpans) {
  auto p = parse_ok("param x: bool = !a.b || c && d == \"x\" + 1\n"
                    "param y: int = (1 + 2)\n"
                    "param z: bool = f(x, -1) matches [true, 3s]\n");
  ASSERT_TRUE(p->file);
  const ast::Expr& x = *p->file->params[0].default_value;
  EXPECT_EQ(x.kind, ast::ExprKind::Binary);
  EXPECT_EQ(x.op, "||");
  EXPECT_EQ(at(x.span), "1:17-1:42");
  const ast::Expr& negated = *x.items[0];
  EXPECT_EQ(negated.kind, ast::ExprKind::Unary);
  EXPECT_EQ(negated.op, "!");
  EXPECT_EQ(at(negated.span), "1:17-1:21");
  const ast::Expr& ref = *negated.items[0];
  EXPECT_EQ(ref.kind, ast::ExprKind::Ref);
  ASSERT_EQ(ref.path.size(), 2u);
  EXPECT_EQ(ref.path[1].name, "b");
  EXPECT_EQ(at(ref.path[1].span), "1:20-1:21");
  const ast::Expr& conj = *x.items[1];
  EXPECT_EQ(conj.op, "&&");
  const ast::Expr& eq = *conj.items[1];
  EXPECT_EQ(eq.op, "==");
  EXPECT_EQ(eq.items[1]->op, "+");
  EXPECT_EQ(at(eq.items[1]->span), "1:35-1:42");

  const ast::Expr& y = *p->file->params[1].default_value;
  EXPECT_EQ(y.op, "+");
  EXPECT_EQ(at(y.span), "2:17-2:22");  // the parentheses are not part of it

  const ast::Expr& z = *p->file->params[2].default_value;
  EXPECT_EQ(z.op, "matches");
  const ast::Expr& call = *z.items[0];
  EXPECT_EQ(call.kind, ast::ExprKind::Call);
  EXPECT_EQ(call.path[0].name, "f");
  ASSERT_EQ(call.items.size(), 2u);
  EXPECT_EQ(call.items[1]->op, "-");
  EXPECT_EQ(call.items[1]->items[0]->int_value, 1);
  const ast::Expr& list = *z.items[1];
  EXPECT_EQ(list.kind, ast::ExprKind::List);
  EXPECT_TRUE(list.items[0]->bool_value);
  EXPECT_EQ(list.items[1]->int_value, 3000);
}

TEST(ParserTest, Durations) {
  auto p = parse_ok("param a: duration = 1h30m\nparam b: duration = 500ms\nparam c: duration = 2d\n"
                    "param d: duration = 90s\nparam e: duration = 1m30s250ms\n");
  ASSERT_TRUE(p->file);
  const auto& params = p->file->params;
  EXPECT_EQ(params[0].default_value->kind, ast::ExprKind::Duration);
  EXPECT_EQ(params[0].default_value->int_value, 5400000);
  EXPECT_EQ(params[1].default_value->int_value, 500);
  EXPECT_EQ(params[2].default_value->int_value, 2 * 86400000LL);
  EXPECT_EQ(params[3].default_value->int_value, 90000);
  EXPECT_EQ(params[4].default_value->int_value, 90250);
}

TEST(ParserTest, LiteralsOutOfRange) {
  auto p = parse("param a: int = 9223372036854775807\nparam b: int = 9223372036854775808\n"
                 "param c: duration = 9999999999999999d\n");
  ASSERT_TRUE(p->file) << p->dump();
  EXPECT_EQ(p->file->params[0].default_value->int_value, INT64_MAX);
  const auto& diags = p->diags.in_emission_order();
  ASSERT_EQ(diags.size(), 2u) << p->dump();
  EXPECT_EQ(code(diags[0]), "E0010");
  EXPECT_EQ(at(diags[0].primary), "2:16-2:35");
  EXPECT_EQ(code(diags[1]), "E0010");
  EXPECT_EQ(at(diags[1].primary.begin), "3:21");
}

// ---------------------------------------------------------------- strings

TEST(ParserTest, StringEscapes) {
  auto p = parse_ok(R"(param s: string = "a\"b\\c\nd\te\rf\$g\u{1F600}h$i \${j}")");
  ASSERT_TRUE(p->file);
  const ast::Expr& s = *p->file->params[0].default_value;
  ASSERT_TRUE(s.is_plain_string());
  EXPECT_EQ(s.plain_text(), "a\"b\\c\nd\te\rf$g\xF0\x9F\x98\x80h$i ${j}");
  EXPECT_EQ(s.parts.size(), 1u);
  EXPECT_FALSE(s.multiline);
}

TEST(ParserTest, EmptyStringHasNoParts) {
  auto p = parse_ok(R"(param s: string = "")");
  ASSERT_TRUE(p->file);
  EXPECT_TRUE(p->file->params[0].default_value->is_plain_string());
  EXPECT_EQ(p->file->params[0].default_value->plain_text(), "");
}

TEST(ParserTest, InterpolationParts) {
  auto p = parse_ok(R"(param s: string = "x ${a.b} y")");
  ASSERT_TRUE(p->file);
  const ast::Expr& s = *p->file->params[0].default_value;
  EXPECT_EQ(at(s.span), "1:19-1:31");
  EXPECT_FALSE(s.is_plain_string());
  ASSERT_EQ(s.parts.size(), 3u);
  EXPECT_EQ(s.parts[0].text, "x ");
  EXPECT_EQ(at(s.parts[0].span), "1:20-1:22");
  ASSERT_TRUE(s.parts[1].expr);
  EXPECT_EQ(at(s.parts[1].span), "1:22-1:28");
  EXPECT_EQ(s.parts[1].expr->kind, ast::ExprKind::Ref);
  EXPECT_EQ(at(s.parts[1].expr->span), "1:24-1:27");
  EXPECT_EQ(s.parts[2].text, " y");
  EXPECT_EQ(at(s.parts[2].span), "1:28-1:30");
}

TEST(ParserTest, InterpolationForms) {
  // The first is parsed without ANTLR (a plain reference); all must agree.
  auto p = parse_ok(R"(param s: string = "${ image.digest }${true}${a . b}${f(x) + 1}")");
  ASSERT_TRUE(p->file);
  const auto& parts = p->file->params[0].default_value->parts;
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].expr->kind, ast::ExprKind::Ref);
  EXPECT_EQ(parts[0].expr->path[0].name, "image");
  EXPECT_EQ(at(parts[0].expr->span), "1:23-1:35");
  EXPECT_EQ(at(parts[0].expr->path[1].span), "1:29-1:35");
  EXPECT_EQ(parts[1].expr->kind, ast::ExprKind::Bool);
  EXPECT_EQ(parts[2].expr->path[1].name, "b");
  EXPECT_EQ(parts[3].expr->op, "+");
  EXPECT_EQ(parts[3].expr->items[0]->kind, ast::ExprKind::Call);
}

TEST(ParserTest, TripleStringDedentWithInterpolation) {
  auto p = parse_ok("pipeline p {\n"
                    "  step a {\n"
                    "    run \"\"\"\n"
                    "      echo ${params.tag}\n"
                    "        indented\n"
                    "      \n"
                    "      done\n"
                    "    \"\"\"\n"
                    "  }\n"
                    "}\n");
  ASSERT_TRUE(p->file);
  const ast::Expr& run = *p->file->pipelines[0].steps[0].body->run->value;
  EXPECT_TRUE(run.multiline);
  EXPECT_EQ(at(run.span), "3:9-8:8");
  ASSERT_EQ(run.parts.size(), 3u);
  EXPECT_EQ(run.parts[0].text, "echo ");
  EXPECT_EQ(at(run.parts[0].span), "4:7-4:12");
  ASSERT_TRUE(run.parts[1].expr);
  EXPECT_EQ(at(run.parts[1].span), "4:12-4:25");
  const ast::Expr& ref = *run.parts[1].expr;
  EXPECT_EQ(at(ref.span), "4:14-4:24");
  EXPECT_EQ(at(ref.path[1].span), "4:21-4:24");
  EXPECT_EQ(run.parts[2].text, "\n  indented\n\ndone");
  EXPECT_EQ(at(run.parts[2].span), "4:25-7:11");
}

TEST(ParserTest, TripleStringEdgeCases) {
  auto p = parse_ok("param a: string = \"\"\"one line\"\"\"\n"
                    "param b: string = \"\"\"\r\n  crlf\r\n  lines\r\n  \"\"\"\n"
                    "param c: string = \"\"\"\n\t\tx\n\t y\n  \"\"\"\n"
                    "param d: string = \"\"\"\n  \"quoted\" \\t\n  \"\"\"\n");
  ASSERT_TRUE(p->file);
  const auto& params = p->file->params;
  EXPECT_EQ(params[0].default_value->plain_text(), "one line");
  EXPECT_EQ(params[1].default_value->plain_text(), "crlf\nlines");
  // Only the common prefix (one tab) is removed, character by character.
  EXPECT_EQ(params[2].default_value->plain_text(), "\tx\n y");
  // Multi-line strings are raw: the backslash stays (scripts keep theirs).
  EXPECT_EQ(params[3].default_value->plain_text(), "\"quoted\" \\t");
}

TEST(ParserTest, TripleStringKeepsBackslashesButEscapesInterpolation) {
  auto p = parse_ok("param a: string = \"\"\"\n  printf 'x\\n' \\\n    \\${HOME}\n  \"\"\"\n");
  ASSERT_TRUE(p->file);
  EXPECT_EQ(p->file->params[0].default_value->plain_text(), "printf 'x\\n' \\\n  ${HOME}");
}

TEST(ParserTest, InterpolationErrors) {
  auto p = parse(R"(param a: string = "${}"
param b: string = "${a.b"
param c: string = "x ${a +} y"
param d: string = "${a @ b}"
param e: string = "${step.x}"
)");
  ASSERT_TRUE(p->file) << p->dump();
  const auto& diags = p->diags.in_emission_order();
  ASSERT_EQ(diags.size(), 5u) << p->dump();
  EXPECT_EQ(code(diags[0]), "E0007");
  EXPECT_EQ(at(diags[0].primary), "1:20-1:23");
  EXPECT_EQ(code(diags[1]), "E0007");
  EXPECT_EQ(at(diags[1].primary), "2:20-2:22");
  EXPECT_EQ(code(diags[2]), "E0007");
  EXPECT_EQ(at(diags[2].primary.begin), "3:27");  // the `}` where an operand was expected
  ASSERT_FALSE(diags[2].secondary.empty());
  EXPECT_EQ(at(diags[2].secondary.back().span), "3:22-3:28");
  EXPECT_EQ(code(diags[3]), "E0007");
  EXPECT_EQ(at(diags[3].primary), "4:24-4:25");
  EXPECT_EQ(code(diags[4]), "E0007");  // `step` is a keyword, not a name
  EXPECT_EQ(at(diags[4].primary), "5:22-5:26");
}

TEST(ParserTest, ImportsCannotInterpolate) {
  auto p = parse(R"(import "lib/${name}.slip")");
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  EXPECT_EQ(code(p->first()), "E0007");
  EXPECT_EQ(p->first().message, "imports cannot interpolate");
  EXPECT_EQ(at(p->first().primary), "1:13-1:20");
}

TEST(ParserTest, BadEscape) {
  auto p = parse("param s: string = \"a\\qb\"\n");
  ASSERT_TRUE(p->file) << p->dump();  // not a syntax error: the AST survives
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  EXPECT_EQ(code(p->first()), "E0006");
  EXPECT_EQ(p->first().message, "unknown escape `\\q`");
  EXPECT_EQ(at(p->first().primary), "1:21-1:23");
  ASSERT_TRUE(p->first().help.has_value());
  EXPECT_NE(p->first().help->find("\\u{...}"), std::string::npos);
}

TEST(ParserTest, BadUnicodeEscapes) {
  auto p = parse(R"(param s: string = "\u{D800} \u{110000} \u{} \u{1234567} \u41")");
  ASSERT_EQ(p->diags.in_emission_order().size(), 5u) << p->dump();
  for (const Diagnostic& d : p->diags.in_emission_order()) EXPECT_EQ(code(d), "E0006");
  EXPECT_EQ(at(p->first().primary), "1:20-1:28");
}

// ---------------------------------------------------------------- input errors

TEST(ParserTest, FileTooLarge) {
  ParseOptions options;
  options.max_file_bytes = 10;
  auto p = parse("pipeline p { }", options);
  EXPECT_EQ(p->file, nullptr);
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u);
  EXPECT_EQ(code(p->first()), "E0013");
  EXPECT_EQ(at(p->first().primary.begin), "1:1");
}

TEST(ParserTest, NulByte) {
  auto p = parse(std::string("pipeline p {\n  step a\0 { }\n}\n", 26));
  EXPECT_EQ(p->file, nullptr);
  ASSERT_FALSE(p->diags.in_emission_order().empty());
  EXPECT_EQ(code(p->first()), "E0004");
  EXPECT_EQ(p->first().message, "file contains a NUL byte");
  EXPECT_EQ(at(p->first().primary), "2:9-2:10");
}

TEST(ParserTest, InvalidUtf8ColumnCountsCodePoints) {
  // `é` and `→` are one column each, so the bad byte is at column 10.
  auto p = parse("pipeline p {\n  step é\xE2\x86\x92\xFF { }\n}\n");
  EXPECT_EQ(p->file, nullptr);
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  EXPECT_EQ(code(p->first()), "E0003");
  EXPECT_EQ(at(p->first().primary.begin), "2:10");
}

TEST(ParserTest, InvalidUtf8Forms) {
  const char* cases[] = {
      "\xC0\xAF",          // overlong `/`
      "\xE0\x80\xAF",      // overlong, three bytes
      "\xED\xA0\x80",      // UTF-16 surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xE2\x82",          // truncated at end of file
      "\xE2\x82x",         // truncated before ASCII
      "\x80",              // lone continuation byte
  };
  for (const char* bad : cases) {
    auto p = parse(std::string("# ") + bad);
    EXPECT_EQ(p->file, nullptr);
    ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
    EXPECT_EQ(code(p->first()), "E0003");
    EXPECT_EQ(at(p->first().primary.begin), "1:3");
  }
  EXPECT_TRUE(parse_ok("# \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF ok")->file);
}

TEST(ParserTest, ByteOrderMarkKeepsColumns) {
  auto p = parse("\xEF\xBB\xBFparam x: int = @");
  ASSERT_FALSE(p->diags.in_emission_order().empty());
  // The mark is column 1, as in SourceFile, so `@` is column 17.
  EXPECT_EQ(at(p->first().primary.begin), "1:17");
}

// ---------------------------------------------------------------- lexer errors

TEST(ParserTest, UnterminatedString) {
  auto p = parse("pipeline build {\n  step a {\n    image \"x\n  }\n}\n");
  EXPECT_EQ(p->file, nullptr);
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  const Diagnostic& d = p->first();
  EXPECT_EQ(code(d), "E0002");
  EXPECT_EQ(d.message, "unterminated string");
  EXPECT_EQ(at(d.primary), "3:11-3:12");
  EXPECT_EQ(d.primary_label, "this string is never closed");
  EXPECT_EQ(*d.help, "add a closing `\"` before the end of the line");
}

TEST(ParserTest, UnterminatedTripleString) {
  for (const char* end : {"", "\"", "\"\""}) {
    auto p = parse(std::string("param x: string = \"\"\"abc\n  }\n") + end);
    EXPECT_EQ(p->file, nullptr);
    ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
    EXPECT_EQ(code(p->first()), "E0002");
    EXPECT_EQ(p->first().message, "unterminated multi-line string");
    EXPECT_EQ(at(p->first().primary), "1:19-1:22");
  }
}

TEST(ParserTest, UnexpectedCharacters) {
  auto p = parse("pipeline p {\n  step a { image \"x\" @ }\n  step b { run \"y\"\x07 }\n}\n");
  EXPECT_EQ(p->file, nullptr);
  const auto& diags = p->diags.in_emission_order();
  ASSERT_EQ(diags.size(), 2u) << p->dump();
  EXPECT_EQ(code(diags[0]), "E0001");
  EXPECT_EQ(diags[0].message, "unexpected character `@`");
  EXPECT_EQ(at(diags[0].primary), "2:22-2:23");
  EXPECT_EQ(diags[1].message, "unexpected character `\\u{7}`");
}

// ---------------------------------------------------------------- syntax errors

TEST(ParserTest, UnknownStepProperty) {
  auto p = parse("pipeline build {\n  step a {\n    neds [a]\n  }\n}\n");
  EXPECT_EQ(p->file, nullptr);
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  const Diagnostic& d = p->first();
  EXPECT_EQ(code(d), "E0009");
  EXPECT_EQ(d.message, "unknown step property `neds`");
  EXPECT_EQ(at(d.primary), "3:5-3:9");
  ASSERT_TRUE(d.help.has_value());
  EXPECT_NE(d.help->find("needs"), std::string::npos);
  ASSERT_TRUE(d.fix.has_value());
  EXPECT_EQ(d.fix->replacement, "needs");
  EXPECT_EQ(at(d.fix->span), "3:5-3:9");
}

TEST(ParserTest, UnknownKeyword) {
  auto p = parse("pipelne build { }\n");
  ASSERT_FALSE(p->diags.in_emission_order().empty());
  EXPECT_EQ(code(p->first()), "E0009");
  EXPECT_EQ(p->first().message, "unknown keyword `pipelne`");
  EXPECT_EQ(*p->first().help, "did you mean `pipeline`?");
}

TEST(ParserTest, MissingBraceAtEndOfFile) {
  auto p = parse("pipeline build {\n  step a {\n    image \"x\"\n  }\n");
  EXPECT_EQ(p->file, nullptr);
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  const Diagnostic& d = p->first();
  EXPECT_EQ(code(d), "E0011");
  EXPECT_EQ(d.message, "this `{` is never closed");
  EXPECT_EQ(at(d.primary), "1:16-1:17");
  EXPECT_EQ(d.primary_label, "opened here");
  EXPECT_NE(d.help->find("add `}`"), std::string::npos);
}

TEST(ParserTest, MissingBraceBeforeNextStep) {
  auto p = parse("pipeline build {\n  step a {\n    image \"x\"\n\n  step b { run \"y\" }\n}\n");
  ASSERT_EQ(p->diags.in_emission_order().size(), 1u) << p->dump();
  EXPECT_EQ(code(p->first()), "E0001");
  EXPECT_EQ(p->first().message, "expected `}`, found `step`");
  EXPECT_EQ(at(p->first().primary), "5:3-5:7");
}

TEST(ParserTest, MismatchedCloser) {
  auto p = parse("pipeline p {\n  step a = t(x: 1 }\n}\n");
  EXPECT_EQ(p->file, nullptr);
  ASSERT_FALSE(p->diags.in_emission_order().empty());
  const Diagnostic& d = p->first();
  EXPECT_EQ(code(d), "E0001");
  EXPECT_EQ(d.message, "mismatched closing `}`");
  EXPECT_EQ(at(d.primary), "2:19-2:20");
  ASSERT_EQ(d.secondary.size(), 1u);
  EXPECT_EQ(at(d.secondary[0].span), "2:13-2:14");
}

TEST(ParserTest, ExpectedTokenMessages) {
  auto a = parse("pipeline p {\n  step a {\n    image \"x\" = 3\n  }\n}\n");
  ASSERT_FALSE(a->diags.in_emission_order().empty());
  EXPECT_EQ(a->first().message, "unexpected `=` in a step body");
  EXPECT_EQ(at(a->first().primary), "3:15-3:16");
  auto b = parse("param x int\n");
  ASSERT_FALSE(b->diags.in_emission_order().empty());
  EXPECT_EQ(b->first().message, "expected `:`, found `int`");
  auto c = parse("param x: int =\n");
  ASSERT_FALSE(c->diags.in_emission_order().empty());
  EXPECT_EQ(c->first().message, "expected an expression, found end of file");
}

TEST(ParserTest, IndependentErrorsInTwoStepsAreBothReported) {
  auto p = parse(R"(pipeline p {
  step a {
    imag "x"
  }
  step b {
    run = "y"
  }
}
)");
  EXPECT_EQ(p->file, nullptr);
  const auto& diags = p->diags.in_emission_order();
  ASSERT_EQ(diags.size(), 2u) << p->dump();
  EXPECT_EQ(code(diags[0]), "E0009");
  EXPECT_EQ(at(diags[0].primary.begin), "3:5");
  EXPECT_EQ(code(diags[1]), "E0001");
  EXPECT_EQ(at(diags[1].primary.begin), "6:9");
}

TEST(ParserTest, ErrorsAreCapped) {
  std::string text = "pipeline p {\n";
  for (int i = 0; i < 40; ++i) text += "  step s" + std::to_string(i) + " { imag \"x\" }\n";
  text += "}\n";
  auto p = parse(text);
  EXPECT_EQ(p->file, nullptr);
  const auto& diags = p->diags.in_emission_order();
  ASSERT_EQ(diags.size(), 21u) << p->dump();
  EXPECT_EQ(p->diags.error_count(), 20u);
  EXPECT_EQ(diags.back().severity, Severity::Note);
  EXPECT_EQ(diags.back().message, "too many errors; stopping");
}

TEST(ParserTest, DeepNestingIsRefusedWithoutCrashing) {
  auto brackets = parse("param x: int = " + std::string(10000, '['));
  EXPECT_EQ(brackets->file, nullptr);
  ASSERT_EQ(brackets->diags.in_emission_order().size(), 1u) << brackets->dump();
  EXPECT_EQ(code(brackets->first()), "E0005");
  EXPECT_EQ(brackets->first().message, "brackets nested more than 128 deep");
  EXPECT_EQ(at(brackets->first().primary.begin), "1:144");  // the 129th `[`

  auto operators = parse("param x: bool = " + std::string(100000, '!') + "x");
  EXPECT_EQ(code(operators->first()), "E0005");
  std::string nested_type = "param x: ";
  for (int i = 0; i < 1000; ++i) nested_type += "list<";
  nested_type += "int" + std::string(1000, '>');
  EXPECT_EQ(code(parse(nested_type)->first()), "E0005");

  std::string chain = "param x: int = 1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  auto long_chain = parse(chain);
  EXPECT_EQ(long_chain->file, nullptr);
  EXPECT_EQ(code(long_chain->first()), "E0005");

  std::string inner = "param x: string = \"${" + std::string(200, '(') + "}\"";
  EXPECT_EQ(code(parse(inner)->first()), "E0005");
}

TEST(ParserTest, NeverPrints) {
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  auto p = parse("pipeline p { step a { imag \"x\" @ ) } workflow { on pussh } \"${ ] }\"");
  EXPECT_EQ(p->file, nullptr);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(ParserTest, MutatedInputNeverCrashes) {
  std::mt19937 random(1234);
  const std::string alphabet = "{}[]()\"$\\:=,.<>!-+ \n\tabz019_#/\xC3\xA9";
  std::string source = kEveryProperty;
  for (int round = 0; round < 300; ++round) {
    std::string text = source;
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at_byte = random() % (text.size() + 1);
      if (random() % 2 == 0 && at_byte < text.size()) {
        text.erase(at_byte, 1 + random() % 8);
      } else {
        text.insert(at_byte, 1, alphabet[random() % alphabet.size()]);
      }
    }
    auto p = parse(text);
    if (p->file == nullptr) {
      EXPECT_TRUE(p->diags.has_errors()) << text;
    }
  }
}

TEST(ParserTest, LargeFileParses) {
  std::string text = "pipeline big {\n";
  for (int i = 0; i < 20000; ++i) {
    std::string n = std::to_string(i);
    text += "  step s" + n + " {\n    image \"alpine:3.20\"\n    run \"\"\"\n      echo " + n +
            " ${params.tag}\n      make target_" + n + "\n    \"\"\"\n    env { A = \"x" + n +
            "\" B = \"${git.sha}\" }\n    needs [s" + std::to_string(i == 0 ? 1 : i - 1) +
            "]\n    timeout 1h30m\n    retry 2\n    outputs { digest: string }\n"
            "    files { \"/etc/app/" + n + ".json\" = \"{}\" }\n  }\n";
  }
  text += "}\n";
  ASSERT_GT(text.size(), 5u << 20);
  auto p = parse(text);
  ASSERT_TRUE(p->file) << p->dump();
  EXPECT_TRUE(p->diags.in_emission_order().empty()) << p->dump();
  EXPECT_EQ(p->file->pipelines[0].steps.size(), 20000u);
}

}  // namespace
}  // namespace slipway
