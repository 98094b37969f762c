#pragma once
// The GitLab pipeline as plain data, between lowering (IR → model) and
// emission (model → YAML). Strings here are final GitLab text: variable
// references already written as `${NAME}`, scripts already quoted.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slipway::backends::gitlab {

/// A `variables:` entry. `expand == false` writes `{value, expand: false}`
/// so GitLab keeps every `$` literal.
struct Variable {
  std::string name;
  std::string value;
  bool expand = true;
};

/// A top-level variable that carries a workflow param; `description` makes
/// GitLab prefill it when someone runs the pipeline by hand.
struct ParamVariable {
  std::string name;
  std::optional<std::string> value;  ///< none: the param has no default
  std::string description;
  bool expand = true;
};

struct Need {
  std::string job;
  bool artifacts = false;  ///< true: the job reads the needed job's dotenv values
};

/// One `script:` item: a command, or `!reference [job, key]`.
struct ScriptEntry {
  std::string text;
  std::vector<std::string> reference;
};

struct Service {
  std::string name;
  std::string alias;
  std::vector<std::string> command;
  std::vector<Variable> variables;
};

struct Environment {
  std::string name;
  std::optional<std::string> url;
  bool prepare = false;  ///< `action: prepare`: in the environment, not a deployment
};

enum class When { OnSuccess, Manual, OnFailure, Always };

struct Job {
  std::string name;
  std::string stage;
  std::string image;
  bool clear_entrypoint = false;  ///< `image: {name, entrypoint: [""]}`
  std::vector<Variable> variables;
  std::vector<Need> needs;
  std::vector<ScriptEntry> script;
  std::vector<ScriptEntry> after_script;
  When when = When::OnSuccess;
  std::optional<std::string> rule_if;  ///< the instance's condition; unset: always
  bool never = false;                  ///< the condition is constant false
  bool allow_failure = false;
  std::string manual_confirmation;
  std::string timeout;  ///< GitLab duration text, e.g. `1h 30m`
  int64_t retry = 0;
  std::vector<Service> services;
  std::optional<Environment> environment;
  std::string dotenv;  ///< path of the dotenv report, if the job exports outputs
};

struct Pipeline {
  std::vector<std::string> header;  ///< comment lines (without `# `) after the generated header
  std::vector<std::string> stages;
  std::vector<ParamVariable> params;
  bool has_workflow_rules = false;
  std::vector<std::string> workflow_rules;  ///< `if:` expressions; none: `when: never`
  std::string functions;                    ///< shell functions shared through `!reference`
  std::vector<Job> jobs;
};

}  // namespace slipway::backends::gitlab
