// Configuration (`.slipway.yaml`) and inline suppressions: levels, turning
// rules off, reasons, unknown names and where they are reported.

#include <gtest/gtest.h>

#include "tests/lint/lint_harness.h"

namespace slipway::test {
namespace {

const std::string kLatest = one_step("    image \"node:latest\"\n    run [\"npm\", \"test\"]");

TEST(Config, LevelsAndDisable) {
  auto raised = lint_text(kLatest, "rules:\n  mutable-image-tag: error\n");
  ASSERT_EQ(raised->count("mutable-image-tag"), 1u) << raised->summary();
  EXPECT_EQ(raised->of("mutable-image-tag")[0].severity, Severity::Error);
  EXPECT_EQ(lint_text(kLatest, "rules:\n  mutable-image-tag: off\n")->findings.size(), 0u);
  EXPECT_EQ(lint_text(kLatest, "disable: [mutable-image-tag]\n")->findings.size(), 0u);
  auto note = lint_text(kLatest, "rules: {mutable-image-tag: note}\n");
  EXPECT_EQ(note->of("mutable-image-tag")[0].severity, Severity::Note);
}

TEST(Config, CompilerWarningsByNameOrCode) {
  std::string text = "param p: string = \"x\"\n" + one_step("    image \"node:20.15.0\"\n    run [\"true\"]");
  EXPECT_EQ(lint_text(text)->count("unused-param"), 1u);
  EXPECT_EQ(lint_text(text, "disable: [unused-param]\n")->count("unused-param"), 0u);
  EXPECT_EQ(lint_text(text, "rules:\n  W0101: off\n")->count("unused-param"), 0u);
  EXPECT_EQ(lint_text(text, "rules:\n  W0101: error\n")->of("unused-param")[0].severity, Severity::Error);
}

TEST(Config, UnknownRulesPointIntoTheFile) {
  auto linted = lint_text(kLatest, "rules:\n  mutable-imag-tag: off\ndisable:\n  - nope\n");
  auto unknown = linted->of("unknown-rule");
  ASSERT_EQ(unknown.size(), 2u) << linted->summary();
  EXPECT_EQ(linted->sources.file(unknown[0].primary.file).path(), ".slipway.yaml");
  EXPECT_EQ(unknown[0].primary.begin, (SourcePos{2, 3}));
  EXPECT_EQ(unknown[0].primary.end, (SourcePos{2, 19}));
  EXPECT_EQ(unknown[0].help.value_or(""), "did you mean `mutable-image-tag`?");
  EXPECT_EQ(unknown[1].primary.begin, (SourcePos{4, 5}));
  EXPECT_EQ(linted->count("mutable-image-tag"), 1u) << "the misspelt setting does nothing";
  EXPECT_EQ(lint_text(kLatest, "rules:\n  mutable-imag-tag: off\n  unknown-rule: off\n")->count("unknown-rule"), 0u);
}

TEST(Config, MalformedFilesAreErrorsWithAPosition) {
  EXPECT_EQ(lint_text(kLatest, "rules:\n  mutable-image-tag: loud\n")->config_error,
            ".slipway.yaml:2:22: `mutable-image-tag` must be error, warning, note or off");
  EXPECT_EQ(lint_text(kLatest, "rule:\n  x: off\n")->config_error,
            ".slipway.yaml:1:1: unknown key `rule` (expected `rules` or `disable`)");
  EXPECT_EQ(lint_text(kLatest, "rules: [a, b]\n")->config_error.rfind(".slipway.yaml:1:8: ", 0), 0u);
  EXPECT_FALSE(lint_text(kLatest, "rules: {a: [\n")->config_error.empty());
  EXPECT_TRUE(lint_text(kLatest, "# only a comment\n")->config_error.empty());
}

std::string with_comment(const std::string& above, const std::string& trailing = "") {
  return "workflow ci {\n  on push\n  step s {\n" + above + "    image \"node:latest\"" + trailing +
         "\n    run [\"npm\", \"test\"]\n  }\n}\n";
}

TEST(Suppression, SameLineOrLineAbove) {
  EXPECT_EQ(lint_text(with_comment("    # slipway: ignore[mutable-image-tag] pinned upstream\n"))->findings.size(), 0u);
  EXPECT_EQ(lint_text(with_comment("", " // slipway: ignore[mutable-image-tag] pinned upstream"))->findings.size(), 0u);
  EXPECT_EQ(lint_text(with_comment("    # slipway: ignore[duplicate-step, mutable-image-tag] pinned upstream\n"))->findings.size(), 0u);
  auto far = lint_text(with_comment("    # slipway: ignore[mutable-image-tag] pinned upstream\n\n"));
  EXPECT_EQ(far->count("mutable-image-tag"), 1u) << "two lines above is too far";
  auto trailing = lint_text("workflow ci {\n  on push\n  step s { # slipway: ignore[mutable-image-tag] only this line\n"
                            "    image \"node:latest\"\n    run [\"npm\", \"test\"]\n  }\n}\n");
  EXPECT_EQ(trailing->count("mutable-image-tag"), 1u) << "a trailing comment covers its own line only";
  auto other = lint_text(with_comment("    # slipway: ignore[duplicate-step] not this one\n"));
  EXPECT_EQ(other->count("mutable-image-tag"), 1u);
  auto doc = lint_text(with_comment("    ## slipway: ignore[mutable-image-tag] a doc comment\n"));
  EXPECT_EQ(doc->count("mutable-image-tag"), 1u) << "`##` documents, it does not suppress";
}

TEST(Suppression, ReasonIsRequiredButStillSuppresses) {
  auto linted = lint_text(with_comment("    # slipway: ignore[mutable-image-tag]\n"));
  EXPECT_EQ(linted->count("mutable-image-tag"), 0u);
  ASSERT_EQ(linted->count("suppression-without-reason"), 1u) << linted->summary();
  EXPECT_EQ(linted->of("suppression-without-reason")[0].primary.begin, (SourcePos{4, 5}));
}

TEST(Suppression, UnknownNamesAndCompilerErrors) {
  auto linted = lint_text(with_comment("    # slipway: ignore[mutable-image-tags, E0301] typo\n"));
  auto unknown = linted->of("unknown-rule");
  ASSERT_EQ(unknown.size(), 2u) << linted->summary();
  EXPECT_EQ(unknown[0].primary.begin, (SourcePos{4, 23}));
  EXPECT_EQ(unknown[0].primary.end, (SourcePos{4, 41}));
  EXPECT_EQ(unknown[1].message, "`E0301` is a compiler error and cannot be suppressed");
  EXPECT_EQ(linted->count("mutable-image-tag"), 1u);
  auto bare = lint_text(with_comment("    # slipway: ignore pinned upstream\n"));
  EXPECT_EQ(bare->count("unknown-rule"), 1u) << bare->summary();
  EXPECT_EQ(bare->count("mutable-image-tag"), 1u);
}

TEST(Suppression, CompilerWarningsByCode) {
  std::string text = "# slipway: ignore[W0101] kept for the next release\nparam p: string = \"x\"\n" +
                     one_step("    image \"node:20.15.0\"\n    run [\"true\"]");
  EXPECT_EQ(lint_text(text)->findings.size(), 0u) << lint_text(text)->summary();
}

TEST(Suppression, CompilerErrorsCannotBeSuppressed) {
  auto linted = lint_text(one_step("    image \"node:20.15.0\"\n    # slipway: ignore[unknown-name] testing\n    run [\"echo\", nope]"));
  EXPECT_EQ(linted->count("E0101"), 1u) << linted->summary();
  EXPECT_EQ(linted->count("unknown-rule"), 1u) << "`unknown-name` is a compiler error's name, not a rule";
}

}  // namespace
}  // namespace slipway::test
