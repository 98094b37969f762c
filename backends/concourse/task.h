#pragma once
// One step as a Concourse `task` with an inline `config`: the image as
// `image_resource`, the checkout as input and output `source` (an output
// named like an input carries the task's changes to later steps), values
// in `params`, and the command as `run`. A step that only needs an image, a
// command, literal env vars and a workdir runs its command directly;
// anything else runs through the task program (program.h).

#include <string>

#include "backends/concourse/model.h"
#include "backends/concourse/text.h"

namespace slipway::backends::concourse {

/// The name of the checkout artifact every job gets.
inline constexpr const char* kSourceArtifact = "source";

/// Lowers `step` (a step or a hook) to a task step with its timeout and
/// retries; hooks and `try` are added by the caller.
PlanStep lower_task(const ir::Step& step, const ir::Instance& instance, const SourceFacts& source,
                    Lowering& lowering);

/// Go duration text, as Concourse's `timeout` takes it: `1h30m`, `45s`, `500ms`.
std::string concourse_duration(int64_t milliseconds);

}  // namespace slipway::backends::concourse
