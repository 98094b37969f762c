// `slipway fmt [--check] [PATH]...`: canonical layout of .slip files.

#include <filesystem>
#include <fstream>
#include <iostream>

#include "compiler/cli/driver.h"
#include "compiler/cli/unified_diff.h"
#include "compiler/syntax/format.h"

namespace slipway::cli {
namespace fs = std::filesystem;

namespace {

/// Expands directories to their *.slip files (recursively, sorted).
bool collect(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file() && it->path().extension() == ".slip") found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      print_error("cannot read `" + p + "`: No such file or directory");
      return false;
    }
  }
  return true;
}

}  // namespace

void register_fmt(CLI::App& app, int& exit_code) {
  struct State {
    std::vector<std::string> paths;
    bool check = false;
    FrontEndOptions options;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("fmt", "Format .slip files in place (canonical layout)");
  cmd->footer(
      "Examples:\n"
      "  slipway fmt                     format every .slip file below .\n"
      "  slipway fmt --check examples    exit 1 with a diff when a file is not formatted\n\n"
      "Only white space changes: comments and meaning are kept. Exit status: 0 ok,\n"
      "1 unformatted files (--check) or files that do not parse, 2 usage or I/O error.");
  cmd->add_option("paths", state->paths, "Files or directories (default: .)")->type_name("PATH");
  cmd->add_flag("--check", state->check, "Write nothing; print a diff and exit 1 when a file would change");
  cmd->callback([state, &exit_code] {
    std::vector<std::string> files;
    if (!collect(state->paths.empty() ? std::vector<std::string>{"."} : state->paths, files)) {
      exit_code = kExitUsage;
      return;
    }
    Session session(state->options);
    bool changed = false;
    bool io_error = false;
    for (const auto& path : files) {
      std::string text, error;
      if (!read_text_file(path, text, error)) {
        print_error(error);
        io_error = true;
        continue;
      }
      FileId id = session.sources().add(path, text);
      auto formatted = format_source(session.sources(), id, session.diags());
      if (!formatted || *formatted == text) continue;
      changed = true;
      if (state->check) {
        std::cout << unified_diff(text, *formatted, path, path + " (formatted)");
        continue;
      }
      fs::path temp = path + ".slipway-fmt";
      {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << *formatted;
        if (!out) {
          print_error("cannot write `" + temp.string() + "`");
          io_error = true;
          continue;
        }
      }
      std::error_code ec;
      fs::rename(temp, path, ec);
      if (ec) {
        print_error("cannot replace `" + path + "`: " + ec.message());
        io_error = true;
        continue;
      }
      std::cout << "formatted " << path << "\n";
    }
    session.print_diagnostics();
    if (io_error) exit_code = kExitUsage;
    else if (session.has_errors() || (state->check && changed)) exit_code = kExitFindings;
    else exit_code = kExitOk;
  });
}

}  // namespace slipway::cli
