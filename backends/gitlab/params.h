#pragma once
// Params as top-level GitLab variables. Each param a step reads gets a
// variable SLIPWAY_PARAM_<NAME> holding its default; the `description`
// makes GitLab prefill it in "Run pipeline", where it can be overridden
// (when the project allows pipeline variables).

#include <vector>

#include "backends/gitlab/lowering.h"
#include "backends/gitlab/model.h"

namespace slipway::backends::gitlab {

/// The variables of the params in use, in declaration order.
std::vector<ParamVariable> param_variables(Lowering& lowering);

}  // namespace slipway::backends::gitlab
