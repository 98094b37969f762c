#pragma once
// The explicit list of lint rules, and the catalog of every name a user can
// configure or suppress: the IR rules, the compiler's W01xx warnings (which
// lint treats as rules rather than re-implementing them) and the rules about
// suppressions themselves. docs/lint.md has one section per catalog entry
// (tests/lint/lint_docs_test.cc checks).

#include <memory>
#include <string_view>
#include <vector>

#include "compiler/lint/rule.h"

namespace slipway::lint {

/// Fresh instances of every IR rule, in the order they run.
std::vector<std::unique_ptr<Rule>> make_rules();

/// Every configurable rule: IR rules, then compiler warnings, then meta rules.
const std::vector<RuleInfo>& rule_catalog();

/// The catalog entry named `name`; a W01xx code ("W0101") is accepted for
/// the compiler warnings too. Null when there is none.
const RuleInfo* find_rule(std::string_view name);

/// The rule a compiler diagnostic belongs to (its W01xx code), or null.
const RuleInfo* rule_for_code(DiagCode code);

// The rules about suppressions and configuration (reported by policy.cc).
extern const RuleInfo kSuppressionWithoutReason;
extern const RuleInfo kUnknownRule;

// One factory per rule file.
std::unique_ptr<Rule> make_mutable_image_tag();
std::unique_ptr<Rule> make_deploy_without_timeout();
std::unique_ptr<Rule> make_ungated_production();
std::unique_ptr<Rule> make_duplicate_step();
std::unique_ptr<Rule> make_curl_pipe_shell();
std::unique_ptr<Rule> make_docker_socket();
std::unique_ptr<Rule> make_retry_non_idempotent();
std::unique_ptr<Rule> make_script_ignores_errors();
std::unique_ptr<Rule> make_xtrace_with_secrets();
std::unique_ptr<Rule> make_tls_verify_disabled();
std::unique_ptr<Rule> make_unquoted_interpolation();
std::unique_ptr<Rule> make_install_without_yes();

}  // namespace slipway::lint
