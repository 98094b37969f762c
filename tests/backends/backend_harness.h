#pragma once
// Shared test harness for backends: compile a .slip file in memory with one
// target, compare with golden files, validate against the official schemas.
//
// Golden layout: tests/backends/golden/<target>/<case>/<generated paths...>,
// plus `diagnostics.txt` (one `CODE line:col message` per diagnostic) when
// the target reports anything. Run with SLIPWAY_UPDATE_GOLDEN=1 to rewrite.

#include <string>
#include <vector>

#include "backends/backend.h"
#include "tests/support/test_support.h"

namespace slipway::test {

struct TargetRun {
  std::unique_ptr<Compiled> front;  ///< front-end result (must be error-free)
  backends::BackendOutput output;
  std::string diagnostics_text() const;  ///< the diagnostics.txt form
};

/// Compiles `path` (a .slip file) and runs `target` on it. The source path in
/// headers is made relative to the repo root so goldens do not depend on
/// where the checkout lives.
TargetRun run_target(const std::string& target, const std::string& path,
                     const std::map<std::string, std::string>& settings = {});

/// Compiles `text` (which must be free of errors) in memory and runs
/// `target` on it, with `test.slip` as the source path.
backends::BackendOutput compile_target_text(const std::string& target, const std::string& text,
                                           const std::map<std::string, std::string>& settings = {});

/// Compares a run with tests/backends/golden/<target>/<name>/ (or rewrites it
/// in update mode). Reports failures through gtest.
void expect_golden(const std::string& target, const std::string& name, const TargetRun& run);

/// Validates each file with ../shared/tools/validate-ci SCHEMA_TARGET; skips
/// (with a message) when ../shared is absent. Returns validator output.
void expect_schema_valid(const std::string& schema_target, const std::vector<backends::GeneratedFile>& files,
                         const std::vector<std::string>& allowed_error_paths = {});

/// The focused concept cases (tests/backends/cases/*.slip) and the examples.
std::vector<std::string> concept_cases();
std::vector<std::string> example_files();
/// A readable test/golden name for a .slip path: "cases_hooks", "examples_tour".
std::string case_name(const std::string& path);

}  // namespace slipway::test
