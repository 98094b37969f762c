#pragma once
// Step services as GitLab `services:` entries (name, alias, command,
// variables). The runner expands service fields itself, so values are
// written with `$NAME` references; a `ready PORT` becomes the runner's
// HEALTHCHECK_TCP_PORT, which the runner waits for before the script starts
// (it warns and goes on if the port never opens).

#include <vector>

#include "backends/gitlab/lowering.h"
#include "backends/gitlab/model.h"

namespace slipway::backends::gitlab {

/// Reports a health-command readiness (E0545), an output read by a service
/// (E0546), a literal `$` in an expanded field (E0548) and a file secret in
/// a service's env (E0553).
std::vector<Service> lower_services(const ir::Step& step, Lowering& lowering);

}  // namespace slipway::backends::gitlab
