#include "backends/cloudbuild/settings.h"

#include <regex>

namespace slipway::backends::cloudbuild {
namespace {

Diagnostic bad_setting(const std::string& message, const std::string& help) {
  // Settings come from the command line: there is no source span to point at.
  return Diagnostic::make(DiagCode::E0533, Span{}, message).with_help(help);
}

}  // namespace

std::string Settings::repo_path(const std::string& file) const {
  if (dir.empty() || dir == ".") return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

Settings parse_settings(const std::map<std::string, std::string>& raw, std::vector<Diagnostic>& diags) {
  Settings s;
  static const std::regex repository(R"(^projects/[^/]+/locations/[^/]+/connections/[^/]+/repositories/[^/]+$)");
  static const std::regex github(R"(^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)$)");
  const std::string prefix = "cloudbuild.";
  for (const auto& [key, value] : raw) {
    if (key.rfind(prefix, 0) != 0) continue;
    std::string name = key.substr(prefix.size());
    if (name == "repository") {
      if (!std::regex_match(value, repository))
        diags.push_back(bad_setting("`--set cloudbuild.repository` is not a repository resource name",
                                    "write projects/PROJECT/locations/REGION/connections/CONNECTION/repositories/REPO"));
      else s.repository = value;
    } else if (name == "github") {
      std::smatch m;
      if (!std::regex_match(value, m, github))
        diags.push_back(bad_setting("`--set cloudbuild.github` is not OWNER/NAME", "write e.g. acme/shop"));
      else {
        s.github_owner = m[1].str();
        s.github_name = m[2].str();
      }
    } else if (name == "dir") {
      if (!value.empty() && value.front() == '/')
        diags.push_back(bad_setting("`--set cloudbuild.dir` must be relative to the repository root",
                                    "write e.g. ci/cloudbuild"));
      else s.dir = value;
    } else if (name == "service_account") {
      s.service_account = value;
    } else if (name == "gcloud_image") {
      s.gcloud_image = value;
    } else if (name == "docker_image") {
      s.docker_image = value;
    } else {
      diags.push_back(bad_setting("unknown setting `" + key + "`",
                                  "Cloud Build takes cloudbuild.repository, cloudbuild.github, cloudbuild.dir, "
                                  "cloudbuild.service_account, cloudbuild.gcloud_image and cloudbuild.docker_image"));
    }
  }
  if (!s.repository.empty() && !s.github_owner.empty())
    diags.push_back(bad_setting("`cloudbuild.repository` and `cloudbuild.github` name two repositories",
                                "keep one of them"));
  return s;
}

}  // namespace slipway::backends::cloudbuild
