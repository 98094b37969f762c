#include "backends/common/service_wait.h"

namespace slipway::backends {

const std::string& wait_tcp_function() {
  static const std::string text = R"SH(slipway_wait_tcp() {
  slipway_left=300
  while [ "$slipway_left" -gt 0 ]; do
    if command -v bash >/dev/null 2>&1; then
      bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" >/dev/null 2>&1 && return 0
    elif command -v nc >/dev/null 2>&1; then
      { nc -z -w 2 "$1" "$2" || nc -w 2 "$1" "$2" </dev/null; } >/dev/null 2>&1 && return 0
    else
      printf 'slipway: cannot check service %s:%s (no bash or nc in the image); not waiting\n' "$1" "$2" >&2
      return 0
    fi
    sleep 1
    slipway_left=$((slipway_left - 1))
  done
  printf 'slipway: service %s:%s was not ready after 5 minutes\n' "$1" "$2" >&2
  return 1
})SH";
  return text;
}

}  // namespace slipway::backends
