#include "tests/backends/backend_harness.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "compiler/sema/analyze.h"
#include "compiler/sema/modules.h"

namespace slipway::test {
namespace fs = std::filesystem;

std::string TargetRun::diagnostics_text() const {
  std::ostringstream out;
  auto line = [&](const Diagnostic& d) {
    out << code_info(d.code).id << " " << d.primary.begin.line << ":" << d.primary.begin.col << " " << d.message << "\n";
  };
  for (const auto& d : front->diags.sorted()) if (d.severity == Severity::Error) line(d);
  for (const auto& d : output.diagnostics) line(d);
  return out.str();
}

TargetRun run_target(const std::string& target, const std::string& path,
                     const std::map<std::string, std::string>& settings) {
  TargetRun run;
  std::string relative = fs::relative(path, source_dir()).string();
  // Compile from the repo root with the relative path, as users do.
  fs::path old = fs::current_path();
  fs::current_path(source_dir());
  run.front = std::make_unique<Compiled>();
  auto loaded = load_modules(relative, run.front->sources, run.front->diags);
  bool parsed = !loaded.io_failed;
  for (const auto& m : loaded.set.modules) parsed &= m.ast != nullptr;
  if (parsed) run.front->program = analyze(loaded.set, run.front->diags);
  fs::current_path(old);
  EXPECT_FALSE(run.front->diags.has_errors()) << relative << " has front-end errors: " << run.front->codes();
  const backends::Backend* backend = backends::find_backend(target);
  if (!backend) {
    ADD_FAILURE() << "no backend " << target;
    return run;
  }
  backends::BackendOptions options;
  options.source_path = relative;
  options.settings = settings;
  run.output = backend->compile(run.front->program, options);
  return run;
}

void expect_golden(const std::string& target, const std::string& name, const TargetRun& run) {
  fs::path dir = fs::path(source_dir()) / "tests/backends/golden" / target / name;
  const char* update = std::getenv("SLIPWAY_UPDATE_GOLDEN");
  std::map<std::string, std::string> actual;
  for (const auto& f : run.output.files) actual[f.path] = f.content;
  std::string diags = run.diagnostics_text();
  if (!diags.empty()) actual["diagnostics.txt"] = diags;
  if (update && std::string(update) == "1") {
    fs::remove_all(dir);
    for (const auto& [path, content] : actual) write_file((dir / path).string(), content);
    return;
  }
  std::map<std::string, std::string> expected;
  if (fs::exists(dir)) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file()) expected[fs::relative(e.path(), dir).string()] = read_file(e.path().string());
    }
  }
  ASSERT_FALSE(expected.empty()) << "no golden files in " << dir << "; run with SLIPWAY_UPDATE_GOLDEN=1";
  for (const auto& [path, content] : expected) {
    auto it = actual.find(path);
    if (it == actual.end()) {
      ADD_FAILURE() << target << "/" << name << ": " << path << " is no longer generated";
      continue;
    }
    EXPECT_EQ(content, it->second) << target << "/" << name << ": " << path << " differs from its golden";
  }
  for (const auto& [path, _] : actual)
    EXPECT_TRUE(expected.count(path)) << target << "/" << name << ": new file " << path << " has no golden";
}

void expect_schema_valid(const std::string& schema_target, const std::vector<backends::GeneratedFile>& files,
                         const std::vector<std::string>& allowed_error_paths) {
  if (!shared_available()) {
    GTEST_SKIP() << "../shared is absent: schema validation skipped";
  }
  std::string dir = make_temp_dir("slipway-schema");
  std::string args;
  for (const auto& f : files) {
    if (!f.path.ends_with(".yml") && !f.path.ends_with(".yaml")) continue;
    std::string path = dir + "/" + f.path;
    write_file(path, f.content);
    args += " '" + path + "'";
  }
  if (args.empty()) {
    fs::remove_all(dir);
    return;
  }
  auto result = run_shell(shared_dir() + "/tools/validate-ci " + schema_target + args);
  // Each error line is `FILE: <json path>: message`; allow listed paths only.
  std::istringstream lines(result.out + result.err);
  std::string line;
  std::vector<std::string> unexpected;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    bool allowed = false;
    for (const auto& p : allowed_error_paths) allowed |= line.find(": " + p + ":") != std::string::npos;
    if (!allowed) unexpected.push_back(line);
  }
  EXPECT_TRUE(unexpected.empty())
      << "validate-ci " << schema_target << " failed (exit " << result.exit_code << "):\n"
      << [&] { std::string s; for (auto& u : unexpected) s += u + "\n"; return s; }();
  fs::remove_all(dir);
}

std::vector<std::string> concept_cases() {
  return list_files(source_dir() + "/tests/backends/cases", ".slip");
}

std::vector<std::string> example_files() {
  std::vector<std::string> out;
  for (const auto& e : list_files(source_dir() + "/examples", ".slip"))
    if (read_file(e).find("workflow ") != std::string::npos) out.push_back(e);
  return out;
}

std::string case_name(const std::string& path) {
  fs::path p(path);
  std::string name = p.parent_path().filename().string() + "_" + p.stem().string();
  for (char& c : name) if (!isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  return name;
}

backends::BackendOutput compile_target_text(const std::string& target, const std::string& text,
                                           const std::map<std::string, std::string>& settings) {
  auto compiled = compile_text(text);
  EXPECT_FALSE(compiled->diags.has_errors()) << compiled->codes();
  backends::BackendOptions options;
  options.source_path = "test.slip";
  options.settings = settings;
  return backends::find_backend(target)->compile(compiled->program, options);
}

}  // namespace slipway::test
