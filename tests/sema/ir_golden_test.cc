// Golden IR tests: tests/sema/golden/NAME.slip → NAME.ir.json, the output of
// `slipway ir --json`. Run with SLIPWAY_UPDATE_GOLDEN=1 to rewrite the
// expectations after an intentional change (then review the diff).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

class IrGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(IrGolden, MatchesExpectedJson) {
  const std::string input = GetParam();
  // Goldens of examples live beside the other goldens, not in examples/.
  std::filesystem::path in(input);
  const std::string golden =
      input.find("/examples/") != std::string::npos
          ? source_dir() + "/tests/sema/golden/examples/" + in.parent_path().filename().string() + "_" +
                in.stem().string() + ".ir.json"
          : input.substr(0, input.size() - 5) + ".ir.json";
  // Run from the repo root so the recorded paths are relative and stable.
  auto result = run_slipway({"ir", "--json", std::filesystem::relative(input, source_dir()).string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const char* update = std::getenv("SLIPWAY_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden, result.out);
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << "missing " << golden << "; run with SLIPWAY_UPDATE_GOLDEN=1";
  EXPECT_EQ(read_file(golden), result.out) << "IR of " << input << " changed";
}

TEST_P(IrGolden, IsByteIdenticalAcrossRuns) {
  const std::string input = std::filesystem::relative(GetParam(), source_dir()).string();
  auto first = run_slipway({"ir", "--json", input});
  auto second = run_slipway({"ir", "--json", input});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
}

std::vector<std::string> inputs() {
  auto files = list_files(source_dir() + "/tests/sema/golden", ".slip");
  for (const auto& e : list_files(source_dir() + "/examples", ".slip")) {
    // Example roots only: library files without a workflow have no IR.
    if (read_file(e).find("workflow ") != std::string::npos) files.push_back(e);
  }
  return files;
}

std::string name_of(const ::testing::TestParamInfo<std::string>& info) {
  std::string stem = std::filesystem::path(info.param).parent_path().filename().string() + "_" +
                     std::filesystem::path(info.param).stem().string();
  for (char& c : stem) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return stem;
}

INSTANTIATE_TEST_SUITE_P(Files, IrGolden, ::testing::ValuesIn(inputs()), name_of);

}  // namespace
}  // namespace slipway::test
