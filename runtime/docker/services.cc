#include "runtime/docker/services.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fcntl.h>
#include <thread>

#include "runtime/docker/secret_delivery.h"
#include "runtime/engine/stream_demux.h"

namespace slipway::runtime::docker {
namespace {

/// A TCP connect from this process with a short timeout: the fallback probe
/// when the service image has no `sh`/`nc` (works with a local engine).
bool host_can_connect(const std::string& ip, int port) {
  if (ip.empty()) return false;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr) == 1;
  if (ok) {
    int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int err = 0;
      socklen_t len = sizeof(err);
      ok = ::poll(&p, 1, 1000) == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
    } else {
      ok = rc == 0;
    }
  }
  ::close(fd);
  return ok;
}

}  // namespace

std::chrono::milliseconds ServiceGroup::ready_timeout() {
  if (const char* v = std::getenv("SLIPWAY_SERVICE_TIMEOUT")) {
    int seconds = std::atoi(v);
    if (seconds > 0) return std::chrono::seconds(seconds);
  }
  return std::chrono::seconds(60);
}

Result<Ok, RunError> ServiceGroup::start(const std::atomic<bool>& abort) {
  for (const auto& service : step_.services) {
    if (abort) return fail(RunError{"aborted while starting services", ""});
    if (auto r = start_one(service); !r) return r;
    if (auto r = wait_ready(service, started_.back().second, abort); !r) return r;
  }
  return Ok{};
}

Result<Ok, RunError> ServiceGroup::start_one(const ServiceSpec& service) {
  auto& client = resources_.client();
  std::string what = "service `" + service.alias + "`";
  auto image = resources_.ensure_image(service.image);
  if (!image) return fail(RunError{what + ": " + image.error().message, ""});
  auto network = resources_.network();
  if (!network) return fail(network.error());
  engine::ContainerSpec spec;
  spec.image = service.image;
  spec.network = network.value();
  spec.aliases = {service.alias};
  spec.labels = resources_.labels("service", step_.id);
  spec.labels["slipway.service"] = service.alias;
  for (const auto& [k, v] : service.env) spec.env.push_back(k + "=" + v);
  std::string stdin_script;
  if (!service.secret_env.empty()) {
    std::vector<std::string> argv = image->entrypoint;
    const auto& args = service.command.empty() ? image->cmd : service.command;
    argv.insert(argv.end(), args.begin(), args.end());
    auto delivery = deliver_secrets(argv, service.secret_env, {});
    if (!delivery) return fail(RunError{what + ": " + delivery.error().message, ""});
    spec.entrypoint = delivery->entrypoint;
    spec.cmd = delivery->cmd;
    spec.open_stdin = true;
    stdin_script = delivery->stdin_script;
  } else if (!service.command.empty()) {
    spec.cmd = service.command;
  }
  auto id = client.create_container(spec);
  if (!id) return fail(RunError{what + ": cannot create its container: " + id.error().describe(), ""});
  started_.emplace_back(service.alias, id.value());
  std::unique_ptr<engine::RawConnection> stdin_conn;
  if (spec.open_stdin) {
    auto attached = client.attach(id.value(), true);
    if (!attached) return fail(RunError{what + ": cannot attach: " + attached.error().describe(), ""});
    stdin_conn = std::move(attached.value());
  }
  if (auto started = client.start_container(id.value()); !started)
    return fail(RunError{what + ": cannot start: " + started.error().describe(), ""});
  if (stdin_conn) {
    if (!stdin_conn->write_all(stdin_script)) return fail(RunError{what + ": cannot pass its secrets", ""});
    stdin_conn->close_write();
  }
  log_(StreamKind::Stdout, "[slipway] started service `" + service.alias + "` (" + service.image + ")");
  return Ok{};
}

std::string ServiceGroup::log_tail(const std::string& id) {
  auto logs = resources_.client().logs(id, 5);
  if (!logs) return "";
  std::string out;
  for (const auto& line : engine::demux_all(logs.value())) out += (out.empty() ? "" : " | ") + line.text;
  return out.empty() ? "" : "; last output: " + out;
}

Result<Ok, RunError> ServiceGroup::wait_ready(const ServiceSpec& service, const std::string& id,
                                              const std::atomic<bool>& abort) {
  auto& client = resources_.client();
  std::string what = "service `" + service.alias + "`";
  auto deadline = std::chrono::steady_clock::now() + ready_timeout();
  bool host_probe = false;
  while (true) {
    if (abort) return fail(RunError{"aborted while waiting for " + what, ""});
    auto state = client.inspect_container(id);
    if (!state) return fail(RunError{what + ": " + state.error().describe(), ""});
    if (!state->running)
      return fail(RunError{what + " exited with code " + std::to_string(state->exit_code) + " before it was ready" +
                               log_tail(id),
                           ""});
    bool ready = false;
    if (service.ready == ServiceSpec::Ready::None) {
      ready = true;
    } else if (service.ready == ServiceSpec::Ready::TcpPort && host_probe) {
      std::string ip;
      for (const auto& [net, addr] : state->ip_by_network) ip = addr;
      ready = host_can_connect(ip, service.port);
    } else {
      std::vector<std::string> probe =
          service.ready == ServiceSpec::Ready::TcpPort
              ? std::vector<std::string>{"sh", "-c",
                                         "nc -w1 " + service.alias + " " + std::to_string(service.port) + " </dev/null"}
              : service.ready_command;
      auto result = client.exec(id, probe);
      if (result) {
        ready = result->exit_code == 0;
        // No sh or nc in the image: probe the port from here instead.
        if (service.ready == ServiceSpec::Ready::TcpPort && (result->exit_code == 126 || result->exit_code == 127) &&
            client.endpoint().kind == engine::Endpoint::Kind::Unix)
          host_probe = true;
      } else if (service.ready == ServiceSpec::Ready::TcpPort &&
                 client.endpoint().kind == engine::Endpoint::Kind::Unix) {
        host_probe = true;
      }
    }
    if (ready) {
      log_(StreamKind::Stdout, "[slipway] service `" + service.alias + "` is ready");
      return Ok{};
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string check = service.ready == ServiceSpec::Ready::TcpPort
                              ? "port " + std::to_string(service.port) + " did not answer"
                              : "its health command kept failing";
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(ready_timeout()).count();
      return fail(RunError{what + " was not ready within " + std::to_string(secs) + "s (" + check + ")" + log_tail(id),
                           ""});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void ServiceGroup::stop() {
  for (const auto& [alias, id] : started_) (void)resources_.client().remove_container(id);
  started_.clear();
}

}  // namespace slipway::runtime::docker
