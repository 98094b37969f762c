#pragma once
// The shell function that waits for a service's TCP port from inside a
// step's container, for targets whose runner does not wait (Wercker) or
// only warns when the port never opens (GitLab CI). Shared so that every
// target waits and fails the same way as `slipway run`.

#include <string>

namespace slipway::backends {

/// `slipway_wait_tcp HOST PORT`: returns once HOST accepts TCP on PORT,
/// fails after 5 minutes. Probes with bash's /dev/tcp, else `nc` (with `-z`
/// where the nc has it; Debian's busybox nc has not, and connects with
/// stdin closed instead). Without bash or nc it warns and does not wait.
const std::string& wait_tcp_function();

}  // namespace slipway::backends
