// `slipway compile FILE --target T`: check, lower to each target, and write
// the files atomically — or nothing at all when any error exists.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <iostream>

#include "backends/backend.h"
#include "compiler/cli/driver.h"
#include "compiler/cli/unified_diff.h"
#include "compiler/sema/modules.h"

namespace slipway::cli {
namespace fs = std::filesystem;

namespace {

/// Writes through a temp file in the same directory and renames it, so a
/// reader never sees a half-written file.
bool write_atomically(const fs::path& path, const std::string& content, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path().empty() ? fs::path(".") : path.parent_path(), ec);
  if (ec) {
    error = "cannot create `" + path.parent_path().string() + "`: " + ec.message();
    return false;
  }
  fs::path temp = path;
  temp += ".slipway-tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      error = "cannot write `" + temp.string() + "`";
      fs::remove(temp, ec);
      return false;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    error = "cannot replace `" + path.string() + "`: " + ec.message();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

/// The entry file among the files given: `compile dir/*.slip` also names the
/// modules the entry imports, which are not entries themselves. Prints an
/// error and returns nullopt when no single file is left.
std::optional<std::string> pick_entry(const std::vector<std::string>& files, const FrontEndOptions& options) {
  if (files.size() == 1) return files.front();
  auto canonical = [](const std::string& path) {
    std::error_code ec;
    auto c = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : c.string();
  };
  std::set<std::string> imported;
  for (const auto& f : files) {
    SourceManager sources;
    DiagnosticEngine diags;
    LoadOptions load;
    load.include_dirs = options.include_dirs;
    LoadResult loaded = load_modules(f, sources, diags, load);
    for (size_t i = 1; i < loaded.set.modules.size(); ++i)
      if (!loaded.set.modules[i].is_stdlib) imported.insert(canonical(loaded.set.modules[i].path));
  }
  std::vector<std::string> entries;
  for (const auto& f : files)
    if (!imported.count(canonical(f))) entries.push_back(f);
  if (entries.size() == 1) return entries.front();
  std::string list;
  for (const auto& e : entries) list += (list.empty() ? "" : ", ") + e;
  print_error(entries.empty() ? "the files given import each other; give the entry file alone"
                              : "give one workflow file; these are not imported by the others: " + list);
  return std::nullopt;
}

}  // namespace

void register_compile(CLI::App& app, int& exit_code) {
  struct State {
    std::vector<std::string> files;
    std::string file;
    std::string target;
    std::string out_dir = ".";
    std::string workflow;
    bool to_stdout = false;
    bool check = false;
    std::vector<std::string> settings;
    FrontEndOptions options;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("compile", "Compile a workflow to CI configuration files");
  cmd->footer(
      "Examples:\n"
      "  slipway compile ci.slip --target gitlab            writes ./.gitlab-ci.yml\n"
      "  slipway compile ci.slip --target all -o generated  every target into generated/\n"
      "  slipway compile ci.slip --target cloudbuild --stdout\n"
      "  slipway compile ci.slip --target all --check       exit 1 with a diff if files are stale\n"
      "  slipway compile ci/*.slip --target gitlab          the entry file plus the modules it imports\n"
      "  slipway compile ci.slip --target concourse --set concourse.repository=https://git.example/app.git\n\n"
      "Target settings (--set KEY=VALUE; docs/backends.md explains each):\n"
      "  cloudbuild.repository, cloudbuild.github, cloudbuild.dir, cloudbuild.service_account,\n"
      "  cloudbuild.gcloud_image, cloudbuild.docker_image; gitlab.gate_image;\n"
      "  concourse.repository, concourse.branch, concourse.docker_image, concourse.docker_config\n\n"
      "Nothing is written when any error is found. Exit status: 0 ok, 1 errors or stale files, 2 usage or I/O error.");
  cmd->add_option("file", state->files,
                  "Workflow file; more files are allowed when all but one are modules it imports")
      ->required()
      ->type_name("FILE");
  std::vector<std::string> targets = {"all"};
  for (const auto& b : backends::all_backends()) targets.emplace_back(b.name);
  cmd->add_option("-t,--target", state->target, "Target CI system")
      ->required()
      ->check(CLI::IsMember(targets));
  cmd->add_option("-o,--out", state->out_dir, "Output directory")->default_str(".")->type_name("DIR");
  cmd->add_option("-w,--workflow", state->workflow, "Compile only this workflow");
  cmd->add_option("--set", state->settings, "Target setting (repeatable; listed below)")
      ->type_name("KEY=VALUE");
  cmd->add_flag("--stdout", state->to_stdout, "Print the files instead of writing them");
  cmd->add_flag("--check", state->check, "Write nothing; exit 1 with a diff when files in --out are stale");
  add_front_end_options(*cmd, state->options);
  cmd->callback([state, &exit_code] {
    auto entry = pick_entry(state->files, state->options);
    if (!entry) {
      exit_code = kExitUsage;
      return;
    }
    state->file = *entry;
    Session session(state->options);
    auto program = session.compile(state->file);
    if (session.io_failed()) { exit_code = kExitUsage; return; }
    if (!program || session.has_errors()) {
      session.print_diagnostics();
      exit_code = kExitFindings;
      return;
    }
    if (!state->workflow.empty()) {
      std::erase_if(program->workflows, [&](const auto& w) { return w.name != state->workflow; });
      if (program->workflows.empty()) {
        session.print_diagnostics();
        print_error("no workflow `" + state->workflow + "` in `" + state->file + "`");
        exit_code = kExitUsage;
        return;
      }
    }
    backends::BackendOptions options;
    options.source_path = state->file;
    for (const auto& s : state->settings) {
      auto eq = s.find('=');
      if (eq == std::string::npos) {
        print_error("`--set " + s + "`: expected KEY=VALUE");
        exit_code = kExitUsage;
        return;
      }
      options.settings[s.substr(0, eq)] = s.substr(eq + 1);
    }
    // Backends are pure functions of the IR, so `--target all` runs them on
    // threads; results are taken in registry order, so output stays stable.
    std::vector<std::future<backends::BackendOutput>> runs;
    for (const auto& backend : backends::all_backends()) {
      if (state->target != "all" && state->target != backend.name) continue;
      runs.push_back(std::async(std::launch::async, backend.compile, std::cref(*program), std::cref(options)));
    }
    std::vector<backends::GeneratedFile> files;
    for (auto& run : runs) {
      backends::BackendOutput output = run.get();
      for (auto& d : output.diagnostics) session.diags().emit(std::move(d));
      for (auto& f : output.files) files.push_back(std::move(f));
    }
    session.print_diagnostics();
    if (session.has_errors()) {
      exit_code = kExitFindings;
      return;
    }
    if (state->to_stdout) {
      for (const auto& f : files) {
        if (files.size() > 1) std::cout << "# ---- " << f.path << "\n";
        std::cout << f.content;
      }
      exit_code = kExitOk;
      return;
    }
    fs::path dir(state->out_dir);
    if (state->check) {
      bool stale = false;
      for (const auto& f : files) {
        fs::path path = dir / f.path;
        std::string current, error;
        if (!read_text_file(path.string(), current, error)) current.clear();
        std::string diff = unified_diff(current, f.content, path.string() + " (on disk)", path.string() + " (generated)");
        if (!diff.empty()) {
          stale = true;
          std::cout << diff;
        }
      }
      if (stale) std::cerr << "slipway: generated files are stale; run without --check to update them\n";
      exit_code = stale ? kExitFindings : kExitOk;
      return;
    }
    for (const auto& f : files) {
      std::string error;
      fs::path path = dir / f.path;
      if (!write_atomically(path, f.content, error)) {
        print_error(error);
        exit_code = kExitUsage;
        return;
      }
      std::cout << "wrote " << path.string() << "\n";
    }
    exit_code = kExitOk;
  });
}

}  // namespace slipway::cli
