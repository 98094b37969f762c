#pragma once
// Shared plumbing of the subcommands: exit codes, the front half of the
// compiler (load → analyze), and diagnostic output.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/sema/analyze.h"
#include "compiler/sema/modules.h"

namespace slipway::cli {

/// Exit codes shared by every subcommand.
enum ExitCode : int { kExitOk = 0, kExitFindings = 1, kExitUsage = 2 };

/// Options every compiling subcommand accepts.
struct FrontEndOptions {
  std::vector<std::string> include_dirs;
  std::vector<std::string> param_overrides;  ///< NAME=VALUE
  std::string format = "human";              ///< human | json
};

void add_front_end_options(CLI::App& cmd, FrontEndOptions& options, bool with_format = true);

/// One compiler run over one or more files: owns sources and diagnostics.
class Session {
 public:
  explicit Session(const FrontEndOptions& options) : options_(options) {}

  /// Loads and analyzes `path`. Returns nullopt on an I/O error (already
  /// printed as one line on stderr) and sets io_failed.
  std::optional<ir::Program> compile(const std::string& path, bool require_workflow = true);

  /// For subcommands that need error-free IR (ir, graph, run): compiles,
  /// prints the diagnostics, and returns the IR only when there is no error;
  /// otherwise sets `exit_code` (2 for I/O, 1 for errors) and returns nullopt.
  std::optional<ir::Program> compile_clean(const std::string& path, int& exit_code);

  /// Prints collected diagnostics (human or JSON, per --format) to stderr/stdout.
  void print_diagnostics();

  bool io_failed() const { return io_failed_; }
  bool has_errors() const { return diags_.has_errors(); }
  SourceManager& sources() { return sources_; }
  DiagnosticEngine& diags() { return diags_; }

  /// Parses -p values; false (after printing) on malformed text.
  static bool parse_overrides(const std::vector<std::string>& raw, std::map<std::string, std::string>& out);

 private:
  const FrontEndOptions& options_;
  SourceManager sources_;
  DiagnosticEngine diags_;
  bool io_failed_ = false;
};

/// Prints `slipway: error: MESSAGE` on stderr.
void print_error(const std::string& message);

/// Registers each subcommand (one file each).
void register_check(CLI::App& app, int& exit_code);
void register_ir(CLI::App& app, int& exit_code);
void register_compile(CLI::App& app, int& exit_code);
void register_run(CLI::App& app, int& exit_code);
void register_gc(CLI::App& app, int& exit_code);
void register_graph(CLI::App& app, int& exit_code);
void register_lint(CLI::App& app, int& exit_code);
void register_fmt(CLI::App& app, int& exit_code);

}  // namespace slipway::cli
