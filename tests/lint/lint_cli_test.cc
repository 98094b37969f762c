// `slipway lint` as a command: paths and directories, exit codes, -I,
// --strict, de-duplication of imported files, `.slipway.yaml` lookup,
// worker processes, JSON and SARIF output (validated against the schema).

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

namespace fs = std::filesystem;

const char* kClean = R"(workflow ci {
  on push
  step test {
    image "golang:1.22.5"
    run ["go", "test", "./..."]
  }
}
)";

const char* kWarning = R"(workflow ci {
  on push
  step test {
    image "golang"
    run ["go", "test", "./..."]
  }
}
)";

const char* kError = R"(workflow ci {
  on push
  step test {
    image "curlimages/curl:8.8.0"
    run ["curl", "-k", "https://example.com"]
  }
}
)";

const char* kLibrary = R"(template vet(pkg: string) {
  image "golang"
  run ["go", "vet", pkg]
}
)";

class LintCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("slipway-lint-cli"); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& text) {
    write_file(dir_ + "/" + name, text);
    return dir_ + "/" + name;
  }
  /// Runs `slipway lint ARGS` inside the temp directory.
  CommandResult lint(const std::string& args) {
    return run_shell("cd '" + dir_ + "' && NO_COLOR=1 '" + std::string(SLIPWAY_BINARY) + "' lint " + args + " </dev/null");
  }
  std::string dir_;
};

TEST_F(LintCli, ExitCodes) {
  file("clean.slip", kClean);
  file("warn.slip", kWarning);
  file("err.slip", kError);
  EXPECT_EQ(lint("clean.slip").exit_code, 0);
  auto warn = lint("warn.slip");
  EXPECT_EQ(warn.exit_code, 0) << "warnings alone pass";
  EXPECT_NE(warn.err.find("warning[mutable-image-tag]"), std::string::npos) << warn.err;
  EXPECT_EQ(lint("--strict warn.slip").exit_code, 1);
  EXPECT_EQ(lint("--strict clean.slip").exit_code, 0);
  auto err = lint("err.slip");
  EXPECT_EQ(err.exit_code, 1);
  EXPECT_NE(err.err.find("error[tls-verify-disabled]"), std::string::npos) << err.err;
  EXPECT_NE(err.err.find(" --> err.slip:5:18"), std::string::npos) << err.err;
  auto missing = lint("clean.slip nope.slip");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("slipway: error: cannot read `nope.slip`"), std::string::npos) << missing.err;
  EXPECT_EQ(lint("--format yaml clean.slip").exit_code, 2);
}

TEST_F(LintCli, CompilerErrorsCount) {
  file("bad.slip", "workflow ci {\n  step s {\n    image \"x\n");
  auto r = lint("bad.slip");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("error[E0002]"), std::string::npos) << r.err;
}

TEST_F(LintCli, DirectoriesRecurseSkippingHiddenOnes) {
  file("a.slip", kWarning);
  file("sub/deeper/b.slip", kWarning);
  file(".hidden/c.slip", kError);
  file("notes.txt", "not a workflow");
  auto r = lint("");  // the default is `.`
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(" --> a.slip:4:11"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" --> sub/deeper/b.slip:4:11"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("c.slip"), std::string::npos) << r.err;
  EXPECT_LT(r.err.find("a.slip"), r.err.find("sub/deeper/b.slip")) << "sorted by path";
  auto named = lint("sub");
  EXPECT_EQ(named.err.find(" a.slip"), std::string::npos) << named.err;
}

TEST_F(LintCli, LibrariesAreLintedAndImportsReportedOnce) {
  file("lib/go.slip", kLibrary);
  file("one.slip", "import \"./lib/go.slip\"\nworkflow one {\n  step v = go.vet(pkg: \"./a\")\n}\n");
  file("two.slip", "import \"./lib/go.slip\"\nworkflow two {\n  step v = go.vet(pkg: \"./b\")\n}\n");
  auto alone = lint("lib/go.slip");
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(alone.err.find("E0112"), std::string::npos) << "a library needs no workflow: " << alone.err;
  for (const char* jobs : {"-j 1", "-j 2"}) {
    auto r = lint(std::string(jobs) + " .");
    size_t first = r.err.find("warning[mutable-image-tag]");
    ASSERT_NE(first, std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("warning[mutable-image-tag]", first + 1), std::string::npos) << jobs << ": reported twice\n" << r.err;
    EXPECT_NE(r.err.find(" --> lib/go.slip:2:9"), std::string::npos) << r.err;
  }
}

TEST_F(LintCli, IncludeDirectories) {
  file("company/ci/go.slip", kLibrary);
  file("app/ci.slip", "import \"ci/go\"\nworkflow app {\n  step v = go.vet(pkg: \"./...\")\n}\n");
  EXPECT_EQ(lint("app/ci.slip").exit_code, 1) << "E0110 without -I";
  auto r = lint("-I company app/ci.slip");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("company/ci/go.slip:2:9"), std::string::npos) << r.err;
}

TEST_F(LintCli, NearestConfigApplies) {
  file(".slipway.yaml", "rules:\n  mutable-image-tag: error\n");
  file("strict/a.slip", kWarning);
  file("relaxed/.slipway.yaml", "disable: [mutable-image-tag]\n");
  file("relaxed/b.slip", kWarning);
  auto r = lint(".");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("error[mutable-image-tag]"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("relaxed/b.slip"), std::string::npos) << r.err;
  file("relaxed/.slipway.yaml", "disable: mutable-image-tag\n");
  auto broken = lint("relaxed");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("slipway: error: relaxed/.slipway.yaml:1:10: `disable` is a list of rule names"),
            std::string::npos) << broken.err;
}

TEST_F(LintCli, UnknownRuleInConfigShowsTheLine) {
  file(".slipway.yaml", "rules:\n  mutable-image-tag: warning\n  mutable-imag-tag: off\n");
  file("a.slip", kClean);
  auto r = lint("a.slip");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("warning[unknown-rule]: `mutable-imag-tag` is not a lint rule\n"
                       " --> .slipway.yaml:3:3\n"
                       "  |\n"
                       "3 |   mutable-imag-tag: off\n"
                       "  |   ^^^^^^^^^^^^^^^^ this setting does nothing\n"
                       "  = help: did you mean `mutable-image-tag`?\n"),
            std::string::npos) << r.err;
}

TEST_F(LintCli, WorkersGiveTheSameOutput) {
  for (int i = 0; i < 12; ++i) file("svc" + std::to_string(i) + "/ci.slip", i % 3 == 0 ? kError : kWarning);
  file("svc4/.slipway.yaml", "disable: [mutable-image-tag]\n");
  auto one = lint("-j 1 --format json");
  auto two = lint("-j 2 --format json");
  auto three = lint("-j 3");
  auto one_human = lint("-j 1");
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one_human.err, three.err);
  EXPECT_EQ(one.exit_code, two.exit_code);
}

TEST_F(LintCli, JsonUsesRuleNames) {
  file("a.slip", kWarning);
  auto r = lint("--format json a.slip");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"code\": \"mutable-image-tag\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"file\": \"a.slip\""), std::string::npos) << r.out;
}

TEST_F(LintCli, SarifValidatesAndHasStableIds) {
  file("a.slip", kWarning);
  file("b c.slip", "workflow ci {\n  step s {\n    image \"alpine:3.20\"\n    run [\"echo\", nope]\n  }\n}\n");
  auto r = lint("--format sarif a.slip 'b c.slip'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string& s = r.out;
  EXPECT_NE(s.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(s.find("\"ruleId\": \"mutable-image-tag\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"ruleId\": \"E0101\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"helpUri\": \"docs/lint.md#mutable-image-tag\""), std::string::npos);
  EXPECT_NE(s.find("\"helpUri\": \"docs/diagnostics.md#e0101-unknown-name\""), std::string::npos);
  EXPECT_NE(s.find("\"uri\": \"b%20c.slip\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"startLine\": 4,\n                  \"startColumn\": 11,\n                  \"endLine\": 4,\n"
                   "                  \"endColumn\": 19"), std::string::npos) << s;
  EXPECT_NE(s.find("\"executionSuccessful\": true"), std::string::npos);
  EXPECT_NE(s.find("\"level\": \"warning\""), std::string::npos);

  auto failed = lint("--format sarif a.slip missing.slip");
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.out.find("\"executionSuccessful\": false"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("cannot read `missing.slip`"), std::string::npos) << failed.out;

  if (!shared_available()) GTEST_SKIP() << "../shared is absent: SARIF schema validation skipped";
  for (const auto* out : {&r.out, &failed.out}) {
    write_file(dir_ + "/out.sarif", *out);
    auto v = run_shell("'" + shared_dir() + "/tools/validate-ci' sarif '" + dir_ + "/out.sarif'");
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  }
}

TEST_F(LintCli, SarifDocsBase) {
  file("a.slip", kWarning);
  auto r = lint("--format sarif --docs-base https://example.com/slipway/ a.slip");
  EXPECT_NE(r.out.find("\"helpUri\": \"https://example.com/slipway/docs/lint.md#mutable-image-tag\""), std::string::npos);
}

TEST_F(LintCli, HelpHasExamples) {
  auto r = run_slipway({"help", "lint"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("slipway lint --format sarif"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace slipway::test
