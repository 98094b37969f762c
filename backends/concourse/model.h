#pragma once
// The Concourse pipeline as plain data, between lowering (IR → model) and
// emission (model → YAML). Strings here are final Concourse text: every
// `((...))` in them is one Slipway put there on purpose (a credential, a
// static var or a build-local var); user text never contains one.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slipway::backends::concourse {

/// A `git` resource: the source repository, followed on one branch or on the
/// tags that match one glob.
struct GitResource {
  std::string name;
  std::string uri;
  std::string branch;      ///< set for a branch resource
  std::string tag_filter;  ///< set for a tag resource
};

/// `image_resource` of a task: `registry-image` with the reference split into
/// `repository` + `tag`, or pinned by `version.digest`.
struct ImageResource {
  std::string repository;
  std::string tag;     ///< empty when pinned by digest
  std::string digest;  ///< `sha256:...`
};

struct Param {
  std::string name;
  std::string value;
};

struct Task {
  std::string name;
  ImageResource image;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::vector<Param> config_params;  ///< literal values, and "" declarations of step params
  std::vector<Param> step_params;    ///< `((...))` values: credentials, static and local vars
  std::string path;
  std::vector<std::string> args;
  std::string dir;
  bool privileged = false;
};

/// One item of a plan. Exactly one of the kinds is used; hooks and modifiers
/// apply to any kind.
struct PlanStep {
  enum class Kind { Get, Task, LoadVar, Do, InParallel, Try } kind = Kind::Do;
  // Get
  std::string get;  ///< the artifact name
  std::string resource;
  bool trigger = false;
  std::vector<std::string> passed;
  // Task
  Task task;
  // LoadVar
  std::string var;
  std::string file;
  bool reveal = false;
  // Do, InParallel, Try (one child)
  std::vector<PlanStep> steps;
  // Modifiers and hooks
  std::string timeout;  ///< Concourse duration, e.g. `1h30m`
  int64_t attempts = 0;  ///< 0: not written
  std::vector<PlanStep> on_failure;  ///< 0 or 1 step each
  std::vector<PlanStep> on_error;
  std::vector<PlanStep> ensure;
};

struct Job {
  std::string name;
  std::vector<PlanStep> plan;
  std::vector<std::string> serial_groups;
};

struct Pipeline {
  std::vector<std::string> header;  ///< comment lines (without `# `) after the generated header
  std::vector<GitResource> resources;
  std::vector<Job> jobs;
};

}  // namespace slipway::backends::concourse
