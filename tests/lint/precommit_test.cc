// The pre-commit hooks in .pre-commit-hooks.yaml, run by Debian's
// `pre-commit` (skipped when it is not installed; scripts/install-deps.sh
// installs it). The hook file is committed into a throwaway repository,
// because pre-commit reads hooks from a commit and the checkout under test
// may have uncommitted changes. Both hooks are `language: system`: the
// built binary's directory goes first on PATH, and nothing is downloaded.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

namespace fs = std::filesystem;

const char* kBad = R"(workflow ci {
  on push
  step test {
    image "golang"
    run ["go", "test", "./..."]
  }
}
)";

std::string quote(const std::string& s) { return "'" + s + "'"; }

class PreCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run_shell("command -v pre-commit").exit_code != 0)
      GTEST_SKIP() << "pre-commit is not installed (Debian package `pre-commit`, see scripts/install-deps.sh)";
    if (run_shell("command -v git").exit_code != 0) GTEST_SKIP() << "git is not installed";
    root_ = make_temp_dir("slipway-pre-commit");
    hooks_ = root_ + "/hooks";
    work_ = root_ + "/work";
    write_file(hooks_ + "/.pre-commit-hooks.yaml", read_file(source_dir() + "/.pre-commit-hooks.yaml"));
    ASSERT_EQ(in_dir(hooks_, "git init -q && git add -A && " + git_as_tester() + " commit -qm hooks").exit_code, 0);
    hooks_rev_ = in_dir(hooks_, "git rev-parse HEAD").out;
    while (!hooks_rev_.empty() && hooks_rev_.back() == '\n') hooks_rev_.pop_back();
    fs::create_directories(work_);
    ASSERT_EQ(in_dir(work_, "git init -q").exit_code, 0);
  }
  void TearDown() override {
    if (!root_.empty()) fs::remove_all(root_);
  }

  static std::string git_as_tester() { return "git -c user.name=slipway-test -c user.email=test@example.com"; }
  static CommandResult in_dir(const std::string& dir, const std::string& command) {
    return run_shell("cd " + quote(dir) + " && " + command);
  }
  /// Runs `pre-commit ARGS` in the work repository after staging everything.
  CommandResult pre_commit(const std::string& args) {
    std::string bin_dir = fs::path(SLIPWAY_BINARY).parent_path().string();
    return run_shell("cd " + quote(work_) + " && git add -A && PRE_COMMIT_HOME=" + quote(root_ + "/cache") +
                     " NO_COLOR=1 PATH=" + quote(bin_dir) + ":\"$PATH\" pre-commit " + args + " 2>&1");
  }

  std::string root_, hooks_, work_, hooks_rev_;
};

TEST_F(PreCommit, LintHookFailsWithTheFindingThenPassesAfterTheFix) {
  write_file(work_ + "/ci/release.slip", kBad);
  auto bad = pre_commit("try-repo " + quote(hooks_) + " slipway-lint --all-files");
  EXPECT_NE(bad.exit_code, 0) << bad.out;
  EXPECT_NE(bad.out.find("warning[mutable-image-tag]: image `golang` has no tag"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("--> ci/release.slip:4:11"), std::string::npos) << bad.out;

  std::string fixed = kBad;
  fixed.replace(fixed.find("\"golang\""), 8, "\"golang:1.22.5\"");
  write_file(work_ + "/ci/release.slip", fixed);
  auto good = pre_commit("try-repo " + quote(hooks_) + " slipway-lint --all-files");
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_NE(good.out.find("Passed"), std::string::npos) << good.out;
}

TEST_F(PreCommit, CompileCheckHookFailsOnStaleGeneratedFiles) {
  // The snippet of docs/lint.md#pre-commit, pointed at the throwaway hook repository.
  std::string target;
  write_file(work_ + "/ci/release.slip", std::string(kBad).replace(std::string(kBad).find("\"golang\""), 8, "\"golang:1.22.5\""));
  for (const char* t : {"gitlab", "cloudbuild"}) {
    if (run_shell("cd " + quote(work_) + " && '" + std::string(SLIPWAY_BINARY) + "' compile ci/release.slip --target " + t +
                  " -o . >/dev/null 2>&1").exit_code == 0) {
      target = t;
      break;
    }
  }
  if (target.empty()) GTEST_SKIP() << "no backend of this build compiles the example";
  write_file(work_ + "/.pre-commit-config.yaml",
             "repos:\n"
             "  - repo: " + hooks_ + "\n"
             "    rev: " + hooks_rev_ + "\n"
             "    hooks:\n"
             "      - id: slipway-lint\n"
             "      - id: slipway-compile-check\n"
             "        args: [ci/release.slip, --target, " + target + ", -o, .]\n");
  auto fresh = pre_commit("run --all-files");
  EXPECT_EQ(fresh.exit_code, 0) << fresh.out;

  std::string changed = read_file(work_ + "/ci/release.slip");
  changed.replace(changed.find("\"test\""), 6, "\"vet\"");
  write_file(work_ + "/ci/release.slip", changed);
  auto stale = pre_commit("run --all-files");
  EXPECT_NE(stale.exit_code, 0) << stale.out;
  EXPECT_NE(stale.out.find("slipway compile --check"), std::string::npos) << stale.out;
  EXPECT_NE(stale.out.find("Failed"), std::string::npos) << stale.out;
  EXPECT_NE(stale.out.find("stale"), std::string::npos) << stale.out;
  EXPECT_NE(stale.out.find("vet", stale.out.find("compile --check")), std::string::npos) << "the diff: " << stale.out;
}

}  // namespace
}  // namespace slipway::test
