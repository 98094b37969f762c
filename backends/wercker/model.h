#pragma once
// wercker.yml as plain data, between planning (IR → model) and emission
// (model → YAML). Strings are final text: shell code already quoted.

#include <string>
#include <utility>
#include <vector>

namespace slipway::backends::wercker {

/// A built-in `script` step: `- script: {name, code}`.
struct ScriptStep {
  std::string name;
  std::string code;
};

/// A `services:` entry, written box-style.
struct Service {
  std::string id;    ///< the image
  std::string name;  ///< the network alias
  std::string cmd;   ///< the command line, empty for the image's own
  std::vector<std::pair<std::string, std::string>> env;  ///< values `$VAR`-interpolated by the CLI
};

struct Pipeline {
  std::string name;  ///< the top-level key
  std::string box;   ///< the image
  std::vector<Service> services;
  std::vector<ScriptStep> steps;
  std::vector<ScriptStep> after_steps;
};

/// One member of the workflow; `requires` names the pipeline before it.
struct WorkflowMember {
  std::string name;
  std::vector<std::string> requires_;
};

struct File {
  std::vector<std::string> header;  ///< comment lines (without `# `) after the generated header
  int command_timeout_minutes = 60;
  int no_response_timeout_minutes = 60;
  std::vector<Pipeline> pipelines;
  std::string workflow;
  std::vector<WorkflowMember> members;
};

}  // namespace slipway::backends::wercker
