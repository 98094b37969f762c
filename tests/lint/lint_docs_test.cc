// Keeps docs/lint.md true, as docs/checks.md is kept in actionlint: every
// rule of the catalog has a section with a bad example, the exact output of
// `slipway lint` for it, and a fixed example; the table of rules shows each
// default level. SLIPWAY_UPDATE_DOCS=1 rewrites the outputs in place.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "compiler/lint/rules.h"
#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

struct Block {
  std::string lang;
  size_t first_line = 0;  ///< 0-based index of the first line inside the fence
  size_t end_line = 0;    ///< index of the closing fence
  std::string text;
};

struct Section {
  std::string heading;
  std::vector<Block> blocks;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::map<std::string, Section> sections(const std::vector<std::string>& lines) {
  std::map<std::string, Section> out;
  Section* current = nullptr;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("## ", 0) == 0) {
      current = &out[lines[i].substr(3)];
      current->heading = lines[i].substr(3);
      continue;
    }
    if (lines[i].rfind("```", 0) != 0 || lines[i] == "```") continue;
    Block block{lines[i].substr(3), i + 1, i + 1, ""};
    size_t j = i + 1;
    for (; j < lines.size() && lines[j] != "```"; ++j) block.text += lines[j] + "\n";
    block.end_line = j;
    if (current) current->blocks.push_back(block);
    i = j;
  }
  return out;
}

/// Runs `slipway lint example.slip` on `text` in a fresh directory.
CommandResult lint_example(const std::string& text, const std::string& format = "human") {
  std::string dir = make_temp_dir("slipway-lint-doc");
  write_file(dir + "/example.slip", text);
  auto r = run_shell("cd '" + dir + "' && NO_COLOR=1 '" + std::string(SLIPWAY_BINARY) + "' lint --format " + format +
                     " example.slip");
  std::filesystem::remove_all(dir);
  return r;
}

/// The rule ids of a JSON output, one per finding.
std::vector<std::string> ids(const std::string& json) {
  std::vector<std::string> out;
  const std::string key = "\"code\": \"";
  for (size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
    size_t start = at + key.size();
    out.push_back(json.substr(start, json.find('"', start) - start));
  }
  return out;
}

class LintDocs : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = source_dir() + "/docs/lint.md";
    lines_ = lines_of(read_file(path_));
    ASSERT_FALSE(lines_.empty()) << "docs/lint.md is missing";
    sections_ = sections(lines_);
  }
  std::string path_;
  std::vector<std::string> lines_;
  std::map<std::string, Section> sections_;
};

TEST_F(LintDocs, EveryRuleHasBadOutputAndFixedExamples) {
  bool update = std::getenv("SLIPWAY_UPDATE_DOCS") != nullptr;
  std::vector<std::pair<const Block*, std::string>> rewrites;
  for (const auto& rule : lint::rule_catalog()) {
    std::string name(rule.name);
    auto found = sections_.find(name);
    if (found == sections_.end()) {
      ADD_FAILURE() << "docs/lint.md has no `## " << name << "` section";
      continue;
    }
    const auto& blocks = found->second.blocks;
    std::vector<const Block*> slips;
    const Block* output = nullptr;
    for (const auto& b : blocks) {
      if (b.lang == "slip") slips.push_back(&b);
      if (b.lang == "text" && slips.size() == 1 && !output) output = &b;
    }
    ASSERT_EQ(slips.size(), 2u) << name << ": expected a bad and a fixed ```slip example";
    ASSERT_NE(output, nullptr) << name << ": expected a ```text output after the bad example";
    const std::string where = "docs/lint.md:" + std::to_string(slips[0]->first_line + 1) + " (" + name + ")";

    auto bad = lint_example(slips[0]->text, "json");
    auto found_ids = ids(bad.out);
    EXPECT_FALSE(found_ids.empty()) << where << ": the bad example finds nothing";
    for (const auto& id : found_ids) EXPECT_EQ(id, name) << where << ": the bad example also finds " << id;

    auto human = lint_example(slips[0]->text);
    if (update && human.err != output->text) rewrites.emplace_back(output, human.err);
    else EXPECT_EQ(human.err, output->text) << where << ": the documented output differs";

    auto fixed = lint_example(slips[1]->text, "json");
    for (const auto& id : ids(fixed.out))
      EXPECT_NE(id, name) << "docs/lint.md:" << slips[1]->first_line + 1 << " (" << name << "): the fix still finds it";
  }
  if (!rewrites.empty()) {
    std::vector<std::string> lines = lines_;
    // Back to front, so earlier line numbers stay valid.
    std::sort(rewrites.begin(), rewrites.end(), [](const auto& a, const auto& b) { return a.first->first_line > b.first->first_line; });
    for (const auto& [block, text] : rewrites) {
      auto replacement = lines_of(text);
      lines.erase(lines.begin() + static_cast<long>(block->first_line), lines.begin() + static_cast<long>(block->end_line));
      lines.insert(lines.begin() + static_cast<long>(block->first_line), replacement.begin(), replacement.end());
    }
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    write_file(path_, out);
    GTEST_SKIP() << "rewrote " << rewrites.size() << " outputs in docs/lint.md";
  }
}

TEST_F(LintDocs, TableShowsEveryRuleWithItsLevel) {
  std::string doc = read_file(path_);
  for (const auto& rule : lint::rule_catalog()) {
    std::string row = "| [" + std::string(rule.name) + "](#" + std::string(rule.name) + ") | " +
                      std::string(severity_name(rule.default_severity)) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/lint.md: no table row starting `" << row << "`";
    std::string level = "Level: " + std::string(severity_name(rule.default_severity));
    auto section = sections_.find(std::string(rule.name));
    if (section == sections_.end()) continue;
    size_t at = doc.find("## " + std::string(rule.name) + "\n");
    EXPECT_EQ(doc.compare(doc.find('\n', at) + 2, level.size(), level), 0) << rule.name << ": section should start `" << level << "`";
  }
}

TEST_F(LintDocs, SuppressionExampleIsClean) {
  auto found = sections_.find("Suppressing a finding");
  ASSERT_NE(found, sections_.end());
  for (const auto& b : found->second.blocks) {
    if (b.lang != "slip") continue;
    auto r = lint_example(b.text, "json");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(ids(r.out).empty()) << r.out;
  }
}

}  // namespace
}  // namespace slipway::test
