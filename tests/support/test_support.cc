#include "tests/support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "compiler/sema/analyze.h"
#include "compiler/sema/modules.h"

namespace slipway::test {
namespace fs = std::filesystem;

std::string source_dir() { return SLIPWAY_SOURCE_DIR; }
std::string shared_dir() { return SLIPWAY_SHARED_DIR; }
bool shared_available() { return fs::exists(fs::path(shared_dir()) / "tools" / "validate-ci"); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string make_temp_dir(const std::string& prefix) {
  std::random_device rd;
  for (int i = 0; i < 100; ++i) {
    fs::path p = fs::temp_directory_path() / (prefix + "-" + std::to_string(rd()));
    if (fs::create_directory(p)) return p.string();
  }
  return fs::temp_directory_path().string();
}

static std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

CommandResult run_shell(const std::string& command) {
  CommandResult result;
  std::string dir = make_temp_dir("slipway-run");
  std::string out_path = dir + "/out", err_path = dir + "/err";
  std::string full = "(" + command + ") >" + shell_quote(out_path) + " 2>" + shell_quote(err_path);
  int status = std::system(full.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  fs::remove_all(dir);
  return result;
}

CommandResult run_slipway(const std::vector<std::string>& args, const std::string& stdin_text) {
  std::string cmd = "NO_COLOR=1 " + shell_quote(SLIPWAY_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  if (!stdin_text.empty()) {
    std::string dir = make_temp_dir("slipway-stdin");
    write_file(dir + "/in", stdin_text);
    cmd += " <" + shell_quote(dir + "/in");
  } else {
    cmd += " </dev/null";
  }
  return run_shell(cmd);
}

std::vector<Diagnostic> Compiled::errors() const {
  std::vector<Diagnostic> out;
  for (const auto& d : diags.sorted()) if (d.severity == Severity::Error) out.push_back(d);
  return out;
}

bool Compiled::has(DiagCode code) const {
  for (const auto& d : diags.in_emission_order()) if (d.code == code) return true;
  return false;
}

std::string Compiled::codes() const {
  std::string out;
  for (const auto& d : diags.sorted()) out += (out.empty() ? "" : " ") + std::string(code_info(d.code).id);
  return out;
}

std::unique_ptr<Compiled> compile_text(const std::string& text, const std::string& path,
                                       const std::vector<std::pair<std::string, std::string>>& params) {
  auto c = std::make_unique<Compiled>();
  ModuleSet set = load_modules_from_text(path, text, c->sources, c->diags);
  bool parsed = true;
  for (const auto& m : set.modules) parsed &= m.ast != nullptr;
  if (!parsed) return c;
  AnalyzeOptions options;
  for (const auto& [k, v] : params) options.param_overrides[k] = v;
  c->program = analyze(set, c->diags, options);
  return c;
}

std::vector<std::string> list_files(const std::string& dir, const std::string& extension) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace slipway::test
