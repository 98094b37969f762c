#pragma once
// State shared by the lowering passes of one workflow: the settings, the
// diagnostics, and the names every pass must agree on (build-local vars of
// step outputs, the directories outputs travel in, secret credentials).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/concourse/names.h"

namespace slipway::backends::concourse {

struct Settings {
  std::string repository;  ///< the git URI, or `((repository))` when not set
  std::string branch;      ///< the branch the main git resource follows
  bool branch_given = false;
  /// The image of Docker-in-Docker tasks (steps with services or with an
  /// image known only at run time); it must have `docker` and `dockerd`.
  std::string docker_image = "docker:29-dind";
  /// A `file` secret holding a Docker `config.json`: the registry
  /// credentials those tasks pull with. Empty: they pull anonymously.
  std::string docker_config;
};

/// Where a step output travels: the producer writes it into `directory`
/// (a task output), `load_var` makes it the build-local var `var`.
struct OutputRoute {
  std::string directory;
  std::string var;
};

struct Lowering {
  Lowering(const ir::Workflow& workflow, const BackendOptions& options) : workflow(workflow), options(options) {}

  const ir::Workflow& workflow;
  const BackendOptions& options;
  Settings settings;
  std::vector<Diagnostic> diagnostics;
  std::map<std::string, OutputRoute> outputs;       ///< "step.output" → route, for outputs someone reads
  std::map<std::string, std::string> value_dirs;    ///< step id → its values directory
  std::map<std::string, std::string> credentials;   ///< secret name → credential var (inside `((...))`)
  std::set<std::string> static_vars;                ///< params without a value: `fly set-pipeline -v`

  /// `build.id`: Concourse gives build metadata to resources only, so a job
  /// whose steps read it starts with a task that draws a random id into this
  /// output directory, and `load_var` makes it this build-local var.
  static constexpr const char* kBuildIdName = "slipway-build-id";

  /// Reads the settings, names output routes and checks secret bindings.
  /// Call once before lowering any job.
  void prepare();

  Diagnostic& error(DiagCode code, Span at, std::string message);
  bool failed() const;
  const OutputRoute* route(const std::string& step, const std::string& output) const;
};

}  // namespace slipway::backends::concourse
