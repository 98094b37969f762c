#pragma once
// Errors of the Docker Engine client, as data: what went wrong, the HTTP
// status when the engine answered, and the engine's own message.

#include <string>

#include "runtime/result.h"

namespace slipway::runtime::engine {

struct EngineError {
  enum class Kind {
    Unreachable,  ///< no connection (socket missing, refused, timed out)
    NotFound,     ///< 404: no such container, image, volume or network
    Conflict,     ///< 409: name in use, container running, ...
    Api,          ///< any other non-2xx answer
    Protocol,     ///< the answer could not be understood
  };
  Kind kind = Kind::Api;
  int status = 0;        ///< HTTP status, 0 when there was no answer
  std::string message;   ///< the engine's message, or the transport's

  /// One line for humans, e.g. `engine error 500: driver failed ...`.
  std::string describe() const;
};

template <typename T>
using EngineResult = Result<T, EngineError>;
using EngineStatus = Result<Ok, EngineError>;

}  // namespace slipway::runtime::engine
