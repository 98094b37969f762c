#pragma once
// Loading a root file and everything it imports: `import "std/NAME"` from the
// embedded standard library, `import "./x.slip"` relative to the importing
// file, and other paths through the `-I DIR` search path.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace slipway {

struct Module {
  FileId file = kNoFile;
  std::string path;       ///< as loaded ("std/docker" for the standard library)
  bool is_stdlib = false;
  std::unique_ptr<ast::File> ast;  ///< null when the file did not parse
  /// Namespace name → module index, from this module's imports.
  std::map<std::string, size_t> imports;
};

struct ModuleSet {
  std::vector<Module> modules;  ///< [0] is the root file
  const Module& root() const { return modules.front(); }
};

struct LoadOptions {
  std::vector<std::string> include_dirs;  ///< `-I DIR`, searched in order
};

/// Reads and parses `root_path` and its imports. I/O failure of the root file
/// is reported by returning false with `io_error` set (exit code 2 material);
/// everything else becomes diagnostics.
struct LoadResult {
  ModuleSet set;
  bool io_failed = false;
  std::string io_error;
};

[[nodiscard]] LoadResult load_modules(const std::string& root_path, SourceManager& sources,
                                      DiagnosticEngine& diags, const LoadOptions& options = {});

/// Loads a root given as text (tests, stdin).
[[nodiscard]] ModuleSet load_modules_from_text(const std::string& display_path, std::string text,
                                               SourceManager& sources, DiagnosticEngine& diags,
                                               const LoadOptions& options = {});

/// Reads a whole file; false with a one-line reason on failure (missing,
/// unreadable, a directory).
bool read_text_file(const std::string& path, std::string& out, std::string& error);

}  // namespace slipway
