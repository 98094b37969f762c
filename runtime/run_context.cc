#include "runtime/run_context.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

namespace slipway::runtime {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::optional<std::string> capture_command(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    int null_fd = ::open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
      ::dup2(null_fd, STDERR_FILENO);
      ::dup2(null_fd, STDIN_FILENO);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string out;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof(buffer))) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) out.append(buffer, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

GitContext read_git_context(const std::string& dir, const std::optional<std::string>& branch_override) {
  GitContext git;
  auto git_out = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", dir.empty() ? "." : dir});
    auto out = capture_command(args);
    return out ? std::optional<std::string>(trim(*out)) : std::nullopt;
  };
  if (auto root = git_out({"rev-parse", "--show-toplevel"})) {
    git.is_repo = true;
    git.root = *root;
    if (auto sha = git_out({"rev-parse", "--verify", "-q", "HEAD"})) git.sha = *sha;
    git.short_sha = git.sha.substr(0, 7);
    if (auto branch = git_out({"symbolic-ref", "-q", "--short", "HEAD"})) git.branch = *branch;
    if (!git.sha.empty())
      if (auto tag = git_out({"describe", "--tags", "--exact-match", "HEAD"})) git.tag = *tag;
  }
  if (branch_override) git.branch = *branch_override;
  return git;
}

RunIdentity new_run_identity() {
  RunIdentity run;
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
  std::random_device rd;
  char suffix[8];
  std::snprintf(suffix, sizeof(suffix), "%04x", rd() & 0xffff);
  run.id = std::string(stamp) + "-" + suffix;
  run.build_number = static_cast<int64_t>(t);
  if (const char* n = std::getenv("SLIPWAY_BUILD_NUMBER")) {
    char* end = nullptr;
    long long v = std::strtoll(n, &end, 10);
    if (end && *end == '\0' && end != n) run.build_number = v;
  }
  return run;
}

std::string context_value(ir::ContextKey key, const GitContext& git, const RunIdentity& run) {
  switch (key) {
    case ir::ContextKey::GitSha: return git.sha;
    case ir::ContextKey::GitShortSha: return git.short_sha;
    case ir::ContextKey::GitBranch: return git.branch;
    case ir::ContextKey::GitTag: return git.tag;
    case ir::ContextKey::BuildId: return run.id;
    case ir::ContextKey::BuildNumber: return std::to_string(run.build_number);
  }
  return "";
}

}  // namespace slipway::runtime
