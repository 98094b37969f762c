#include "tests/runtime/engine_harness.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace slipway::runtime::test {

engine::EngineClient* test_engine(std::string& why) {
  static std::unique_ptr<engine::EngineClient> client;
  static std::string reason;
  static bool tried = false;
  if (!tried) {
    tried = true;
    auto endpoint = engine::endpoint_from_environment();
    if (!endpoint) {
      reason = "DOCKER_HOST is not supported";
    } else if (auto connected = engine::EngineClient::connect(*endpoint); !connected) {
      reason = "no Docker engine answers at " + endpoint->display + " (" + connected.error().describe() +
               "); CI starts one with scripts/docker-engine.sh";
    } else if (auto image = connected.value()->inspect_image(kTestImage); !image) {
      reason = std::string("the test image ") + kTestImage + " is missing; build it with scripts/test-images.sh";
    } else {
      client = std::move(connected.value());
    }
  }
  why = reason;
  return client.get();
}

std::string write_workflow(const std::string& text, const std::string& name) {
  std::string dir = slipway::test::make_temp_dir("slipway-rt");
  slipway::test::write_file(dir + "/" + name, text);
  return dir + "/" + name;
}

static std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

static std::string command_line(const std::vector<std::string>& env, const std::vector<std::string>& args) {
  std::string cmd = "env NO_COLOR=1";
  for (const auto& e : env) cmd += " " + quote(e);
  cmd += " " + quote(SLIPWAY_BINARY);
  for (const auto& a : args) cmd += " " + quote(a);
  return cmd;
}

slipway::test::CommandResult run_slipway_env(const std::vector<std::string>& env, const std::vector<std::string>& args) {
  return slipway::test::run_shell(command_line(env, args) + " </dev/null");
}

BackgroundSlipway::BackgroundSlipway(const std::vector<std::string>& env, const std::vector<std::string>& args) {
  dir_ = slipway::test::make_temp_dir("slipway-bg");
  std::string cmd = "exec " + command_line(env, args) + " </dev/null >" + quote(dir_ + "/out") + " 2>" +
                    quote(dir_ + "/err");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
}

BackgroundSlipway::~BackgroundSlipway() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  std::filesystem::remove_all(dir_);
}

void BackgroundSlipway::signal(int sig) { ::kill(pid_, sig); }

int BackgroundSlipway::wait(double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  reaped_ = true;
  return -1;
}

std::string BackgroundSlipway::out() const { return slipway::test::read_file(dir_ + "/out"); }
std::string BackgroundSlipway::err() const { return slipway::test::read_file(dir_ + "/err"); }

std::vector<std::string> labelled_objects(engine::EngineClient& client, const std::string& label) {
  std::vector<std::string> out;
  if (auto c = client.list_containers(label))
    for (const auto& o : c.value()) out.push_back("container " + o.name);
  if (auto v = client.list_volumes(label))
    for (const auto& o : v.value()) out.push_back("volume " + o.name);
  if (auto n = client.list_networks(label))
    for (const auto& o : n.value()) out.push_back("network " + o.name);
  return out;
}

}  // namespace slipway::runtime::test
