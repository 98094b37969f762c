#pragma once
// HTTP to the Docker engine over libcurl: plain requests, and upgraded
// ("hijacked") connections for attach, where the socket becomes a raw
// bidirectional stream. The only code in Slipway that speaks HTTP.

#include <memory>
#include <string>
#include <string_view>

#include "runtime/engine/endpoint.h"
#include "runtime/engine/engine_error.h"

namespace slipway::runtime::engine {

struct HttpRequest {
  std::string method = "GET";
  std::string path;  ///< absolute, with query, e.g. /v1.41/containers/json?all=1
  std::string body;
  std::string content_type = "application/json";
  long timeout_ms = 120000;  ///< 0: no limit (pulls)
};

struct HttpResponse {
  long status = 0;
  std::string body;
};

/// A raw byte stream after an HTTP upgrade. Not thread-safe; one owner.
class RawConnection {
 public:
  RawConnection(void* curl, int fd, std::string pending);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  /// Writes every byte; false when the connection broke.
  [[nodiscard]] bool write_all(std::string_view data);
  /// Half-closes: the engine sees end of input (closes the container's stdin).
  void close_write();
  /// Puts bytes back in front of the stream (what arrived with the head).
  void unread(std::string data);

  enum class ReadStatus { Data, Timeout, Closed };
  /// Appends what arrives within `timeout_ms` to `out`.
  [[nodiscard]] ReadStatus read(std::string& out, int timeout_ms);

 private:
  void* curl_;
  int fd_;
  std::string pending_;  ///< bytes read together with the response head
};

class HttpTransport {
 public:
  explicit HttpTransport(Endpoint endpoint);

  const Endpoint& endpoint() const { return endpoint_; }

  /// Sends one request; a transport failure is Kind::Unreachable. Any HTTP
  /// status is a success here: callers map statuses to errors.
  [[nodiscard]] EngineResult<HttpResponse> send(const HttpRequest& request) const;

  /// POSTs `path` asking for an upgrade to a raw stream (attach). The result
  /// owns the connection.
  [[nodiscard]] EngineResult<std::unique_ptr<RawConnection>> upgrade(const std::string& path) const;

 private:
  std::string unreachable_reason(const std::string& curl_message) const;
  Endpoint endpoint_;
};

/// The error for a non-2xx answer: kind from the status, message from the
/// engine's `{"message": ...}` body (or the raw body).
EngineError error_from_status(long status, const std::string& body);

/// Percent-encodes a query component.
std::string url_escape(std::string_view text);

}  // namespace slipway::runtime::engine
