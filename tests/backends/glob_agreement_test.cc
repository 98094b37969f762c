// The language's branch and tag globs (language.md, "Triggers") mean the
// same thing in every place that decides them: the compiler's matcher (used
// by `slipway run`, Cloud Build and Concourse when compiling), the regex
// Cloud Build's triggers get, GitLab's `=~ /.../` and the shell function of
// the Wercker steps.

#include <gtest/gtest.h>

#include <regex>

#include "backends/gitlab/conditions.h"
#include "backends/wercker/helpers.h"
#include "compiler/ir/glob.h"
#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

struct Case {
  const char* glob;
  const char* text;
  bool matches;
};

const Case kCases[] = {
    {"release/*", "release/1.2", true},       {"release/*", "release/1/2", false},
    {"release/**", "release/1/2", true},      {"release/**", "release/", true},
    {"*", "main", true},                      {"*", "feature/x", false},
    {"**", "feature/x", true},                {"v*", "v1.0.0", true},
    {"v*", "xv1", false},                     {"v?", "v1", true},
    {"v?", "v/", false},                      {"v?", "v12", false},
    {"v1.*", "v1x2", false},                  {"v1.*", "v1.2", true},
    {"[ab]", "a", false},                     {"[ab]", "[ab]", true},
    {"a+b(c)", "a+b(c)", true},               {"a+b(c)", "aab(c)", false},
    {"feat/**/done", "feat/a/b/done", true},  {"feat/*/done", "feat/a/b/done", false},
    {"x$y^", "x$y^", true},                   {"a\\b", "a\\b", true},
};

/// The body of GitLab's `/^...$/` as an ECMAScript regex (`\\/` is `/`).
std::regex gitlab_regex(const std::string& glob) {
  std::string literal = backends::gitlab::glob_regex(glob);
  return std::regex(literal.substr(1, literal.size() - 2));
}

TEST(GlobAgreement, EveryImplementationMatchesTheSameRefs) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string(c.glob) + " vs " + c.text);
    EXPECT_EQ(ir::glob_matches(c.glob, c.text), c.matches) << "compiler";
    std::regex shared("^" + ir::glob_regex(c.glob) + "$");
    EXPECT_EQ(std::regex_match(c.text, shared), c.matches) << "the regex of Cloud Build triggers and Wercker steps";
    EXPECT_EQ(std::regex_search(c.text, gitlab_regex(c.glob)), c.matches) << "GitLab";
  }
}

TEST(GlobAgreement, WerckerShellFunctionAgrees) {
  std::string script = backends::wercker::match_function() + "\n";
  for (const auto& c : kCases) {
    script += "if slipway_match '" + std::string(c.text) + "' '^" + ir::glob_regex(c.glob) + "$'; then echo 1; else echo 0; fi\n";
  }
  script += "if slipway_match '' '^.*$'; then echo 1; else echo 0; fi\n";
  std::string expected;
  for (const auto& c : kCases) expected += c.matches ? "1\n" : "0\n";
  expected += "0\n";  // an absent value matches nothing
  write_file("/tmp/slipway-glob-agreement.sh", script);
  CommandResult r = run_shell("sh /tmp/slipway-glob-agreement.sh");
  EXPECT_EQ(r.out, expected) << r.err;
}

}  // namespace
}  // namespace slipway::test
