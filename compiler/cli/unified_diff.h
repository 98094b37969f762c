#pragma once
// A unified diff of two texts, for `compile --check` (stale generated files).

#include <string>

namespace slipway::cli {

/// `--- a_label` / `+++ b_label` and hunks with 3 lines of context; empty
/// when the texts are equal.
std::string unified_diff(const std::string& a, const std::string& b, const std::string& a_label,
                         const std::string& b_label);

}  // namespace slipway::cli
