#pragma once
// Helpers shared by the test suites: running the built `slipway` binary,
// reading files, compiling text in memory.

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `slipway ARGS...` (the binary under test) with NO_COLOR set.
CommandResult run_slipway(const std::vector<std::string>& args, const std::string& stdin_text = "");

/// Runs a shell command line; stdout and stderr captured separately.
CommandResult run_shell(const std::string& command);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);
/// A fresh empty directory under the system temp dir.
std::string make_temp_dir(const std::string& prefix);

std::string source_dir();
std::string shared_dir();
bool shared_available();

/// Result of compiling text in memory: the diagnostics and the IR.
struct Compiled {
  SourceManager sources;
  DiagnosticEngine diags;
  ir::Program program;
  std::vector<Diagnostic> errors() const;
  bool has(DiagCode code) const;
  std::string codes() const;  ///< "E0101 W0102" for messages
};

/// Compiles `text` as if it were the file `path` (relative imports resolve
/// against its directory).
std::unique_ptr<Compiled> compile_text(const std::string& text, const std::string& path = "test.slip",
                                       const std::vector<std::pair<std::string, std::string>>& params = {});

/// Every file below `dir` (recursively) with the given extension, sorted.
std::vector<std::string> list_files(const std::string& dir, const std::string& extension);

}  // namespace slipway::test
