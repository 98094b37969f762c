#pragma once
// Names in the pipeline file. Concourse warns about (and `fly
// validate-pipeline --strict` rejects) job, resource, step and var names that
// are not identifiers: a lowercase letter, then lowercase letters, digits,
// `-` and `.`. Build-local var names also avoid `.`, which `((.:a.b))` reads
// as a field of `a`.

#include <set>
#include <string>

namespace slipway::backends::concourse {

/// `Build_Image` → `build-image`; an empty or digit-led name gets an `s-` prefix.
std::string identifier(const std::string& text, bool allow_dots = true);

/// `build.image` → `BUILD_IMAGE`: for the environment variables of the task program.
std::string upper_ident(const std::string& text);

/// Hands out unique names: the base itself, else `base-2`, `base-3`, ...
class NameAllocator {
 public:
  explicit NameAllocator(std::string separator = "-") : separator_(std::move(separator)) {}
  void reserve(const std::string& name) { taken_.insert(name); }
  std::string allocate(const std::string& base);

 private:
  std::string separator_;
  std::set<std::string> taken_;
};

}  // namespace slipway::backends::concourse
