#include "tests/lint/lint_harness.h"

#include "compiler/lint/config.h"
#include "compiler/lint/linter.h"
#include "compiler/lint/run.h"

namespace slipway::test {

size_t Linted::count(const std::string& rule) const { return of(rule).size(); }

std::vector<Diagnostic> Linted::of(const std::string& rule) const {
  std::vector<Diagnostic> out;
  for (const auto& d : findings)
    if (d.display_id() == rule) out.push_back(d);
  return out;
}

std::string Linted::summary() const {
  std::string out;
  for (const auto& d : findings) {
    out += (out.empty() ? "" : ", ") + d.display_id() + "@" + std::to_string(d.primary.begin.line) + ":" +
           std::to_string(d.primary.begin.col);
  }
  return "[" + out + "]";
}

std::unique_ptr<Linted> lint_text(const std::string& text, const std::string& config_yaml) {
  auto linted = std::make_unique<Linted>();
  lint::LintConfig config;
  const lint::LintConfig* applied = nullptr;
  if (!config_yaml.empty()) {
    FileId file = linted->sources.add(".slipway.yaml", config_yaml);
    if (!lint::parse_config(".slipway.yaml", file, linted->sources, config, linted->config_error)) return linted;
    applied = &config;
  }
  linted->findings = lint::lint_source("test.slip", text, linted->sources, applied, {});
  lint::sort_and_dedupe(linted->sources, linted->findings);
  return linted;
}

std::string one_step(const std::string& body, const std::string& before) {
  return before + "workflow ci {\n  on push\n  step s {\n" + body + "\n  }\n}\n";
}

}  // namespace slipway::test
