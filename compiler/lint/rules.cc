#include "compiler/lint/rules.h"

namespace slipway::lint {

std::vector<std::unique_ptr<Rule>> make_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_mutable_image_tag());
  rules.push_back(make_deploy_without_timeout());
  rules.push_back(make_ungated_production());
  rules.push_back(make_duplicate_step());
  rules.push_back(make_curl_pipe_shell());
  rules.push_back(make_docker_socket());
  rules.push_back(make_retry_non_idempotent());
  rules.push_back(make_script_ignores_errors());
  rules.push_back(make_xtrace_with_secrets());
  rules.push_back(make_tls_verify_disabled());
  rules.push_back(make_unquoted_interpolation());
  rules.push_back(make_install_without_yes());
  return rules;
}

const RuleInfo kSuppressionWithoutReason{
    "suppression-without-reason", Severity::Warning,
    "a `# slipway: ignore[...]` comment gives no reason",
    "A suppression hides a finding from everyone who reads the file later; the reason tells them why "
    "it is safe. Write it after the bracket.",
    RuleKind::Meta, std::nullopt};

const RuleInfo kUnknownRule{
    "unknown-rule", Severity::Warning,
    "a suppression or `.slipway.yaml` names a rule that does not exist",
    "A misspelt rule name silently does nothing: the finding it meant to configure or hide still "
    "appears (or, worse, a rule meant to be raised to an error stays a warning).",
    RuleKind::Meta, std::nullopt};

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> catalog = [] {
    std::vector<RuleInfo> out;
    // Rule objects hold their info by reference to a static in their file.
    for (const auto& rule : make_rules()) out.push_back(rule->info());
    for (const auto& code : all_codes()) {
      if (code.id.empty() || code.id[0] != 'W') continue;
      out.push_back(RuleInfo{code.name, code.default_severity, code.summary, code.summary, RuleKind::Compiler,
                             code.code});
    }
    out.push_back(kSuppressionWithoutReason);
    out.push_back(kUnknownRule);
    return out;
  }();
  return catalog;
}

const RuleInfo* find_rule(std::string_view name) {
  for (const auto& info : rule_catalog()) {
    if (info.name == name) return &info;
    if (info.code && code_info(*info.code).id == name) return &info;
  }
  return nullptr;
}

const RuleInfo* rule_for_code(DiagCode code) {
  for (const auto& info : rule_catalog())
    if (info.code == code) return &info;
  return nullptr;
}

}  // namespace slipway::lint
