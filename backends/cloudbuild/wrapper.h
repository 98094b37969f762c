#pragma once
// The generated POSIX sh wrapper for a step that needs more than Cloud Build
// gives: values read from other steps' outputs, secrets composed with text or
// written to files, plain files, the outputs file and its type checks, and
// retries. The step becomes `entrypoint: sh`, `args: [-c, PROGRAM, slipway,
// WORD...]`.
//
// All user text travels as the positional parameters WORD... (substituted by
// Cloud Build like any other args item); the program refers to them as
// "${N}" inside double quotes and never re-parses them as shell, so a value
// containing quotes, `$(...)` or newlines stays one literal argument.
// Output values are read from /workspace/.slipway/outputs/<step id> (lines
// `name=value`, the last one wins) into shell variables, checked against
// their declared type, and used the same way.

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// Directory of the outputs files in the shared /workspace volume.
inline constexpr const char* kOutputsDir = "/workspace/.slipway/outputs";
/// Directory of the exit-status files of steps that have hooks.
inline constexpr const char* kStatusDir = "/workspace/.slipway/status";

/// The file where a hooked step's wrapper records its exit status.
std::string status_file(const std::string& step_id);

class Wrapper {
 public:
  explicit Wrapper(std::string step_id) : step_id_(std::move(step_id)) {}

  /// Adds `text` (already substituted for Cloud Build) as a positional
  /// parameter; returns its reference, e.g. `${3}`.
  std::string word(const std::string& text);
  /// Reads `output` (an Output ref) into a variable before the command;
  /// returns its reference. Each output is read once.
  std::string read(const ir::Ref& output);
  /// Reference to an environment variable of the step.
  static std::string env(const std::string& name) { return "${" + name + "}"; }

  /// Sets env var `key` to `expr` (a concatenation of references).
  void export_env(const std::string& key, const std::string& expr);
  /// Writes `expr` to the file named by `path` (a reference), creating the
  /// directory named by `dir` (a reference, or empty for none); secret files
  /// are created readable by their owner only.
  void write_file(const std::string& path, const std::string& dir, const std::string& expr, bool secret);
  /// Removes a helper variable from the command's environment.
  void unset_env(const std::string& name);
  /// The command: one expression per argument.
  void set_command(std::vector<std::string> words) { command_ = std::move(words); }
  /// Declared outputs: the wrapper provides $SLIPWAY_OUTPUTS and checks them.
  void set_outputs(std::vector<ir::OutputDecl> outputs) { outputs_ = std::move(outputs); }
  /// Extra attempts after a failure.
  void set_retry(int64_t retry) { retry_ = retry; }
  /// Records the step's exit status in status_file(step) on every way out,
  /// so its hooks and its result step can tell how it ended.
  void record_status() { record_status_ = true; }
  /// Makes the step an `on_failure` hook of `parent`: it exits 0 without
  /// running when the parent recorded a zero exit status.
  void run_only_if_failed(std::string parent) { only_if_failed_ = std::move(parent); }

  /// The sh program (plain text: the caller escapes `$` for Cloud Build).
  std::string program() const;
  /// The positional parameters, in order.
  const std::vector<std::string>& words() const { return words_; }

 private:
  struct Read {
    ir::Ref ref;
    std::string var;
  };
  std::string step_id_;
  std::vector<std::string> words_;
  std::vector<Read> reads_;
  std::vector<std::string> prepare_;  ///< env exports, files, unsets, in order
  std::vector<std::string> command_;
  std::vector<ir::OutputDecl> outputs_;
  int64_t retry_ = 0;
  bool writes_files_ = false;
  bool record_status_ = false;
  std::string only_if_failed_;
};

/// `text` in single quotes, safe as one sh word.
std::string sh_quote(const std::string& text);

}  // namespace slipway::backends::cloudbuild
