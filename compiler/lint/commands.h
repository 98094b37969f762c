#pragma once
// What a command does, for the rules that care: does it deploy, does it
// publish something that cannot be published twice. Tables of well-known CI
// tools, matched on the program's name and its sub-command words.

#include <string>

#include "compiler/lint/shell.h"

namespace slipway::lint {

/// "kubectl apply", "helm upgrade", "./deploy.sh" ... when `command` deploys
/// to an environment; empty otherwise.
std::string deploy_action(const ShellCommand& command);

/// "npm publish", "twine upload", "curl -X POST" ... when `command` has an
/// effect that a second run cannot repeat safely; empty otherwise.
std::string one_shot_action(const ShellCommand& command);

}  // namespace slipway::lint
