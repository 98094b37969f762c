#pragma once
// Values between steps on GitLab CI. A producing job runs the user's command
// with $SLIPWAY_OUTPUTS pointing at a file, then `slipway_outputs` parses the
// file as the local runtime does (`name=value`, or `name<<DELIM` for
// multi-line values), checks every declared output against its type, and
// writes the outputs other steps read into a dotenv report under keys
// SLIPWAY_OUT_<STEP>_<NAME>. Values are escaped (`\0ooo` for every byte
// outside [A-Za-z0-9_./:@+=,-]) so that dotenv's rules (one line, no
// quoting, trimmed spaces) and GitLab's `$` expansion cannot alter them; a
// reading job decodes them with `printf '%b'` in `slipway_read`. Both
// functions live once in the hidden job `.slipway-functions` and reach jobs
// through `!reference`.

#include <string>
#include <vector>

#include "backends/gitlab/lowering.h"

namespace slipway::backends::gitlab {

inline constexpr const char* kFunctionsJob = ".slipway-functions";

/// The shell text defining `slipway_outputs` and `slipway_read`; POSIX sh
/// and awk (busybox is enough).
const std::string& output_functions();

/// `.slipway/<slug>.outputs`, relative to $CI_PROJECT_DIR.
std::string outputs_file(const std::string& step_id);
/// `.slipway/<slug>.env`: the dotenv report.
std::string dotenv_file(const std::string& step_id);

/// The script line that sets up $SLIPWAY_OUTPUTS before the user's command.
std::string outputs_setup_line(const std::string& step_id);
/// The script line that checks and exports a step's outputs after its command.
std::string outputs_export_line(const ir::Step& step, const Lowering& lowering);
/// The `after_script` line that exports what a failed step wrote, for its
/// on_failure hooks: missing or ill-typed outputs are left out, not fatal.
/// (GitLab runs `after_script` after a script failure, not after a timeout.)
std::string outputs_after_failure_line(const ir::Step& step, const Lowering& lowering);
/// Lines that decode every output `step` reads, failing clearly if missing.
std::vector<std::string> outputs_read_lines(const ir::Step& step, const Lowering& lowering);

}  // namespace slipway::backends::gitlab
