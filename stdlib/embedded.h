#pragma once
// The standard library modules compiled into the binary (see embed.cmake).

#include <string_view>
#include <vector>

namespace slipway {

struct EmbeddedModule {
  std::string_view name;    ///< "std/docker"
  std::string_view source;  ///< the module's Slipway text
};

/// Every std/*.slip module, sorted by name.
const std::vector<EmbeddedModule>& embedded_stdlib();

}  // namespace slipway
