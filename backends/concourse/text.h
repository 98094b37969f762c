#pragma once
// A string value as the task program composes it at run time: literal
// pieces and the shell variables that hold what only the running build knows
// (step outputs, credentials, static vars, commit metadata).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/concourse/lowering.h"

namespace slipway::backends::concourse {

struct Piece {
  bool variable = false;  ///< true: `text` names a shell variable of the task program
  std::string text;
};

/// What a job knows about its source at compile time.
struct SourceFacts {
  std::string branch;  ///< "" for a tag resource
  bool tag_resource = false;
};

/// The shell variables a task program fills from its git checkout.
inline constexpr const char* kShaVariable = "SLIPWAY_GIT_SHA";
inline constexpr const char* kShortShaVariable = "SLIPWAY_GIT_SHORT_SHA";
inline constexpr const char* kTagVariable = "SLIPWAY_GIT_TAG";
/// The task variable that holds `build.id` (from the job's build-id task).
inline constexpr const char* kBuildIdVariable = "SLIPWAY_BUILD_ID";

/// Everything a task needs from outside to compose its values: the helper
/// variables and what sets them.
struct Needs {
  std::vector<std::pair<std::string, std::string>> step_params;  ///< variable → `((...))`
  std::vector<std::pair<std::string, std::string>> hook_reads;   ///< variable → file under a values directory
  std::vector<std::string> hook_inputs;                          ///< values directories read by a hook
  std::vector<std::string> secret_variables;                     ///< to unset once composed
  bool sha = false;
  bool tag = false;
  void add_param(const std::string& variable, const std::string& reference);
};

struct Text {
  std::vector<Piece> pieces;
  bool literal() const;
  std::string literal_text() const;  ///< the text, when literal()
};

/// Calls `visit` for every value a step uses, with the span to report it at.
void for_each_value(const ir::Step& step, const std::function<void(const ir::Value&, Span)>& visit);

/// The literal text of an int, bool or duration, as interpolation prints it.
std::optional<std::string> scalar_text(const ir::Value& value);

/// Converts `value` for the step `reader` running in a job on `source`.
/// Params with a value are folded in; other references become variables
/// recorded in `needs`. Reports E0563 (`build.number`) at `at`.
Text compose(const ir::Value& value, const ir::Step& reader, const SourceFacts& source, Lowering& lowering,
             Needs& needs, Span at);

}  // namespace slipway::backends::concourse
