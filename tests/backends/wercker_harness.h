#pragma once
// A structural validator for wercker.yml. No schema exists for the format,
// so this follows /work/shared/schemas/wercker-format.md, which describes
// what the wercker CLI's parser accepts: reserved top-level keys and their
// types, pipelines with a box, script steps with string properties, and a
// `workflows` graph with unique names, known pipelines, one root and no
// cycles.

#include <string>
#include <vector>

namespace slipway::test {

/// Every problem found in `yaml`, one readable line each; empty when valid.
std::vector<std::string> validate_wercker_yml(const std::string& yaml);

}  // namespace slipway::test
