// Small pure pieces of the runtime: tar, stream framing, masking, the
// outputs protocol, DOCKER_HOST, .slipwayignore, secrets, secret delivery.

#include <gtest/gtest.h>

#include "runtime/condition.h"
#include "runtime/docker/secret_delivery.h"
#include "runtime/dry_run_runner.h"
#include "runtime/engine/endpoint.h"
#include "runtime/engine/stream_demux.h"
#include "runtime/engine/tar.h"
#include "runtime/masker.h"
#include "runtime/outputs.h"
#include "runtime/secrets.h"
#include "runtime/workspace.h"
#include "tests/support/test_support.h"

namespace slipway::runtime {
namespace {

using namespace engine;

std::string frame(int stream, const std::string& payload) {
  std::string h(8, '\0');
  h[0] = static_cast<char>(stream);
  uint32_t n = static_cast<uint32_t>(payload.size());
  h[4] = static_cast<char>(n >> 24);
  h[5] = static_cast<char>(n >> 16);
  h[6] = static_cast<char>(n >> 8);
  h[7] = static_cast<char>(n);
  return h + payload;
}

TEST(Tar, RoundTripsFilesDirectoriesLinksAndLongNames) {
  TarWriter w;
  w.add_directory("src", 0755);
  w.add_file("src/main.cc", "int main() {}\n", 0644, 1700000000);
  w.add_file("run.sh", "#!/bin/sh\n", 0755);
  std::string long_name = "a/" + std::string(150, 'x') + "/file.txt";
  w.add_file(long_name, "deep");
  w.add(TarEntry{TarEntry::Type::Symlink, "link", "", "src/main.cc", 0777, 0});
  w.add_file("empty", "");
  std::string data = w.finish();
  EXPECT_EQ(data.size() % 512, 0u);
  auto entries = read_tar(data);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 6u);
  EXPECT_EQ((*entries)[0].type, TarEntry::Type::Directory);
  EXPECT_EQ((*entries)[0].path, "src");
  EXPECT_EQ((*entries)[1].content, "int main() {}\n");
  EXPECT_EQ((*entries)[1].mtime, 1700000000);
  EXPECT_EQ((*entries)[2].mode, 0755u);
  EXPECT_EQ((*entries)[3].path, long_name);
  EXPECT_EQ((*entries)[3].content, "deep");
  EXPECT_EQ((*entries)[4].link, "src/main.cc");
  EXPECT_EQ((*entries)[5].content, "");
}

TEST(Tar, RejectsCorruptHeaders) {
  TarWriter w;
  w.add_file("a", "b");
  std::string data = w.finish();
  data[10] ^= 1;
  EXPECT_FALSE(read_tar(data));
  EXPECT_FALSE(read_tar(std::string(511, 'x') + std::string(1, '\0')).has_value() &&
               !read_tar(std::string(511, 'x') + std::string(1, '\0'))->empty());
}

TEST(StreamDemux, ReassemblesLinesAcrossFramesAndSplitsInsideFrames) {
  StreamDemux d;
  std::vector<StreamLine> lines;
  std::string bytes = frame(1, "one\ntw") + frame(2, "err\n") + frame(1, "o\nthree");
  // Feed byte by byte: headers split too.
  for (char c : bytes) d.feed(std::string(1, c), lines);
  d.finish(lines);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "one");
  EXPECT_EQ(lines[1].stream, StreamKind::Stderr);
  EXPECT_EQ(lines[1].text, "err");
  EXPECT_EQ(lines[2].text, "two");
  EXPECT_EQ(lines[3].text, "three");
}

TEST(StreamDemux, TtyStreamsHaveNoFramesAndCrlf) {
  auto lines = demux_all("a\r\nb\r\n", true);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "a");
}

TEST(Masker, MasksValuesAndEachLineOfMultiLineValues) {
  Masker m;
  m.add("hunter2");
  m.add("line one\nline two\n");
  EXPECT_EQ(m.mask("pw=hunter2!"), "pw=***!");
  EXPECT_EQ(m.mask("line two"), "***");
  EXPECT_EQ(m.mask("x line one y"), "x *** y");
  EXPECT_EQ(m.mask("nothing"), "nothing");
}

TEST(Masker, MasksASecretSplitAcrossTwoFramesAfterReassembly) {
  Masker m;
  m.add("sup3rs3cret");
  StreamDemux d;
  std::vector<StreamLine> lines;
  d.feed(frame(1, "token=sup3r"), lines);
  EXPECT_TRUE(lines.empty());
  d.feed(frame(1, "s3cret\n"), lines);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(m.mask(lines[0].text), "token=***");
}

TEST(Outputs, ParsesLinesAndHeredocs) {
  auto v = parse_outputs_file("a=1\nb=x=y\nnotes<<END\nfirst\nsecond\nEND\na=2\n");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->at("a"), "2");
  EXPECT_EQ(v->at("b"), "x=y");
  EXPECT_EQ(v->at("notes"), "first\nsecond");
  EXPECT_FALSE(parse_outputs_file("novalue\n"));
  EXPECT_FALSE(parse_outputs_file("x<<EOF\nnever closed\n"));
}

TEST(Outputs, ChecksTypes) {
  EXPECT_TRUE(value_has_type("-12", ir::TypeKind::Int));
  EXPECT_FALSE(value_has_type("12a", ir::TypeKind::Int));
  EXPECT_FALSE(value_has_type("", ir::TypeKind::Int));
  EXPECT_FALSE(value_has_type("99999999999999999999", ir::TypeKind::Int));
  EXPECT_TRUE(value_has_type("true", ir::TypeKind::Bool));
  EXPECT_FALSE(value_has_type("yes", ir::TypeKind::Bool));
  EXPECT_TRUE(value_has_type("1h30m", ir::TypeKind::Duration));
  EXPECT_TRUE(value_has_type("500ms", ir::TypeKind::Duration));
  EXPECT_FALSE(value_has_type("5 min", ir::TypeKind::Duration));
  std::vector<ir::OutputDecl> decls = {{"n", ir::Type::of(ir::TypeKind::Int), {}},
                                       {"s", ir::Type::of(ir::TypeKind::String), {}}};
  auto bad = check_outputs({{"n", "x"}}, decls);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "output `n` must be an int, found \"x\"; output `s` (string) was not written");
}

TEST(Endpoint, FollowsDockerHost) {
  auto d = parse_docker_host(std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->socket_path, "/var/run/docker.sock");
  EXPECT_EQ(d->display, "unix:///var/run/docker.sock");
  auto u = parse_docker_host(std::string("unix:///tmp/d.sock"));
  EXPECT_EQ(u->socket_path, "/tmp/d.sock");
  auto t = parse_docker_host(std::string("tcp://10.0.0.2:2376"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->kind, Endpoint::Kind::Tcp);
  EXPECT_EQ(t->base_url(), "http://10.0.0.2:2376");
  auto v6 = parse_docker_host(std::string("tcp://[::1]:2375"));
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_FALSE(parse_docker_host(std::string("ssh://me@host")));
}

TEST(IgnoreRules, GitignoreLikePatterns) {
  IgnoreRules r("# comment\n*.log\nbuild/\n/docs/*.pdf\n!keep.log\n");
  EXPECT_TRUE(r.ignored("a.log"));
  EXPECT_TRUE(r.ignored("x/y/a.log"));
  EXPECT_FALSE(r.ignored("keep.log"));
  EXPECT_TRUE(r.ignored("build/out.o"));
  EXPECT_TRUE(r.ignored("src/build/out.o"));
  EXPECT_FALSE(r.ignored("build"));  // a file named build is not a directory
  EXPECT_TRUE(r.ignored("docs/a.pdf"));
  EXPECT_FALSE(r.ignored("x/docs/a.pdf"));
  EXPECT_FALSE(r.ignored("src/main.cc"));
}

TEST(Workspace, PacksADirectoryHonouringSlipwayignore) {
  std::string dir = slipway::test::make_temp_dir("slipway-ws");
  slipway::test::write_file(dir + "/a.txt", "A");
  slipway::test::write_file(dir + "/sub/b.txt", "B");
  slipway::test::write_file(dir + "/tmp/junk", "J");
  slipway::test::write_file(dir + "/.slipwayignore", "tmp/\n");
  auto ws = pack_workspace(dir);
  ASSERT_TRUE(ws) << ws.error().message;
  EXPECT_FALSE(ws->from_git);
  auto entries = read_tar(ws->tar);
  ASSERT_TRUE(entries);
  std::set<std::string> paths;
  for (const auto& e : *entries) paths.insert(e.path);
  EXPECT_TRUE(paths.count("a.txt"));
  EXPECT_TRUE(paths.count("sub/b.txt"));
  EXPECT_TRUE(paths.count(".slipway/outputs"));
  EXPECT_FALSE(paths.count("tmp/junk"));
}

TEST(Secrets, SourcesInOrderAndClearErrors) {
  auto compiled = slipway::test::compile_text(R"(
secret api_key
secret bound { local env = "BOUND_VAR" }
secret from_file { local file = "/nonexistent/secret" }
pipeline p {
  step s {
    image "busybox"
    run "x"
    env { A = api_key  B = bound  C = from_file }
  }
}
workflow w { p }
)");
  ASSERT_TRUE(compiled->errors().empty()) << compiled->codes();
  const ir::Workflow& w = compiled->program.workflows[0];
  std::map<std::string, std::string> env = {{"API_KEY", "k1"}, {"BOUND_VAR", "b1"}, {"OTHER", "o1"}};
  EnvLookup lookup = [&](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  auto ok = load_secrets(w, {"api_key", "bound"}, {}, lookup);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(*ok->find("api_key"), "k1");
  EXPECT_EQ(*ok->find("bound"), "b1");
  SecretSources cli;
  cli.cli = {"bound=env:OTHER"};
  auto over = load_secrets(w, {"bound"}, cli, lookup);
  EXPECT_EQ(*over->find("bound"), "o1");
  auto missing = load_secrets(w, {"from_file"}, {}, lookup);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "secret `from_file` has no local value: cannot read `/nonexistent/secret` (its `local` binding)");
  cli.cli = {"nope=env:X"};
  EXPECT_FALSE(load_secrets(w, {}, cli, lookup));
}

TEST(Secrets, SecretsFileAndTheFallbackFile) {
  auto compiled = slipway::test::compile_text(R"(
secret token { local env = "TOKEN_VAR" }
pipeline p { step s { image "busybox" run "x" env { T = token } } }
workflow w { p }
)");
  ASSERT_TRUE(compiled->errors().empty()) << compiled->codes();
  const ir::Workflow& w = compiled->program.workflows[0];
  std::string dir = slipway::test::make_temp_dir("slipway-secrets");
  slipway::test::write_file(dir + "/explicit", "# comment\ntoken=from-file\n");
  slipway::test::write_file(dir + "/fallback", "token=demo\n");
  std::optional<std::string> bound;
  EnvLookup lookup = [&](const std::string& n) { return n == "TOKEN_VAR" ? bound : std::nullopt; };
  SecretSources sources;
  sources.fallback_file = dir + "/fallback";
  auto demo = load_secrets(w, {"token"}, sources, lookup);
  ASSERT_TRUE(demo) << demo.error().message;
  EXPECT_EQ(*demo->find("token"), "demo");
  EXPECT_EQ(demo->from_fallback, std::vector<std::string>{"token"});
  bound = "from-env";
  EXPECT_EQ(*load_secrets(w, {"token"}, sources, lookup)->find("token"), "from-env");
  sources.secrets_file = dir + "/explicit";
  EXPECT_EQ(*load_secrets(w, {"token"}, sources, lookup)->find("token"), "from-file");
}

TEST(Condition, EvaluatesAgainstTheGitContext) {
  ir::Condition branch{ir::Condition::Op::Equals, ir::ContextKey::GitBranch, "main", {}, {}};
  ir::Condition tag{ir::Condition::Op::Matches, ir::ContextKey::GitTag, "v*", {}, {}};
  ir::Condition either{ir::Condition::Op::Or, ir::ContextKey::GitBranch, "", {branch, tag}, {}};
  GitContext git;
  RunIdentity run;
  git.branch = "dev";
  EXPECT_FALSE(evaluate_condition(either, git, run));
  git.tag = "v1.2";
  EXPECT_TRUE(evaluate_condition(either, git, run));
  EXPECT_EQ(describe_condition(either), "git.branch == \"main\" || git.tag matches \"v*\"");
  git.tag = "";
  ir::Condition any_tag{ir::Condition::Op::Matches, ir::ContextKey::GitTag, "*", {}, {}};
  EXPECT_FALSE(evaluate_condition(any_tag, git, run));  // no tag matches nothing
}

TEST(SecretDelivery, KeepsValuesOutOfTheCommandLine) {
  auto d = docker::deliver_secrets({"sh", "-c", "echo $TOKEN"}, {{"TOKEN", "it's hunter2"}},
                                   {{"/etc/app/key", "k\nv", true}});
  ASSERT_TRUE(d);
  for (const auto& a : d->entrypoint) EXPECT_EQ(a.find("hunter2"), std::string::npos);
  for (const auto& a : d->cmd) EXPECT_EQ(a.find("hunter2"), std::string::npos);
  EXPECT_NE(d->stdin_script.find("export TOKEN='it'\\''s hunter2'"), std::string::npos);
  EXPECT_FALSE(docker::deliver_secrets({"x"}, {{"BAD-NAME", "v"}}, {}));
  EXPECT_FALSE(docker::deliver_secrets({}, {{"A", "v"}}, {}));
}

TEST(DryRun, DescribesWithoutSecretValues) {
  StepSpec spec;
  spec.id = "p.s";
  spec.image = "busybox";
  spec.entrypoint = std::vector<std::string>{"sh"};
  spec.cmd = std::vector<std::string>{"-c", "echo one\necho two"};
  spec.env = {{"A", "1"}};
  spec.secret_env = {{"T", "hunter2"}};
  spec.workdir = "/workspace";
  std::string all;
  for (const auto& l : DryRunRunner::describe(spec)) all += l + "\n";
  EXPECT_NE(all.find("would run image busybox in /workspace"), std::string::npos);
  EXPECT_NE(all.find("    echo two"), std::string::npos);
  EXPECT_NE(all.find("env T=*** (secret"), std::string::npos);
  EXPECT_EQ(all.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace slipway::runtime
