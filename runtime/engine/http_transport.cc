#include "runtime/engine/http_transport.h"

#include <curl/curl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <nlohmann/json.hpp>

namespace slipway::runtime::engine {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

/// Configures a handle for the endpoint.
void aim(CURL* curl, const Endpoint& endpoint, const std::string& path) {
  if (endpoint.kind == Endpoint::Kind::Unix)
    curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, endpoint.socket_path.c_str());
  std::string url = endpoint.base_url() + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_PROXY, "");
}

EngineError unreachable(std::string reason) {
  return EngineError{EngineError::Kind::Unreachable, 0, std::move(reason)};
}

}  // namespace

EngineError error_from_status(long status, const std::string& body) {
  EngineError error;
  error.status = static_cast<int>(status);
  error.kind = status == 404   ? EngineError::Kind::NotFound
               : status == 409 ? EngineError::Kind::Conflict
                               : EngineError::Kind::Api;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string())
    error.message = parsed["message"].get<std::string>();
  else
    error.message = body.substr(0, body.find_last_not_of("\r\n \t") + 1);
  return error;
}

std::string url_escape(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

HttpTransport::HttpTransport(Endpoint endpoint) : endpoint_(std::move(endpoint)) { global_init(); }

std::string HttpTransport::unreachable_reason(const std::string& curl_message) const {
  if (endpoint_.kind != Endpoint::Kind::Unix) return curl_message;
  // curl says "localhost port 80" for a socket; the socket's own errno is clearer.
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return curl_message;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, endpoint_.socket_path.c_str(), sizeof(addr.sun_path) - 1);
  int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  int err = errno;
  ::close(fd);
  if (rc == 0) return curl_message;
  return std::strerror(err);
}

EngineResult<HttpResponse> HttpTransport::send(const HttpRequest& request) const {
  CURL* curl = curl_easy_init();
  if (!curl) return fail(unreachable("cannot initialise libcurl"));
  aim(curl, endpoint_, request.path);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  HttpResponse response;
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_slist* headers = nullptr;
  bool has_body = request.method == "POST" || request.method == "PUT";
  if (has_body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    std::string message = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
      return fail(unreachable(unreachable_reason(message)));
    if (rc == CURLE_OPERATION_TIMEDOUT && response.status == 0)
      return fail(unreachable("no answer within " + std::to_string(request.timeout_ms / 1000) + " s"));
    return fail(EngineError{EngineError::Kind::Protocol, static_cast<int>(response.status), message});
  }
  return response;
}

EngineResult<std::unique_ptr<RawConnection>> HttpTransport::upgrade(const std::string& path) const {
  CURL* curl = curl_easy_init();
  if (!curl) return fail(unreachable("cannot initialise libcurl"));
  aim(curl, endpoint_, path);
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    std::string message = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    curl_easy_cleanup(curl);
    return fail(unreachable(unreachable_reason(message)));
  }
  curl_socket_t fd = CURL_SOCKET_BAD;
  curl_easy_getinfo(curl, CURLINFO_ACTIVESOCKET, &fd);
  auto conn = std::make_unique<RawConnection>(curl, static_cast<int>(fd), "");
  std::string host = endpoint_.kind == Endpoint::Kind::Unix ? "docker" : endpoint_.host;
  std::string head = "POST " + path + " HTTP/1.1\r\nHost: " + host +
                     "\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
  if (!conn->write_all(head)) return fail(unreachable("connection closed while sending"));
  // Read the response head; whatever follows it is stream data.
  std::string data;
  size_t end = std::string::npos;
  while ((end = data.find("\r\n\r\n")) == std::string::npos) {
    auto st = conn->read(data, 30000);
    if (st != RawConnection::ReadStatus::Data)
      return fail(EngineError{EngineError::Kind::Protocol, 0, "no answer to the attach request"});
  }
  std::string headline = data.substr(0, data.find("\r\n"));
  int status = 0;
  if (headline.size() > 12) status = std::atoi(headline.c_str() + 9);
  if (status != 101 && status != 200) {
    return fail(error_from_status(status, data.substr(end + 4)));
  }
  conn->unread(data.substr(end + 4));
  return conn;
}

RawConnection::RawConnection(void* curl, int fd, std::string pending)
    : curl_(curl), fd_(fd), pending_(std::move(pending)) {}

RawConnection::~RawConnection() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

void RawConnection::unread(std::string data) { pending_ = std::move(data) + pending_; }

bool RawConnection::write_all(std::string_view data) {
  while (!data.empty()) {
    size_t sent = 0;
    CURLcode rc = curl_easy_send(static_cast<CURL*>(curl_), data.data(), data.size(), &sent);
    if (rc == CURLE_AGAIN) {
      pollfd p{fd_, POLLOUT, 0};
      ::poll(&p, 1, 1000);
      continue;
    }
    if (rc != CURLE_OK) return false;
    data.remove_prefix(sent);
  }
  return true;
}

void RawConnection::close_write() { ::shutdown(fd_, SHUT_WR); }

RawConnection::ReadStatus RawConnection::read(std::string& out, int timeout_ms) {
  if (!pending_.empty()) {
    out += pending_;
    pending_.clear();
    return ReadStatus::Data;
  }
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, timeout_ms);
  if (ready == 0) return ReadStatus::Timeout;
  if (ready < 0) return errno == EINTR ? ReadStatus::Timeout : ReadStatus::Closed;
  char buffer[65536];
  size_t got = 0;
  CURLcode rc = curl_easy_recv(static_cast<CURL*>(curl_), buffer, sizeof(buffer), &got);
  if (rc == CURLE_AGAIN) return ReadStatus::Timeout;
  if (rc != CURLE_OK || got == 0) return ReadStatus::Closed;
  out.append(buffer, got);
  return ReadStatus::Data;
}

}  // namespace slipway::runtime::engine
