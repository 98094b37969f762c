#include "compiler/lint/run.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "compiler/lint/wire.h"

namespace slipway::lint {
namespace fs = std::filesystem;

std::vector<std::string> collect_files(const std::vector<std::string>& paths, std::vector<std::string>& errors) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p) {
    std::string normal = p.lexically_normal().string();
    if (seen.insert(normal).second) out.push_back(normal);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      errors.push_back("cannot read `" + path + "`: " + std::strerror(ENOENT));
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      if (seen.insert(fs::path(path).lexically_normal().string()).second) out.push_back(path);
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      bool hidden = p.filename().string().rfind('.', 0) == 0;
      if (it->is_directory(ec)) {
        if (hidden) it.disable_recursion_pending();
        continue;
      }
      if (!hidden && p.extension() == ".slip" && it->is_regular_file(ec)) found.push_back(p);
    }
    std::sort(found.begin(), found.end());
    for (const auto& p : found) add(p);
  }
  return out;
}

namespace {

/// Lints files[i] for every i in `indices` into `sources`.
WorkerResult lint_some(const std::vector<std::string>& files, const std::vector<size_t>& indices,
                       const LintOptions& options, SourceManager& sources) {
  WorkerResult result;
  ConfigCache configs(sources);
  for (size_t i : indices) {
    FileResult r = lint_file(files[i], sources, configs, options);
    if (!r.error.empty()) result.errors.emplace_back(i, r.error);
    for (auto& d : r.findings) result.findings.push_back(std::move(d));
  }
  return result;
}

bool write_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::string bytes;
  bool open = true;
};

/// Reads every worker's pipe to its end, whichever writes first.
void drain(std::vector<Worker>& workers) {
  char buffer[1 << 16];
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<Worker*> owners;
    for (Worker& w : workers)
      if (w.open) {
        fds.push_back({w.fd, POLLIN, 0});
        owners.push_back(&w);
      }
    if (fds.empty()) return;
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        owners[i]->open = false;
        ::close(fds[i].fd);
        continue;
      }
      owners[i]->bytes.append(buffer, static_cast<size_t>(n));
    }
  }
}

void merge(WorkerResult&& part, std::vector<std::pair<size_t, std::string>>& errors, LintRun& run) {
  for (auto& d : part.findings) run.findings.push_back(std::move(d));
  for (auto& e : part.errors) errors.push_back(std::move(e));
}

}  // namespace

void lint_files(const std::vector<std::string>& files, const LintOptions& options, unsigned jobs, LintRun& run) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(files.size())));
  std::vector<std::pair<size_t, std::string>> errors;
  std::vector<std::vector<size_t>> shares(jobs);
  // Interleaved, so that large and small files spread evenly.
  for (size_t i = 0; i < files.size(); ++i) shares[i % jobs].push_back(i);

  std::vector<Worker> workers;
  std::vector<size_t> local;  // shares no worker took (one job, or fork failed)
  if (jobs > 1) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    for (unsigned j = 0; j < jobs; ++j) {
      int pipe_fds[2];
      pid_t pid = -1;
      if (::pipe(pipe_fds) == 0) {
        pid = ::fork();
        if (pid < 0) {
          ::close(pipe_fds[0]);
          ::close(pipe_fds[1]);
        }
      }
      if (pid == 0) {
        ::close(pipe_fds[0]);
        for (const Worker& w : workers) ::close(w.fd);
        SourceManager sources;
        WorkerResult result = lint_some(files, shares[j], options, sources);
        bool ok = write_all(pipe_fds[1], encode_result(result, sources));
        ::close(pipe_fds[1]);
        ::_exit(ok ? 0 : 1);
      }
      if (pid < 0) {
        local.insert(local.end(), shares[j].begin(), shares[j].end());
        continue;
      }
      ::close(pipe_fds[1]);
      workers.push_back(Worker{pid, pipe_fds[0], {}, true});
    }
  } else {
    local = shares[0];
  }

  drain(workers);
  std::map<std::string, FileId> by_path;
  for (Worker& w : workers) {
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {}
    WorkerResult part;
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && decode_result(w.bytes, run.sources, by_path, part);
    if (!ok) {
      errors.emplace_back(files.size(), "a lint worker process failed" +
                                            (WIFSIGNALED(status) ? " (signal " + std::to_string(WTERMSIG(status)) + ")"
                                                                 : std::string()));
      continue;
    }
    merge(std::move(part), errors, run);
  }
  if (!local.empty()) {
    std::sort(local.begin(), local.end());
    merge(lint_some(files, local, options, run.sources), errors, run);
  }

  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::set<std::string> shown;
  for (auto& [index, message] : errors)
    if (shown.insert(message).second) run.errors.push_back(message);
  sort_and_dedupe(run.sources, run.findings);
}

void sort_and_dedupe(const SourceManager& sources, std::vector<Diagnostic>& findings) {
  std::vector<std::string> paths(sources.size());
  for (FileId f = 0; f < sources.size(); ++f) paths[f] = fs::path(sources.file(f).path()).lexically_normal().string();
  static const std::string kNone;
  auto path_of = [&](const Span& s) -> const std::string& { return s.file < paths.size() ? paths[s.file] : kNone; };
  // -1, 0, 1 over (has a location, path, begin, end, id, message); located last.
  auto compare = [&](const Diagnostic& a, const Diagnostic& b) {
    if (a.primary.valid() != b.primary.valid()) return a.primary.valid() ? 1 : -1;
    if (int c = path_of(a.primary).compare(path_of(b.primary))) return c < 0 ? -1 : 1;
    if (a.primary.begin != b.primary.begin) return a.primary.begin < b.primary.begin ? -1 : 1;
    if (a.primary.end != b.primary.end) return a.primary.end < b.primary.end ? -1 : 1;
    if (int c = a.display_id().compare(b.display_id())) return c < 0 ? -1 : 1;
    if (int c = a.message.compare(b.message)) return c < 0 ? -1 : 1;
    return 0;
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    int c = compare(a, b);
    return c != 0 ? c < 0 : a.severity > b.severity;  // the most severe copy first
  });
  auto last = std::unique(findings.begin(), findings.end(),
                          [&](const Diagnostic& a, const Diagnostic& b) { return compare(a, b) == 0; });
  findings.erase(last, findings.end());
}

}  // namespace slipway::lint
