#pragma once
// Checks of generated Cloud Build files that the vendored schema cannot
// make (it lacks `availableSecrets`, and cannot see substitutions or the
// step order), and a model of Cloud Build's substitution for tests that run
// generated steps.

#include <map>
#include <string>
#include <vector>

namespace slipway::test {

/// Cloud Build's built-in substitutions.
const std::vector<std::string>& cloudbuild_builtins();

/// The substitution names `text` refers to (`$NAME`, `${NAME}`); `$$` is an
/// escaped `$`. A `$` that starts neither is reported in `problem`.
std::vector<std::string> substitution_refs(const std::string& text, std::string* problem);

/// `text` as Cloud Build hands it to a step: `$$` → `$`, references replaced
/// from `values`; an unknown reference is reported in `problem`.
std::string substitute(const std::string& text, const std::map<std::string, std::string>& values,
                       std::string* problem);

/// Problems of one build config file: steps without `name`/`id`, `script`
/// mixed with `args`/`entrypoint`, a `waitFor` id not defined earlier, a `$`
/// that is neither `$$` nor a declared or built-in substitution, a declared
/// substitution nothing reads (MUST_MATCH), secrets declared but unused or
/// used but undeclared, malformed timeouts.
std::vector<std::string> check_build_file(const std::string& path, const std::string& text);

/// Problems of the triggers file: unknown BuildTrigger keys, bad names,
/// build files that were not generated, regexes that do not compile.
std::vector<std::string> check_triggers_file(const std::string& text, const std::vector<std::string>& build_files);

}  // namespace slipway::test
