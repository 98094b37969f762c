// The Concourse backend: goldens for every concept case and example, schema
// validation, determinism, one test per rejection (code and span), the
// series-parallel decomposition, and round trips: values read back from the
// YAML, and the task program run by sh the way a task container would.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <regex>
#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "backends/concourse/image.h"
#include "backends/concourse/interpolation.h"
#include "backends/concourse/program.h"
#include "backends/concourse/series_parallel.h"
#include "backends/concourse/sources.h"
#include "backends/concourse/task.h"
#include "tests/backends/backend_harness.h"
#include "tests/backends/concourse_harness.h"

namespace slipway::test {
namespace {

namespace fs = std::filesystem;
using namespace backends::concourse;

std::string cases_dir() { return source_dir() + "/tests/backends/cases/"; }

const backends::GeneratedFile* pipeline_file(const TargetRun& run) {
  for (const auto& f : run.output.files)
    if (f.path == "pipeline.yml") return &f;
  return nullptr;
}

/// The places where the community schema (reflected from Concourse 7.x Go
/// types, see ../shared/schemas/PROVENANCE.md) is stricter than Concourse:
/// - `image_resource` requires `name`, which Concourse's ImageResource does
///   not have (task configs are decoded with unknown fields disallowed, so
///   writing it would break the pipeline);
/// - step-level `attempts`, `on_failure`, `on_error` and `ensure` exist on
///   every Concourse step, but the schema's steps omit these modifiers and
///   hooks.
/// Exactly those paths are allowed to fail; anything else must validate.
std::vector<std::string> schema_allowlist(const std::string& yaml) {
  std::vector<std::string> out;
  YAML::Node doc = YAML::Load(yaml);
  for_each_plan_step(doc, [&](const YAML::Node& step, const std::string& path) {
    if (step["task"]) out.push_back(path + ".config.image_resource");
    for (const char* key : {"attempts", "on_failure", "on_error", "ensure"})
      if (step[key]) {
        out.push_back(path);
        break;
      }
  });
  return out;
}

void expect_valid(const TargetRun& run) {
  const auto* file = pipeline_file(run);
  if (!file) return;
  expect_schema_valid("concourse", run.output.files, schema_allowlist(file->content));
}

TEST(ConcourseGolden, ConceptCases) {
  for (const auto& path : concept_cases()) {
    SCOPED_TRACE(path);
    TargetRun run = run_target("concourse", path);
    expect_golden("concourse", case_name(path), run);
    expect_valid(run);
  }
}

TEST(ConcourseGolden, Examples) {
  for (const auto& path : example_files()) {
    SCOPED_TRACE(path);
    TargetRun run = run_target("concourse", path);
    expect_golden("concourse", case_name(path), run);
    expect_valid(run);
  }
}

TEST(Concourse, OutputIsDeterministic) {
  for (const auto& path : concept_cases()) {
    TargetRun a = run_target("concourse", path);
    TargetRun b = run_target("concourse", path);
    ASSERT_EQ(a.output.files.size(), b.output.files.size()) << path;
    for (size_t i = 0; i < a.output.files.size(); ++i)
      EXPECT_EQ(a.output.files[i].content, b.output.files[i].content) << path;
    EXPECT_EQ(a.diagnostics_text(), b.diagnostics_text()) << path;
  }
}

struct Rejection {
  const char* file;
  DiagCode code;
  uint32_t line;
  uint32_t col;
};

TEST(ConcourseRejects, EachCodeAtItsSourceConstruct) {
  const Rejection cases[] = {
      {"concourse_step_gate.slip", DiagCode::E0561, 11, 5},
      {"concourse_build_metadata.slip", DiagCode::E0563, 5, 18},
      {"concourse_condition.slip", DiagCode::E0564, 12, 15},
      {"concourse_image_var.slip", DiagCode::E0566, 4, 11},
      {"concourse_secret_binding.slip", DiagCode::E0567, 3, 3},
      {"concourse_no_run.slip", DiagCode::E0568, 3, 8},
      {"concourse_environment.slip", DiagCode::E0570, 10, 22},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    TargetRun run = run_target("concourse", cases_dir() + c.file);
    EXPECT_TRUE(run.output.files.empty()) << "a rejected workflow writes no file";
    ASSERT_FALSE(run.output.diagnostics.empty());
    const Diagnostic& d = run.output.diagnostics.front();
    EXPECT_EQ(code_info(d.code).id, code_info(c.code).id) << d.message;
    EXPECT_EQ(d.primary.begin.line, c.line) << d.message;
    EXPECT_EQ(d.primary.begin.col, c.col) << d.message;
    EXPECT_NE(d.message.find("Concourse"), std::string::npos) << "names the target: " << d.message;
    EXPECT_TRUE(d.help.has_value()) << d.message;
  }
}

TEST(Concourse, NonSeriesParallelDagIsANoteAtTheWaitingStep) {
  TargetRun run = run_target("concourse", cases_dir() + "concourse_non_series_parallel.slip");
  ASSERT_NE(pipeline_file(run), nullptr) << "a note does not stop the compilation";
  ASSERT_EQ(run.output.diagnostics.size(), 1u);
  const Diagnostic& d = run.output.diagnostics[0];
  EXPECT_EQ(d.code, DiagCode::E0565);
  EXPECT_EQ(d.severity, Severity::Note);
  EXPECT_EQ(d.primary.begin.line, 17u);  // step d
  EXPECT_NE(d.message.find("`ci.d` also waits for `a`"), std::string::npos) << d.message;
}

const char* kOneStep = R"(
workflow ci {
  step hello {
    image "alpine:3.20"
    run ["echo", "hi"]
  }
}
)";

TEST(ConcourseRejects, SeveralWorkflows) {
  auto out = compile_target_text("concourse", std::string(kOneStep) + "workflow other {\n  step x {\n    image \"alpine:3.20\"\n"
                                                             "    run [\"true\"]\n  }\n}\n");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0501);
  EXPECT_EQ(out.diagnostics[0].primary.begin.line, 8u);
  EXPECT_TRUE(out.files.empty());
}

TEST(ConcourseRejects, UnknownOrInvalidSetting) {
  auto unknown = compile_target_text("concourse", kOneStep, {{"concourse.team", "x"}, {"gitlab.gate_image", "alpine"}});
  ASSERT_EQ(unknown.diagnostics.size(), 1u);
  EXPECT_EQ(unknown.diagnostics[0].code, DiagCode::E0560);
  auto glob = compile_target_text("concourse", kOneStep, {{"concourse.branch", "release/*"}});
  ASSERT_EQ(glob.diagnostics.size(), 1u);
  EXPECT_EQ(glob.diagnostics[0].code, DiagCode::E0560);
  auto image = compile_target_text("concourse", kOneStep, {{"concourse.docker_image", "docker:((v))"}});
  ASSERT_EQ(image.diagnostics.size(), 1u);
  EXPECT_EQ(image.diagnostics[0].code, DiagCode::E0560);
  auto ok = compile_target_text("concourse", kOneStep, {{"concourse.repository", "https://example.com/app.git"},
                                              {"concourse.branch", "develop"}});
  EXPECT_TRUE(ok.diagnostics.empty());
  ASSERT_EQ(ok.files.size(), 1u);
  YAML::Node doc = YAML::Load(ok.files[0].content);
  EXPECT_EQ(doc["resources"][0]["source"]["uri"].as<std::string>(), "https://example.com/app.git");
  EXPECT_EQ(doc["resources"][0]["source"]["branch"].as<std::string>(), "develop");
}

TEST(ConcourseRejects, BranchTheTriggersDoNotWatch) {
  auto out = compile_target_text("concourse", R"(
workflow ci {
  on push branches ["release/*"]
  step hello {
    image "alpine:3.20"
    run ["echo", "hi"]
  }
}
)");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, DiagCode::E0560);
  EXPECT_EQ(out.diagnostics[0].primary.begin.line, 3u);
  auto set = compile_target_text("concourse", R"(
workflow ci {
  on push branches ["release/*"]
  step hello {
    image "alpine:3.20"
    run ["echo", "hi"]
  }
}
)",
                                    {{"concourse.branch", "release/1.2"}});
  EXPECT_TRUE(set.diagnostics.empty());
}

TEST(Concourse, ImageReferencesSplitForRegistryImage) {
  auto check = [](const std::string& ref, const std::string& repo, const std::string& tag, const std::string& digest) {
    ImageResource image = parse_image(ref);
    EXPECT_EQ(image.repository, repo) << ref;
    EXPECT_EQ(image.tag, tag) << ref;
    EXPECT_EQ(image.digest, digest) << ref;
  };
  check("alpine", "alpine", "latest", "");
  check("alpine:3.20", "alpine", "3.20", "");
  check("host:5000/team/app:1.2", "host:5000/team/app", "1.2", "");
  check("host:5000/team/app", "host:5000/team/app", "latest", "");
  check("app@sha256:abc", "app", "", "sha256:abc");
  check("ghcr.io/a/b:1@sha256:abc", "ghcr.io/a/b", "", "sha256:abc");
}

TEST(Concourse, VarOpeningsSplitSoThatNoPieceHoldsOne) {
  EXPECT_EQ(split_at_var_openings("a((b))c"), (std::vector<std::string>{"a", "b))c"}));
  EXPECT_EQ(split_at_var_openings("$((x))"), (std::vector<std::string>{"$", "x))"}));
  EXPECT_EQ(split_at_var_openings("(((x"), (std::vector<std::string>{"", "(x"}));
  EXPECT_EQ(split_at_var_openings("plain"), (std::vector<std::string>{"plain"}));
  EXPECT_FALSE(has_var_opening(task_program(false))) << "the task program must survive interpolation";
  EXPECT_FALSE(has_var_opening(task_program(true)));
  EXPECT_TRUE(is_var_reference("ci/api-token"));
  EXPECT_TRUE(is_var_reference("vault:ci/token.value"));
  EXPECT_FALSE(is_var_reference("deploy key"));
  EXPECT_FALSE(is_var_reference(".:local"));
  EXPECT_FALSE(is_var_reference(""));
}

TEST(Concourse, GlobsAndConditionsPerResource) {
  Source main{"source", "", "main", "", true};
  Source tags{"source-tags", "-tags", "", "v*", true};
  ir::Condition on_main{ir::Condition::Op::Equals, ir::ContextKey::GitBranch, "main", {}, {}};
  ir::Condition v_tag{ir::Condition::Op::Matches, ir::ContextKey::GitTag, "v*", {}, {}};
  ir::Condition other_tag{ir::Condition::Op::Matches, ir::ContextKey::GitTag, "v1.*", {}, {}};
  ir::Condition either{ir::Condition::Op::Or, ir::ContextKey::GitBranch, "", {on_main, v_tag}, {}};
  EXPECT_EQ(decide(on_main, main), Truth::True);
  EXPECT_EQ(decide(on_main, tags), Truth::False);
  EXPECT_EQ(decide(either, main), Truth::True);
  EXPECT_EQ(decide(either, tags), Truth::True);
  EXPECT_EQ(decide(other_tag, main), Truth::False);
  EXPECT_EQ(decide(other_tag, tags), Truth::Unknown);
}

TEST(Concourse, DurationsInGoForm) {
  EXPECT_EQ(concourse_duration(90 * 60 * 1000), "1h30m");
  EXPECT_EQ(concourse_duration(1500), "1500ms");
  EXPECT_EQ(concourse_duration(2 * 3600 * 1000 + 5000), "2h5s");
  EXPECT_EQ(concourse_duration(0), "0s");
}

// ---- series-parallel decomposition ------------------------------------------

std::string shape(const SpNode& node) {
  if (node.kind == SpNode::Kind::Leaf) return std::string(1, static_cast<char>('a' + node.leaf));
  std::string out = node.kind == SpNode::Kind::Series ? "do(" : "par(";
  for (size_t i = 0; i < node.children.size(); ++i) out += (i ? "," : "") + shape(node.children[i]);
  return out + ")";
}

TEST(SeriesParallel, ExactForSeriesParallelDags) {
  EXPECT_EQ(shape(series_parallel(1, {}).tree), "a");
  EXPECT_EQ(shape(series_parallel(3, {}).tree), "par(a,b,c)");
  EXPECT_EQ(shape(series_parallel(3, {{0, 1}, {1, 2}}).tree), "do(a,b,c)");
  // fan-out and fan-in: a → (b | c) → d
  auto diamond = series_parallel(4, {{0, 1}, {0, 2}, {1, 3}, {2, 3}});
  EXPECT_EQ(shape(diamond.tree), "do(a,par(b,c),d)");
  EXPECT_TRUE(diamond.added.empty());
  // declared out of order: d needs b and c, which run beside a
  auto dag = series_parallel(4, {{1, 0}, {2, 0}});
  EXPECT_EQ(shape(dag.tree), "par(do(par(b,c),a),d)");
  EXPECT_TRUE(dag.added.empty());
  // transitive edges say nothing more
  EXPECT_EQ(shape(series_parallel(3, {{0, 1}, {1, 2}, {0, 2}}).tree), "do(a,b,c)");
}

TEST(SeriesParallel, NShapeAddsTheFewestWaits) {
  // c needs a and b, d needs b: d also waits for a.
  auto n = series_parallel(4, {{0, 2}, {1, 2}, {1, 3}});
  EXPECT_EQ(shape(n.tree), "do(par(a,b),par(c,d))");
  ASSERT_EQ(n.added.size(), 1u);
  EXPECT_EQ(n.added[0].node, 3u);
  EXPECT_EQ(n.added[0].waits_for, (std::vector<size_t>{0}));
}

TEST(SeriesParallel, KeepsEveryOrderingOfLargeRandomDags) {
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245 + 12345, (seed >> 16) & 0x7fff; };
  for (int round = 0; round < 50; ++round) {
    size_t n = 2 + next() % 9;
    std::vector<std::pair<size_t, size_t>> edges;
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j)
        if (next() % 3 == 0) edges.push_back({i, j});
    SpDecomposition d = series_parallel(n, edges);
    // position[x] = (series path) ordering check: a before b in the tree
    // when they sit in different children of a Series node, in that order.
    std::function<void(const SpNode&, std::vector<size_t>&)> leaves = [&](const SpNode& node, std::vector<size_t>& out) {
      if (node.kind == SpNode::Kind::Leaf) out.push_back(node.leaf);
      for (const auto& c : node.children) leaves(c, out);
    };
    std::vector<size_t> all;
    leaves(d.tree, all);
    ASSERT_EQ(all.size(), n) << "every node appears once";
    std::function<bool(const SpNode&, size_t, size_t)> before = [&](const SpNode& node, size_t a, size_t b) {
      if (node.kind == SpNode::Kind::Leaf) return false;
      int ia = -1, ib = -1;
      for (size_t i = 0; i < node.children.size(); ++i) {
        std::vector<size_t> in;
        leaves(node.children[i], in);
        if (std::find(in.begin(), in.end(), a) != in.end()) ia = static_cast<int>(i);
        if (std::find(in.begin(), in.end(), b) != in.end()) ib = static_cast<int>(i);
      }
      if (ia == ib) return before(node.children[ia], a, b);
      return node.kind == SpNode::Kind::Series && ia < ib;
    };
    for (const auto& [from, to] : edges) EXPECT_TRUE(before(d.tree, from, to)) << "round " << round;
  }
}

// ---- round trips --------------------------------------------------------------

TEST(Concourse, HostileStringsReachTheYamlExactlyOrInPieces) {
  TargetRun run = run_target("concourse", cases_dir() + "hostile_strings.slip");
  const auto* file = pipeline_file(run);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->content.find("{{"), file->content.find("${{") + 1) << "no `{{` except inside user text";
  YAML::Node doc = YAML::Load(file->content);
  // No string in the file holds a `((` that Slipway did not put there.
  std::function<void(const YAML::Node&)> scan = [&](const YAML::Node& n) {
    if (n.IsSequence()) {
      for (const auto& c : n) scan(c);
    } else if (n.IsMap()) {
      for (const auto& kv : n) scan(kv.second);
    } else if (n.IsScalar()) {
      std::string text = n.as<std::string>();
      bool slipway_var = text.rfind("((", 0) == 0 && text.ends_with("))") && text.find("((", 2) == std::string::npos;
      EXPECT_TRUE(slipway_var || !has_var_opening(text)) << text;
    }
  };
  scan(doc);
}

TEST(ConcourseRuntime, HostileValuesReachTheProcessExactly) {
  TargetRun run = run_target("concourse", cases_dir() + "hostile_strings.slip");
  const auto* file = pipeline_file(run);
  ASSERT_NE(file, nullptr);
  YAML::Node doc = YAML::Load(file->content);
  const ir::Step* argv = run.front->program.workflows[0].instances[0].find_step("ci.echo_argv");
  ASSERT_NE(argv, nullptr);
  std::string dir = make_temp_dir("slipway-concourse-task");
  fs::create_directories(dir + "/source/dir with spaces/$x");
  TaskRun r = run_task(find_task(doc, "echo-argv"), {}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string expected;
  for (size_t i = 2; i < argv->argv.size(); ++i) {
    const ir::Value& v = argv->argv[i];
    std::string text;
    for (const auto& p : v.parts) text += p.text;
    if (!v.is_literal()) {
      const ir::Param* note = run.front->program.workflows[0].find_param("note");
      ASSERT_NE(note, nullptr);
      text = note->default_value->literal_text();
    }
    expected += text + "\n";
  }
  EXPECT_EQ(r.out, expected);
  TaskRun s = run_task(find_task(doc, "echo-script"), {}, dir);
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("((x))"), std::string::npos) << s.out;
  fs::remove_all(dir);
}

TEST(ConcourseRuntime, OutputsTravelThroughTheValuesDirectory) {
  auto out = compile_target_text("concourse", R"(
workflow ci {
  step count {
    image "alpine:3.20"
    run "echo n=41 >> $SLIPWAY_OUTPUTS; printf 'text<<EOF\nline ((1))\nline 2\nEOF\n' >> $SLIPWAY_OUTPUTS"
    outputs {
      n: int
      text: string
    }
  }
  step use {
    image "alpine:3.20"
    run ["echo", "${count.n}|${count.text}"]
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  std::string dir = make_temp_dir("slipway-concourse-task");
  fs::create_directories(dir + "/source");
  fs::create_directories(dir + "/values-ci-count");
  TaskRun produce = run_task(find_task(doc, "count"), {}, dir);
  ASSERT_EQ(produce.exit_code, 0) << produce.err;
  EXPECT_EQ(read_file(dir + "/values-ci-count/n"), "41");
  EXPECT_EQ(read_file(dir + "/values-ci-count/text"), "line ((1))\nline 2");
  // load_var (format: raw) hands the file's bytes to ((.:var)).
  TaskRun use = run_task(find_task(doc, "use"), {{".:ci-count-n", "41"}, {".:ci-count-text", "line ((1))\nline 2"}}, dir);
  ASSERT_EQ(use.exit_code, 0) << use.err;
  EXPECT_EQ(use.out, "41|line ((1))\nline 2\n");
  fs::remove_all(dir);
}

TEST(ConcourseRuntime, BadOutputFailsTheProducerClearly) {
  auto out = compile_target_text("concourse", R"(
workflow ci {
  step count {
    image "alpine:3.20"
    run "echo n=abc >> $SLIPWAY_OUTPUTS"
    outputs { n: int }
  }
  step use {
    image "alpine:3.20"
    run ["echo", "${count.n}"]
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  std::string dir = make_temp_dir("slipway-concourse-task");
  fs::create_directories(dir + "/source");
  fs::create_directories(dir + "/values-ci-count");
  TaskRun r = run_task(find_task(doc, "count"), {}, dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("slipway: step ci.count: output `n` must be of type int, found \"abc\""), std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

TEST(ConcourseRuntime, OutputsNoStepReadsAreStillWrittenAndChecked) {
  const char* text = R"(
workflow ci {
  step count {
    image "alpine:3.20"
    run "echo n=VALUE >> $SLIPWAY_OUTPUTS"
    outputs { n: int }
  }
}
)";
  auto run_with = [&](const std::string& value) {
    std::string source = text;
    source.replace(source.find("VALUE"), 5, value);
    auto out = compile_target_text("concourse", source);
    EXPECT_EQ(out.files.size(), 1u);
    YAML::Node task = find_task(YAML::Load(out.files[0].content), "count");
    EXPECT_EQ(task["config"]["outputs"].size(), 1u) << "no values directory for outputs no step reads";
    std::string dir = make_temp_dir("slipway-concourse-task");
    fs::create_directories(dir + "/source");
    TaskRun r = run_task(task, {}, dir);
    fs::remove_all(dir);
    return r;
  };
  TaskRun good = run_with("42");
  EXPECT_EQ(good.exit_code, 0) << "$SLIPWAY_OUTPUTS exists for the step to write: " << good.err;
  TaskRun bad = run_with("abc");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("output `n` must be of type int, found \"abc\""), std::string::npos) << bad.err;
}

TEST(ConcourseRuntime, SecretsFilesAndCommitReachTheStep) {
  auto out = compile_target_text("concourse", R"(
secret token {
  concourse = "ci/token"
}
secret key: file
workflow ci {
  step show {
    image "alpine:3.20"
    run "echo \"[$AUTH] [$SHORT] [$(cat /tmp/slipway-concourse-test/key.pem)] [\${SLIPWAY_SECRET_TOKEN-unset}]\"; ls -l /tmp/slipway-concourse-test/key.pem | cut -c1-10"
    env {
      AUTH = "Bearer ${token}"
      SHORT = git.short_sha
    }
    files {
      "/tmp/slipway-concourse-test/key.pem" = key
    }
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u);
  EXPECT_EQ(out.files[0].content.find("s3cr"), std::string::npos);
  YAML::Node doc = YAML::Load(out.files[0].content);
  YAML::Node task = find_task(doc, "show");
  EXPECT_EQ(task["params"]["SLIPWAY_SECRET_TOKEN"].as<std::string>(), "((ci/token))");
  EXPECT_EQ(task["params"]["SLIPWAY_SECRET_KEY"].as<std::string>(), "((key))");
  std::string dir = make_temp_dir("slipway-concourse-task");
  fs::create_directories(dir + "/source/.git");
  write_file(dir + "/source/.git/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
  TaskRun r = run_task(task, {{"ci/token", "s3cr et"}, {"key", "PEM ((x))"}}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[Bearer s3cr et] [0123456] [PEM ((x))] [unset]\n-rw-------\n");
  fs::remove_all(dir);
  fs::remove_all("/tmp/slipway-concourse-test");
}


TEST(ConcourseBuildId, DrawnOnceAtTheStartOfTheJobAndReadFromALocalVar) {
  auto out = compile_target_text("concourse", R"(
workflow ci {
  step tag {
    image "alpine:3.20"
    run ["echo", "1.0.${build.id}"]
  }
  step other {
    image "alpine:3.20"
    run ["true"]
  }
}
)");
  ASSERT_EQ(out.files.size(), 1u) << (out.diagnostics.empty() ? "" : out.diagnostics.front().message);
  YAML::Node doc = YAML::Load(out.files[0].content);
  const YAML::Node& plan = doc["jobs"][0]["plan"];
  ASSERT_GE(plan.size(), 4u);
  EXPECT_EQ(plan[1]["task"].as<std::string>(), "slipway-build-id");
  EXPECT_EQ(plan[1]["config"]["image_resource"]["source"]["repository"].as<std::string>(), "alpine");
  EXPECT_EQ(plan[2]["load_var"].as<std::string>(), "slipway-build-id");
  EXPECT_EQ(plan[2]["file"].as<std::string>(), "slipway-build-id/id");
  YAML::Node tag = find_task(doc, "tag");
  EXPECT_EQ(tag["params"]["SLIPWAY_BUILD_ID"].as<std::string>(), "((.:slipway-build-id))");
  EXPECT_FALSE(find_task(doc, "other")["params"]) << "a step that does not read the id gets no param";

  std::string dir = make_temp_dir("slipway-concourse-task");
  fs::create_directories(dir + "/slipway-build-id");
  TaskRun draw = run_task(plan[1], {}, dir);
  ASSERT_EQ(draw.exit_code, 0) << draw.err;
  std::string id = read_file(dir + "/slipway-build-id/id");
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))) << id;
  TaskRun again = run_task(plan[1], {}, dir);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(read_file(dir + "/slipway-build-id/id"), id) << "each build draws a new id";
  fs::create_directories(dir + "/source");
  TaskRun use = run_task(tag, {{".:slipway-build-id", id}}, dir);
  ASSERT_EQ(use.exit_code, 0) << use.err;
  EXPECT_EQ(use.out, "1.0." + id + "\n");
  fs::remove_all(dir);
}

const char* kServiceStep = R"SLIP(
secret token {
  concourse = "ci/token"
}
workflow ci {
  step probe {
    image "slipway-test/busybox:1"
    run """
      echo "answer=$(nc cc_dind_db 5432 </dev/null)" >> "$SLIPWAY_OUTPUTS"
      echo "[$GREETING] [$AUTH] [$(pwd)]"
      exit "$EXIT_WITH"
    """
    env {
      GREETING = "hello ((x))"
      AUTH = token
      EXIT_WITH = "0"
    }
    outputs {
      answer: string
    }
    service cc_dind_db {
      image "slipway-test/busybox:1"
      run ["nc", "-ll", "-p", "5432", "-e", "echo", "PONG"]
      ready 5432
    }
  }
  step show {
    image "alpine:3.20"
    run ["echo", "${probe.answer}"]
  }
}
)SLIP";

TEST(ConcourseDockerInDocker, ServicesMakeThePrivilegedDockerTaskWithANote) {
  auto out = compile_target_text("concourse", kServiceStep, {{"concourse.docker_image", "registry.example:5000/dind:1"}});
  ASSERT_EQ(out.files.size(), 1u);
  const Diagnostic* note = nullptr;
  for (const auto& d : out.diagnostics)
    if (d.code == DiagCode::E0562) note = &d;
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::Note);
  EXPECT_EQ(note->primary.begin.line, 21u) << "at the service";
  YAML::Node task = find_task(YAML::Load(out.files[0].content), "probe");
  EXPECT_TRUE(task["privileged"].as<bool>());
  EXPECT_EQ(task["config"]["image_resource"]["source"]["repository"].as<std::string>(), "registry.example:5000/dind");
  EXPECT_EQ(task["config"]["image_resource"]["source"]["tag"].as<std::string>(), "1");
  EXPECT_EQ(out.files[0].content.find("{{"), std::string::npos);
  std::vector<std::string> args;
  for (const auto& a : task["config"]["run"]["args"]) args.push_back(a.as<std::string>());
  auto has_ops = [&](std::vector<std::string> ops) {
    return std::search(args.begin(), args.end(), ops.begin(), ops.end()) != args.end();
  };
  EXPECT_TRUE(has_ops({"S", "cc_dind_db"}));
  EXPECT_TRUE(has_ops({"R", "cc_dind_db", "5432"}));
  EXPECT_TRUE(has_ops({"t", "slipway-test/busybox:1", "i"})) << "the step's own image runs inside";
  EXPECT_FALSE(find_task(YAML::Load(out.files[0].content), "show")["privileged"]) << "only steps that need it";
}

/// Runs the Docker-in-Docker task program on this machine's engine (the
/// program uses a daemon that already answers instead of starting one).
class ConcourseDockerRun : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run_shell("docker image inspect slipway-test/busybox:1 >/dev/null 2>&1").exit_code != 0)
      GTEST_SKIP() << "no Docker engine or no test image slipway-test/busybox:1 (scripts/test-images.sh)";
  }
  /// kServiceStep with its service renamed: tests may run at the same time,
  /// and each looks for leftovers of its own service only.
  static std::string with_alias(std::string text, const std::string& alias) {
    for (size_t at = text.find("cc_dind_db"); at != std::string::npos; at = text.find("cc_dind_db", at + alias.size()))
      text.replace(at, 10, alias);
    return text;
  }
  static std::string leftovers(const std::string& alias) {
    return run_shell("docker ps -aq --filter name=" + alias).out;
  }
};

TEST_F(ConcourseDockerRun, TheStepReachesItsServiceAndEverythingIsRemoved) {
  auto out = compile_target_text("concourse", with_alias(kServiceStep, "cc_dind_ok"));
  YAML::Node task = find_task(YAML::Load(out.files[0].content), "probe");
  std::string dir = make_temp_dir("slipway-concourse-dind");
  fs::create_directories(dir + "/source");
  fs::create_directories(dir + "/values-ci-probe");
  TaskRun r = run_task(task, {{"ci/token", "s3cr et"}}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[hello ((x))] [s3cr et] [" + fs::canonical(dir).string() + "/source]\n");
  EXPECT_EQ(read_file(dir + "/values-ci-probe/answer"), "PONG");
  EXPECT_EQ(leftovers("cc_dind_ok"), "") << "the service container is removed";
  fs::remove_all(dir);
}

TEST_F(ConcourseDockerRun, AFailingStepFailsTheTaskAndStillRemovesTheService) {
  std::string text = with_alias(kServiceStep, "cc_dind_fail");
  text.replace(text.find("EXIT_WITH = \"0\""), 15, "EXIT_WITH = \"7\"");
  auto out = compile_target_text("concourse", text);
  YAML::Node task = find_task(YAML::Load(out.files[0].content), "probe");
  std::string dir = make_temp_dir("slipway-concourse-dind");
  fs::create_directories(dir + "/source");
  fs::create_directories(dir + "/values-ci-probe");
  TaskRun r = run_task(task, {{"ci/token", "x"}}, dir);
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_EQ(leftovers("cc_dind_fail"), "");
  fs::remove_all(dir);
}

TEST_F(ConcourseDockerRun, RegistryCredentialsComeFromAFileSecretOnlyThePullsSee) {
  std::string text =
      std::string("secret registry: file {\n  concourse = \"ci/registry\"\n}\n") + with_alias(kServiceStep, "cc_dind_cfg");
  auto out = compile_target_text("concourse", text, {{"concourse.docker_config", "registry"}});
  ASSERT_EQ(out.files.size(), 1u);
  YAML::Node doc = YAML::Load(out.files[0].content);
  YAML::Node task = find_task(doc, "probe");
  EXPECT_EQ(task["params"]["SLIPWAY_DOCKER_CONFIG"].as<std::string>(), "((ci/registry))");
  EXPECT_FALSE(find_task(doc, "show")["params"]["SLIPWAY_DOCKER_CONFIG"]) << "only Docker-in-Docker tasks pull";
  std::string dir = make_temp_dir("slipway-concourse-dind");
  fs::create_directories(dir + "/source");
  fs::create_directories(dir + "/values-ci-probe");
  TaskRun r = run_task(task, {{"ci/token", "t"}, {"ci/registry", "{\"auths\": {}}"}}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("auths"), std::string::npos);
  EXPECT_EQ(leftovers("cc_dind_cfg"), "");
  fs::remove_all(dir);
}

TEST(ConcourseRejects, DockerConfigMustNameAFileSecret) {
  auto compiled = compile_text(kServiceStep);
  backends::BackendOptions options;
  options.settings = {{"concourse.docker_config", "token"}};
  auto out = backends::find_backend("concourse")->compile(compiled->program, options);
  EXPECT_TRUE(out.files.empty());
  ASSERT_FALSE(out.diagnostics.empty());
  EXPECT_EQ(out.diagnostics.front().code, DiagCode::E0560);
  EXPECT_NE(out.diagnostics.front().message.find("docker_config"), std::string::npos);
}

}  // namespace
}  // namespace slipway::test
