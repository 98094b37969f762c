// Diagnostic cases: each tests/sema/cases/*.slip file marks the lines where
// diagnostics must start with `# expect-error[CODE]` or
// `# expect-warning[CODE]` (several on one line are allowed). The test
// compiles the file and requires exactly the expected (code, line) pairs:
// nothing missing, nothing extra.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

using Expectation = std::pair<std::string, uint32_t>;  // code, line

std::multiset<Expectation> read_expectations(const std::string& text) {
  std::multiset<Expectation> out;
  std::regex marker(R"(expect-(?:error|warning)\[([EW][0-9]{4})\])");
  std::istringstream in(text);
  std::string line;
  uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    for (std::sregex_iterator it(line.begin(), line.end(), marker), end; it != end; ++it)
      out.insert({(*it)[1].str(), number});
  }
  return out;
}

class DiagnosticCase : public ::testing::TestWithParam<std::string> {};

TEST_P(DiagnosticCase, ReportsExactlyTheMarkedDiagnostics) {
  const std::string path = GetParam();
  const std::string text = read_file(path);
  auto expected = read_expectations(text);
  ASSERT_FALSE(expected.empty()) << path << " has no expect markers";
  auto compiled = compile_text(text, path);
  std::multiset<Expectation> actual;
  std::ostringstream all;
  for (const auto& d : compiled->diags.sorted()) {
    uint32_t line = d.primary.file == 0 ? d.primary.begin.line : 0;
    actual.insert({std::string(code_info(d.code).id), line});
    all << "  " << code_info(d.code).id << " at line " << line << ": " << d.message << "\n";
  }
  EXPECT_EQ(expected, actual) << "diagnostics of " << path << ":\n" << all.str();
}

std::vector<std::string> cases() {
  // Files under cases/lib/ are helpers that the cases import, not cases.
  const std::string root = source_dir() + "/tests/sema/cases";
  std::vector<std::string> out;
  for (auto& path : list_files(root, ".slip")) {
    auto relative = std::filesystem::path(path).lexically_relative(root);
    if (relative.begin() != relative.end() && *relative.begin() == "lib") continue;
    out.push_back(std::move(path));
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string stem = std::filesystem::path(info.param).stem().string();
  for (char& c : stem) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return stem;
}

INSTANTIATE_TEST_SUITE_P(Cases, DiagnosticCase, ::testing::ValuesIn(cases()), case_name);

TEST(DiagnosticCases, ThereAreAtLeastSixtyNegativeCases) {
  EXPECT_GE(cases().size(), 60u);
}

}  // namespace
}  // namespace slipway::test
