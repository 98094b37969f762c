#pragma once
// What each target can do with each IR concept: lower it natively, emulate
// it (documented how), or reject it with a stable diagnostic code. Every
// backend publishes its table; docs/backends.md shows them side by side, and
// a test keeps the document and the tables in agreement.

#include <string_view>
#include <vector>

namespace slipway::backends {

/// The IR concepts, in the order the matrix lists them.
enum class Concept {
  Image, ArgvRun, ScriptRun, Entrypoint, Workdir, Env, SecretEnv, SecretFile, PlainFile,
  OutputsBetweenSteps, StepDag, Timeout, Retry, AllowFailure, StepGate, PipelineGate,
  Services, OnFailureHook, AlwaysHook, PushTrigger, TagTrigger, ManualTrigger, Condition,
  Environment, ChainedPipelines, Params, Context,
};

enum class Support { Native, Emulated, Rejected };

struct Capability {
  Concept concept_id;
  Support support;
  /// Native: the keyword used; Emulated: how; Rejected: the code and when.
  std::string_view how;
};

std::string_view concept_name(Concept c);
const std::vector<Concept>& all_concepts();

}  // namespace slipway::backends
