#pragma once
// Shell functions the generated step code calls. Each is defined inside the
// step's subshell, only when the step uses it, so nothing leaks into the
// shell session the CLI shares between the steps of a pipeline. Messages
// match the local runtime's.

#include <string>

namespace slipway::backends::wercker {

/// slipway_match VALUE REGEX: the value is set and matches the regex
/// (`grep -E`; the condition passes a glob as `^REGEX$`).
const std::string& match_function();

/// slipway_read STEP OUTPUT TYPE: prints a value an earlier pipeline stored,
/// failing clearly when it is missing or not of its type.
const std::string& read_function();

/// slipway_outputs STEP NAME:TYPE...: checks what the step wrote to
/// $SLIPWAY_OUTPUTS (`name=value` or `name<<DELIM` lines) and stores each
/// value in its own file under .slipway/values/STEP/ in the workspace.
const std::string& outputs_function();

/// slipway_run STEP ATTEMPTS SECONDS COMMAND...: runs the command up to
/// ATTEMPTS times, each attempt stopped after SECONDS (0: no limit).
const std::string& run_function();


/// The directory (relative to the workspace) holding the values of `step_id`.
std::string values_dir(const std::string& step_id);

}  // namespace slipway::backends::wercker
