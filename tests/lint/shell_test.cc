// The shell reader behind the script rules: words, operators, quoting,
// substitutions, here-documents and `${...}` expansions.

#include <gtest/gtest.h>

#include "compiler/lint/shell.h"

namespace slipway::lint {
namespace {

std::vector<std::string> words(const ShellCommand& c) {
  std::vector<std::string> out;
  for (const auto& w : c.words) out.push_back(w.text);
  return out;
}

using Words = std::vector<std::string>;

TEST(ShellReader, WordsQuotesAndOperators) {
  auto s = read_shell("echo 'a b' \"c $d\" e\\ f && curl -fsSL x | sh; true || false &");
  ASSERT_EQ(s.commands.size(), 5u);
  EXPECT_EQ(words(s.commands[0]), (Words{"echo", "a b", "c $d", "e f"}));
  EXPECT_EQ(s.commands[0].op, "&&");
  EXPECT_EQ(words(s.commands[1]), (Words{"curl", "-fsSL", "x"}));
  EXPECT_EQ(s.commands[1].op, "|");
  EXPECT_EQ(s.commands[2].op, ";");
  EXPECT_EQ(s.commands[3].op, "||");
  EXPECT_EQ(s.commands[4].op, "&");
  EXPECT_EQ(read_shell("a | b").commands[1].op, "");
}

TEST(ShellReader, WordOffsetsPointIntoTheText) {
  std::string text = "make  test";
  auto s = read_shell(text);
  ASSERT_EQ(s.commands.size(), 1u);
  const auto& w = s.commands[0].words[1];
  EXPECT_EQ(text.substr(w.begin, w.end - w.begin), "test");
}

TEST(ShellReader, LinesContinuationsAndComments) {
  auto s = read_shell("set -eu   # strict\n\ncurl \\\n  -o x url\n# only a comment\necho done");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(words(s.commands[0]), (Words{"set", "-eu"}));
  EXPECT_EQ(words(s.commands[1]), (Words{"curl", "-o", "x", "url"}));
  EXPECT_EQ(s.commands[1].op, "\n");
  EXPECT_EQ(words(s.commands[2]), (Words{"echo", "done"}));
}

TEST(ShellReader, RedirectionsAreNotOperators) {
  auto s = read_shell("make >out.log 2>&1 &>all.log");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(words(s.commands[0]), (Words{"make", ">out.log", "2>&1", "&>all.log"}));
}

TEST(ShellReader, SubstitutionsAreReadToo) {
  auto s = read_shell("echo \"v=$(git describe --tags)\" `date +%s`");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(words(s.commands[0])[0], "echo");
  EXPECT_FALSE(s.commands[0].in_substitution);
  EXPECT_EQ(words(s.commands[1]), (Words{"git", "describe", "--tags"}));
  EXPECT_TRUE(s.commands[1].in_substitution);
  EXPECT_EQ(words(s.commands[2]), (Words{"date", "+%s"}));
}

TEST(ShellReader, HereDocumentBodiesAreSkipped) {
  auto s = read_shell("cat <<-EOF > f\n\tapt-get install x\n\t${SLIPWAY_A}\n\tEOF\necho after");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(words(s.commands[0]), (Words{"cat", ">", "f"}));
  EXPECT_EQ(words(s.commands[1]), (Words{"echo", "after"}));
  EXPECT_TRUE(s.expansions.empty());
}

TEST(ShellReader, ExpansionsKnowTheirQuoting) {
  auto s = read_shell(
      "echo ${SLIPWAY_A} \"${SLIPWAY_B}\" '${SLIPWAY_C}' X=${SLIPWAY_D} --f=${SLIPWAY_E}\n"
      "[[ ${SLIPWAY_F} == x ]]\ncase ${SLIPWAY_G} in *) ;; esac\necho ${SLIPWAY_H:-default}");
  ASSERT_EQ(s.expansions.size(), 7u);
  EXPECT_EQ(s.expansions[0].name, "SLIPWAY_A");
  EXPECT_FALSE(s.expansions[0].quoted);
  EXPECT_TRUE(s.expansions[1].quoted);
  EXPECT_EQ(s.expansions[2].name, "SLIPWAY_D");
  EXPECT_TRUE(s.expansions[2].assignment);
  EXPECT_FALSE(s.expansions[3].assignment) << "an option value is split";
  EXPECT_TRUE(s.expansions[4].test_or_case);
  EXPECT_TRUE(s.expansions[5].test_or_case);
  EXPECT_EQ(s.expansions[6].name, "SLIPWAY_H");
}

TEST(ShellReader, ProgramSkipsPrefixes) {
  auto s = read_shell("sudo -u root env A=1 B=2 /usr/bin/apt-get install x");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(program_name(s.commands[0]), "apt-get");
  EXPECT_EQ(program_index(s.commands[0]), 6u);
  EXPECT_EQ(program_name(read_shell("if curl x; then true; fi").commands[0]), "curl");
}

TEST(ShellReader, ShortFlags) {
  EXPECT_TRUE(has_short_flag("-fsSLk", 'k'));
  EXPECT_FALSE(has_short_flag("--insecure", 'k'));
  EXPECT_FALSE(has_short_flag("-K", 'k'));
  EXPECT_FALSE(has_short_flag("-o=k", 'k'));
}

TEST(ShellReader, NeverStallsOnOddInput) {
  for (const char* text : {"\"unclosed", "'unclosed", "$(", "${", "`", "\\", "<<", "<<EOF\nno end", "(((", "&&||;;"}) {
    auto s = read_shell(text);
    (void)s;
  }
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "$(";
  EXPECT_NO_THROW((void)read_shell(deep));
}

}  // namespace
}  // namespace slipway::lint
