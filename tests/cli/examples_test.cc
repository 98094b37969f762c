// Every example (examples/*/ with a workflow) checks clean, and
// `slipway run --dry-run` plans it without an engine.

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

std::vector<std::string> workflow_files() {
  std::vector<std::string> out;
  for (const auto& f : list_files(source_dir() + "/examples", ".slip"))
    if (read_file(f).find("\nworkflow ") != std::string::npos) out.push_back(f);
  return out;
}

TEST(Examples, ThereAreExamples) { EXPECT_GE(workflow_files().size(), 6u); }

TEST(Examples, EachChecksWithoutErrorsOrWarnings) {
  for (const auto& f : workflow_files()) {
    auto r = run_slipway({"check", f});
    EXPECT_EQ(r.exit_code, 0) << f << "\n" << r.out << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << f << "\n" << r.err;
    EXPECT_EQ(r.out.find("warning"), std::string::npos) << f << "\n" << r.out;
  }
}

TEST(Examples, EachRunsDry) {
  for (const auto& f : workflow_files()) {
    auto r = run_slipway({"run", f, "--dry-run"});
    EXPECT_EQ(r.exit_code, 0) << f << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("would run image"), std::string::npos) << f << "\n" << r.out;
  }
}

}  // namespace
}  // namespace slipway::test
