#pragma once
// Services and boxes. The CLI starts a pipeline's `box` and `services`
// before any step runs, and reads their fields as literal text, except a
// service's `env` values, which it `$VAR`-interpolates from the host
// environment. So images and commands must be literal, and an env value may
// be literal text without `$` or exactly one secret (`$VARIABLE`).

#include <string>
#include <vector>

#include "backends/wercker/lowering.h"
#include "backends/wercker/model.h"

namespace slipway::backends::wercker {

/// The box for `step`'s image. Reports an image with a reference, a `$` or
/// a digest (E0582).
std::string box_for(const ir::Step& step, Lowering& lowering);

/// The services of `step`. Reports values the CLI cannot supply (E0586) and
/// health commands (E0587).
std::vector<Service> lower_services(const ir::Step& step, Lowering& lowering);

}  // namespace slipway::backends::wercker
