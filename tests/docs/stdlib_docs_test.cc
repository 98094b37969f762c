// Keeps the standard library documented and covered:
// - docs/stdlib.md is what scripts/render-stdlib-docs.py renders from
//   stdlib/std/*.slip (which also requires a `##` doc comment per template);
// - every template of std/NAME is called in tests/backends/cases/stdlib_NAME.slip,
//   so each backend's golden tests cover it.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

TEST(StdlibDocs, RenderedFileIsCurrent) {
  if (run_shell("command -v python3").exit_code != 0) GTEST_SKIP() << "needs python3";
  auto r = run_shell("python3 '" + source_dir() + "/scripts/render-stdlib-docs.py' --check");
  EXPECT_EQ(r.exit_code, 0) << "docs/stdlib.md is stale or a template lacks a doc comment; run "
                               "scripts/render-stdlib-docs.py\n"
                            << r.out << r.err;
}

TEST(StdlibDocs, EveryTemplateHasAGoldenCase) {
  auto modules = list_files(source_dir() + "/stdlib/std", ".slip");
  ASSERT_FALSE(modules.empty());
  std::regex templ(R"(^template\s+(\w+)\s*\()", std::regex::multiline);
  for (const auto& path : modules) {
    std::string module = std::filesystem::path(path).stem().string();
    std::string case_path = source_dir() + "/tests/backends/cases/stdlib_" + module + ".slip";
    ASSERT_TRUE(std::filesystem::exists(case_path)) << "no golden case " << case_path << " for std/" << module;
    std::string cases = read_file(case_path);
    std::string text = read_file(path);
    for (std::sregex_iterator it(text.begin(), text.end(), templ), end; it != end; ++it) {
      std::string call = module + "." + (*it)[1].str() + "(";
      EXPECT_NE(cases.find(call), std::string::npos) << case_path << " never calls " << call << "...)";
    }
  }
}

}  // namespace
}  // namespace slipway::test
