#pragma once
// Concourse interpolates `((name))` in every string of the pipeline (after
// parsing the YAML; comments are safe) and has no escape for it. Slipway
// therefore never writes user text containing `((` into a field as is:
// the task program receives such text in pieces split at each `((` and joins
// them at run time, so the text reaches the step exactly. Fields that are
// not run by the program (image names) reject it instead (E0566).

#include <string>
#include <string_view>
#include <vector>

namespace slipway::backends::concourse {

/// True when `text` holds `((`, the start of anything Concourse could
/// read as a var.
bool has_var_opening(std::string_view text);

/// `a((b((c` → {"a", "b", "c"}: joined with `((` they are the text again,
/// and no piece contains `((`.
std::vector<std::string> split_at_var_openings(const std::string& text);

/// True when `name` can stand inside `((...))` as a credential-manager var:
/// an optional `source:` prefix, then a path of letters, digits and `-_/.@`.
bool is_var_reference(const std::string& name);

}  // namespace slipway::backends::concourse
