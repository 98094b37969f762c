#pragma once
// Replaces every secret value in text with `***` before anything is printed.
// Each line of a multi-line value is masked on its own too, because output
// reaches the masker one line at a time.

#include <string>
#include <string_view>
#include <vector>

namespace slipway::runtime {

class Masker {
 public:
  static constexpr const char* kMask = "***";

  /// Registers a secret value (and each non-blank line of it).
  void add(const std::string& value);

  /// `text` with every registered value replaced by `***`, longest first.
  std::string mask(std::string_view text) const;

  bool empty() const { return needles_.empty(); }

 private:
  std::vector<std::string> needles_;  ///< sorted, longest first
};

}  // namespace slipway::runtime
