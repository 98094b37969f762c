#include "runtime/workspace.h"

#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "runtime/engine/tar.h"
#include "runtime/run_context.h"

namespace slipway::runtime {
namespace fs = std::filesystem;

IgnoreRules::IgnoreRules(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Rule rule;
    if (line[0] == '!') {
      rule.negated = true;
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      rule.directory_only = true;
      line.pop_back();
    }
    if (line.find('/') != std::string::npos) rule.anchored = true;
    while (!line.empty() && line[0] == '/') line.erase(0, 1);
    if (line.empty()) continue;
    rule.pattern = line;
    rules_.push_back(rule);
  }
}

bool IgnoreRules::ignored(const std::string& path) const {
  std::vector<std::string> parts;
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '/'))
    if (!part.empty()) parts.push_back(part);
  bool result = false;
  for (const auto& rule : rules_) {
    std::string prefix;
    bool match = false;
    for (size_t k = 0; k < parts.size() && !match; ++k) {
      prefix += (k ? "/" : "") + parts[k];
      bool is_dir = k + 1 < parts.size();
      if (rule.directory_only && !is_dir) continue;
      const std::string& subject = rule.anchored ? prefix : parts[k];
      match = ::fnmatch(rule.pattern.c_str(), subject.c_str(), rule.anchored ? FNM_PATHNAME : 0) == 0;
    }
    if (match) result = !rule.negated;
  }
  return result;
}

Result<Workspace, RunError> pack_workspace(const std::string& dir, const std::vector<std::string>& secret_files) {
  Workspace ws;
  std::vector<std::string> paths;
  auto top = capture_command({"git", "-C", dir, "rev-parse", "--show-toplevel"});
  if (top) {
    ws.from_git = true;
    ws.root = top->substr(0, top->find('\n'));
    auto listed = capture_command({"git", "-C", ws.root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"});
    if (!listed) return fail(RunError{"`git ls-files` failed in `" + ws.root + "`", ""});
    std::set<std::string> unique;
    size_t pos = 0;
    while (pos < listed->size()) {
      size_t end = listed->find('\0', pos);
      if (end == std::string::npos) end = listed->size();
      if (end > pos) unique.insert(listed->substr(pos, end - pos));
      pos = end + 1;
    }
    paths.assign(unique.begin(), unique.end());
  } else {
    std::error_code ec;
    ws.root = fs::absolute(dir, ec).lexically_normal().string();
    while (ws.root.size() > 1 && ws.root.back() == '/') ws.root.pop_back();
    if (!fs::is_directory(ws.root, ec)) return fail(RunError{"workspace `" + dir + "` is not a directory", ""});
    for (auto it = fs::recursive_directory_iterator(ws.root, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string rel = fs::relative(it->path(), ws.root, ec).generic_string();
      if (it->path().filename() == ".git") {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_directory(ec) || it->is_symlink(ec)) paths.push_back(rel);
    }
    std::sort(paths.begin(), paths.end());
  }
  std::string ignore_text;
  {
    std::ifstream in(fs::path(ws.root) / ".slipwayignore", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    ignore_text = s.str();
  }
  IgnoreRules rules(ignore_text);
  std::vector<engine::TarEntry> entries;
  std::set<std::string> dirs;
  std::set<std::string> secret_paths;
  for (const auto& f : secret_files) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(f, ec);
    if (!ec) secret_paths.insert(canonical.string());
  }
  for (const auto& rel : paths) {
    if (rules.ignored(rel)) continue;
    fs::path full = fs::path(ws.root) / rel;
    if (full.filename() == ".slipway-secrets") continue;
    if (!secret_paths.empty()) {
      std::error_code ec;
      if (secret_paths.count(fs::weakly_canonical(full, ec).string())) continue;
    }
    struct stat st;
    if (::lstat(full.c_str(), &st) != 0) continue;  // deleted but still tracked
    for (auto parent = fs::path(rel).parent_path(); !parent.empty(); parent = parent.parent_path()) {
      if (!dirs.insert(parent.generic_string()).second) break;
    }
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      auto target = fs::read_symlink(full, ec);
      if (ec) continue;
      entries.push_back({engine::TarEntry::Type::Symlink, rel, "", target.string(), 0777, st.st_mtime});
    } else if (S_ISREG(st.st_mode)) {
      std::ifstream in(full, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      uint32_t mode = (st.st_mode & 0111) ? 0755 : 0644;
      entries.push_back({engine::TarEntry::Type::File, rel, s.str(), "", mode, st.st_mtime});
      ++ws.files;
      ws.bytes += static_cast<size_t>(st.st_size);
    }
  }
  // Directories first (std::set order puts parents before children), so
  // their modes are 0755 whatever the umask of the extraction.
  engine::TarWriter tar;
  tar.add_directory(".slipway", 01777);
  tar.add_directory(kOutputsDir, 01777);
  for (const auto& d : dirs) tar.add_directory(d, 0755);
  for (const auto& e : entries) tar.add(e);
  ws.tar = tar.finish();
  return ws;
}

}  // namespace slipway::runtime
