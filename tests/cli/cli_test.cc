// The command-line contract: subcommands, help with examples, --version,
// exit codes 0/1/2, one-line I/O errors, colour rules, compile --check.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

const char* kClean = R"(pipeline p {
  step s {
    image "alpine:3.20"
    run ["echo", "hi"]
  }
}
workflow w { p }
)";

class Cli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("slipway-cli"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& text) {
    write_file(dir_ + "/" + name, text);
    return dir_ + "/" + name;
  }
  std::string dir_;
};

TEST_F(Cli, CompileTakesTheEntryFileAmongItsModules) {
  // `slipway compile dir/*.slip` names the modules the entry imports too.
  std::string common = source_dir() + "/examples/tour/common.slip";
  std::string tour = source_dir() + "/examples/tour/tour.slip";
  auto r = run_slipway({"compile", common, tour, "--target", "gitlab", "-o", dir_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/.gitlab-ci.yml"));
  // Two entry files are ambiguous: a usage error that names them.
  std::string other = source_dir() + "/examples/local-demo/local-demo.slip";
  auto two = run_slipway({"compile", tour, other, "--target", "gitlab", "-o", dir_ + "/two"});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.err.find("local-demo.slip"), std::string::npos) << two.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/two"));
}

TEST_F(Cli, VersionPrintsNameAndVersion) {
  auto r = run_slipway({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("slipway ", 0), 0u) << r.out;
}

TEST_F(Cli, HelpListsSubcommandsWithExamples) {
  auto r = run_slipway({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("check"), std::string::npos);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  auto sub = run_slipway({"help", "check"});
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("slipway check ci.slip"), std::string::npos) << sub.out;
  EXPECT_EQ(run_slipway({"help", "nonsense"}).exit_code, 2);
}

TEST_F(Cli, NoSubcommandOrUnknownOptionIsUsageError) {
  EXPECT_EQ(run_slipway({}).exit_code, 2);
  EXPECT_EQ(run_slipway({"check", "--bogus", "x.slip"}).exit_code, 2);
}

TEST_F(Cli, CheckExitCodes) {
  EXPECT_EQ(run_slipway({"check", file("ok.slip", kClean)}).exit_code, 0);
  auto bad = run_slipway({"check", file("bad.slip", "workflow w {\n  step s {\n    image \"x\n")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.slip:3:11"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("error[E0002]"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("^"), std::string::npos) << bad.err;
}

TEST_F(Cli, MissingFileOrDirectoryIsOneLineAndExitTwo) {
  auto missing = run_slipway({"check", "/nonexistent.slip"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
  auto directory = run_slipway({"check", dir_});
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_NE(directory.err.find("is a directory"), std::string::npos) << directory.err;
}

TEST_F(Cli, JsonFormatIsValidAndLocated) {
  auto r = run_slipway({"check", "--format", "json", file("bad.slip", "workflow w {\n  step s {\n    image \"x\n")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"line\": 3"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.front(), '[');
}

TEST_F(Cli, NoColourWithoutATerminal) {
  auto r = run_shell(std::string("'") + SLIPWAY_BINARY + "' check '" + file("bad.slip", "workflow w {") + "' 2>&1");
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << r.out;
}

TEST_F(Cli, IrIsByteIdenticalAcrossRuns) {
  std::string path = file("ok.slip", kClean);
  auto a = run_slipway({"ir", "--json", path});
  auto b = run_slipway({"ir", "--json", path});
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"p.s\""), std::string::npos) << a.out;
}

TEST_F(Cli, CompileWritesNothingOnErrors) {
  std::string out = dir_ + "/out";
  auto r = run_slipway({"compile", file("bad.slip", "workflow w {\n step s {}\n}\n"), "--target", "all", "-o", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(Cli, RunJobsDefaultsToTheNumberOfCores) {
  auto r = run_slipway({"help", "run"});
  ASSERT_EQ(r.exit_code, 0);
  std::string expected = "=" + std::to_string(std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_NE(r.out.find("[1 - 64]" + expected), std::string::npos) << r.out;
}

TEST_F(Cli, UnknownParamOverrideIsReported) {
  auto r = run_slipway({"check", "-p", "nope=1", file("ok.slip", kClean)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("E0115"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace slipway::test
