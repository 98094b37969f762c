#include <algorithm>

#include "compiler/sema/modules.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/syntax/parse.h"
#include "stdlib/embedded.h"

namespace slipway {
namespace fs = std::filesystem;

bool read_text_file(const std::string& path, std::string& out, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "`" + path + "` is a directory, not a .slip file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read `" + path + "`: " + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "cannot read `" + path + "`: read error";
    return false;
  }
  out = buffer.str();
  return true;
}

namespace {

/// The namespace an import binds: its alias, else the file's stem.
std::string namespace_of(const ast::Import& import) {
  if (import.alias) return import.alias->name;
  std::string stem = fs::path(import.path).stem().string();
  return stem;
}

class Loader {
 public:
  Loader(SourceManager& sources, DiagnosticEngine& diags, const LoadOptions& options)
      : sources_(sources), diags_(diags), options_(options) {}

  size_t add(std::string key, std::string display, std::string text, bool is_stdlib) {
    FileId id = sources_.add(display, std::move(text));
    Module module;
    module.file = id;
    module.path = display;
    module.is_stdlib = is_stdlib;
    module.ast = parse_file(sources_, id, diags_);
    set_.modules.push_back(std::move(module));
    size_t index = set_.modules.size() - 1;
    by_key_[key] = index;
    return index;
  }

  /// Resolves the imports of module `index`, depth first; `stack` holds the
  /// keys being loaded, to report cycles.
  void resolve(size_t index, std::vector<std::string>& stack, const std::string& dir) {
    if (!set_.modules[index].ast) return;
    // Copy the import list: loading may grow set_.modules and move the AST owner.
    std::vector<const ast::Import*> imports;
    for (const auto& import : set_.modules[index].ast->imports) imports.push_back(&import);
    for (const ast::Import* import : imports) {
      std::string key, display, text, next_dir;
      bool is_stdlib = false;
      if (!locate(*import, dir, key, display, text, next_dir, is_stdlib)) continue;
      if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
        auto d = Diagnostic::make(DiagCode::E0111, import->path_span,
                                  "import cycle: `" + import->path + "` is already being imported");
        // Only the files on the loop, not the ones that led to it.
        std::string path;
        for (auto k = std::find(stack.begin(), stack.end(), key); k != stack.end(); ++k) path += *k + " -> ";
        d.note("the cycle is " + path + key);
        d.with_help("move the shared declarations into a third file that both import");
        diags_.emit(std::move(d));
        continue;
      }
      size_t target;
      auto found = by_key_.find(key);
      if (found != by_key_.end()) {
        target = found->second;
      } else {
        target = add(key, display, std::move(text), is_stdlib);
        stack.push_back(key);
        resolve(target, stack, next_dir);
        stack.pop_back();
      }
      std::string ns = namespace_of(*import);
      auto& map = set_.modules[index].imports;
      if (map.count(ns) && map[ns] != target) {
        diags_.emit(Diagnostic::make(DiagCode::E0104, import->span,
                                     "two imports bind the namespace `" + ns + "`")
                        .with_help("give one of them another name: import \"" + import->path +
                                   "\" as OTHER"));
        continue;
      }
      map[ns] = target;
    }
  }

  ModuleSet take() { return std::move(set_); }

 private:
  bool locate(const ast::Import& import, const std::string& dir, std::string& key,
              std::string& display, std::string& text, std::string& next_dir, bool& is_stdlib) {
    const std::string& path = import.path;
    if (path.rfind("std/", 0) == 0) {
      std::vector<std::string> names;
      for (const auto& module : embedded_stdlib()) {
        names.emplace_back(module.name);
        if (module.name == path) {
          key = display = path;
          text = std::string(module.source);
          is_stdlib = true;
          return true;
        }
      }
      auto d = Diagnostic::make(DiagCode::E0110, import.path_span,
                                "no standard module `" + path + "`");
      if (auto near = closest_match(path, names)) d.with_help("did you mean `" + *near + "`?");
      else {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        d.note("the standard library has: " + list);
      }
      diags_.emit(std::move(d));
      return false;
    }
    std::vector<fs::path> candidates;
    bool relative = path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0;
    if (relative || fs::path(path).is_absolute()) {
      candidates.push_back(fs::path(dir) / path);
    } else {
      candidates.push_back(fs::path(dir) / path);
      for (const auto& inc : options_.include_dirs) candidates.push_back(fs::path(inc) / path);
    }
    for (auto candidate : candidates) {
      if (candidate.extension() != ".slip") candidate += ".slip";
      std::error_code ec;
      if (!fs::is_regular_file(candidate, ec)) continue;
      std::string error;
      if (!read_text_file(candidate.string(), text, error)) {
        diags_.emit(Diagnostic::make(DiagCode::E0110, import.path_span, error));
        return false;
      }
      fs::path canonical = fs::weakly_canonical(candidate, ec);
      key = canonical.string();
      display = candidate.lexically_normal().string();
      next_dir = candidate.parent_path().string();
      if (next_dir.empty()) next_dir = ".";
      return true;
    }
    auto d = Diagnostic::make(DiagCode::E0110, import.path_span,
                              "cannot find the imported file `" + path + "`");
    d.label("not found");
    std::string searched;
    for (const auto& c : candidates) searched += (searched.empty() ? "" : ", ") + c.string();
    d.note("looked in: " + searched);
    if (!relative) d.with_help("relative imports start with `./`; company libraries are found with `-I DIR`");
    diags_.emit(std::move(d));
    return false;
  }

  SourceManager& sources_;
  DiagnosticEngine& diags_;
  const LoadOptions& options_;
  ModuleSet set_;
  std::map<std::string, size_t> by_key_;
};

std::string dir_of(const std::string& path) {
  std::string dir = fs::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

}  // namespace

LoadResult load_modules(const std::string& root_path, SourceManager& sources,
                        DiagnosticEngine& diags, const LoadOptions& options) {
  LoadResult result;
  std::string text;
  if (!read_text_file(root_path, text, result.io_error)) {
    result.io_failed = true;
    return result;
  }
  result.set = load_modules_from_text(root_path, std::move(text), sources, diags, options);
  return result;
}

ModuleSet load_modules_from_text(const std::string& display_path, std::string text,
                                 SourceManager& sources, DiagnosticEngine& diags,
                                 const LoadOptions& options) {
  Loader loader(sources, diags, options);
  std::error_code ec;
  std::string key = fs::weakly_canonical(display_path, ec).string();
  if (key.empty()) key = display_path;
  size_t root = loader.add(key, display_path, std::move(text), false);
  std::vector<std::string> stack{key};
  loader.resolve(root, stack, dir_of(display_path));
  return loader.take();
}

}  // namespace slipway
