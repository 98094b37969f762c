#include "backends/concourse/image.h"

namespace slipway::backends::concourse {

ImageResource parse_image(const std::string& reference) {
  ImageResource out;
  std::string rest = reference;
  size_t at = rest.find('@');
  if (at != std::string::npos) {
    out.digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
  }
  size_t slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  // A colon before the last slash belongs to the registry's port.
  bool has_tag = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  out.repository = has_tag ? rest.substr(0, colon) : rest;
  if (out.digest.empty()) out.tag = has_tag ? rest.substr(colon + 1) : "latest";
  return out;
}

}  // namespace slipway::backends::concourse
