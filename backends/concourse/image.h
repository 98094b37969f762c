#pragma once
// Image references as Concourse's `registry-image` type takes them: the
// repository (with its registry host and port) apart from the tag, and a
// digest as the pinned `version` (the type's source has no digest field).

#include <string>

#include "backends/concourse/model.h"

namespace slipway::backends::concourse {

/// `alpine` → alpine + tag latest; `host:5000/team/app:1.2` → host:5000/team/app
/// + tag 1.2; `app@sha256:ab..` and `app:1.2@sha256:ab..` → app + digest
/// (a digest fixes the image, so the tag beside it says nothing more).
ImageResource parse_image(const std::string& reference);

}  // namespace slipway::backends::concourse
