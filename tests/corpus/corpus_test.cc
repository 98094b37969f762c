// The bad-input corpus: every file under tests/corpus/bad must make
// `slipway check` exit 1 with a first diagnostic of the expected code at the
// expected place, never crash or hang. Expectations live in the file's first
// line, `# expect: E0002 3:11`, or for files that cannot hold a comment in
// tests/corpus/expectations.txt (`NAME CODE LINE:COL`). A few inputs are
// generated here because they are too large or too odd to commit. CI also
// runs this suite under ASan/UBSan (label `corpus`).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

struct Case {
  std::string path;
  std::string code;
  uint32_t line = 0;
  uint32_t col = 0;
};

std::map<std::string, std::string> manifest() {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(source_dir() + "/tests/corpus/expectations.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find(' ');
    out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

bool parse_expectation(const std::string& text, Case& c) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(R"(([EW][0-9]{4}) ([0-9]+):([0-9]+))"))) return false;
  c.code = m[1].str();
  c.line = static_cast<uint32_t>(std::stoul(m[2].str()));
  c.col = static_cast<uint32_t>(std::stoul(m[3].str()));
  return true;
}

std::vector<Case> committed_cases() {
  std::vector<Case> out;
  auto listed = manifest();
  for (const auto& path : list_files(source_dir() + "/tests/corpus/bad", ".slip")) {
    Case c;
    c.path = path;
    std::string name = std::filesystem::path(path).filename().string();
    std::string first_line = read_file(path).substr(0, 200);
    first_line = first_line.substr(0, first_line.find('\n'));
    if (listed.count(name)) parse_expectation(listed[name], c);
    else if (first_line.rfind("# expect:", 0) == 0) parse_expectation(first_line, c);
    out.push_back(c);
  }
  return out;
}

void expect_first_diagnostic(const Case& c) {
  ASSERT_FALSE(c.code.empty()) << c.path << " has no expectation";
  auto result = run_slipway({"check", "--format", "json", c.path});
  ASSERT_EQ(result.exit_code, 1) << c.path << "\nstderr: " << result.err.substr(0, 2000);
  auto parsed = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << "invalid JSON for " << c.path << ": " << result.out.substr(0, 500);
  ASSERT_TRUE(parsed.is_array() && !parsed.empty()) << c.path;
  const auto& first = parsed[0];
  EXPECT_EQ(first["code"], c.code) << c.path << ": " << first.dump();
  if (c.line == 0) {
    EXPECT_TRUE(first["range"].is_null() || first["range"]["start"]["line"] == 0) << first.dump();
    return;
  }
  ASSERT_TRUE(first["range"].is_object()) << c.path << ": " << first.dump();
  EXPECT_EQ(first["range"]["start"]["line"], c.line) << c.path << ": " << first.dump();
  EXPECT_EQ(first["range"]["start"]["col"], c.col) << c.path << ": " << first.dump();
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, FirstDiagnosticHasExpectedCodeAndPlace) { expect_first_diagnostic(GetParam()); }

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string stem = std::filesystem::path(info.param.path).stem().string();
  for (char& ch : stem) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return stem;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(committed_cases()), case_name);

TEST(Corpus, HasAtLeastFortyInputs) {
  // Committed files plus the generated cases below.
  EXPECT_GE(committed_cases().size() + 4, 40u);
}

class GeneratedInput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("slipway-corpus"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    write_file(path, text);
    return path;
  }
  std::string dir_;
};

TEST_F(GeneratedInput, TenThousandDeepNestingIsRefusedWithoutCrashing) {
  std::string text = "workflow w {\n  on push branches " + std::string(10000, '[') + "\n}\n";
  // The workflow's `{` is level 1, so the 128th `[` is the first opener past
  // the limit of 128: column 19 + 128 = 147 (after `  on push branches `).
  expect_first_diagnostic({write("deep.slip", text), "E0005", 2, 147});
}

TEST_F(GeneratedInput, FiveMegabyteFileWithAnErrorAtTheEnd) {
  std::string text = "pipeline p {\n";
  int line = 2;
  while (text.size() < 5u << 20) {
    text += "  step s" + std::to_string(line) + " { image \"alpine:3.20\" run [\"echo\", \"" +
            std::string(40, 'x') + "\"] }\n";
    ++line;
  }
  text += "  step broken { image = \"x\" }\n}\n";
  Case c{write("big.slip", text), "E0001", static_cast<uint32_t>(line), 23};
  expect_first_diagnostic(c);
}

TEST_F(GeneratedInput, FileOverTheSizeLimitIsRefused) {
  std::string text(17u << 20, ' ');
  expect_first_diagnostic({write("huge.slip", text), "E0013", 1, 1});
}

TEST_F(GeneratedInput, NulByteAfterCrlfLines) {
  std::string text = "workflow w {\r\n  on push\r\n  \0x\r\n}\r\n";
  text = std::string("workflow w {\r\n  on push\r\n  ") + std::string(1, '\0') + "x\r\n}\r\n";
  expect_first_diagnostic({write("nul.slip", text), "E0004", 3, 3});
}

}  // namespace
}  // namespace slipway::test
