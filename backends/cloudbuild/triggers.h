#pragma once
// Cloud Build triggers live outside build files; Slipway writes them to
// `cloudbuild-triggers.yaml`, one BuildTrigger resource per YAML document,
// the form `gcloud builds triggers import --source=FILE` reads (it loads
// every document and creates or updates each trigger by name).
//
// A build started by the workflow's triggers gets one trigger per kind of
// push it runs for (branches, tags: an anchored RE2 regex each, with the
// pipeline use's `when` folded in) and a manual trigger for `on manual`. A
// build started by a chain step gets a manual trigger, which the chain step
// runs. A pipeline use with a `manual` gate makes its triggers require
// approval.

#include <string>
#include <vector>

#include "backends/cloudbuild/builds.h"
#include "backends/cloudbuild/model.h"
#include "backends/cloudbuild/settings.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// The name of the generated triggers file.
inline constexpr const char* kTriggersFile = "cloudbuild-triggers.yaml";

/// The triggers of every build; reports `when` conditions no trigger can
/// express (E0523).
std::vector<CbTrigger> make_triggers(const ir::Workflow& workflow, const std::vector<LoweredBuild>& builds,
                                     std::vector<Diagnostic>& diags);

/// The triggers file: `header` first, then one document per trigger.
std::string triggers_yaml(const std::vector<CbTrigger>& triggers, const Settings& settings,
                          const std::string& header);

}  // namespace slipway::backends::cloudbuild
