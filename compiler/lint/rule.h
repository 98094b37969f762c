#pragma once
// The lint rule contract. Each rule is one small class in its own file
// (rule_*.cc), registered in the explicit list in rules.cc; all rules share
// one walk over the IR (walk.cc) and see each workflow, instance, step and
// service through the hooks below. A rule only reports: the user's
// configuration, suppressions and final severity are applied afterwards
// (policy.h), so every rule stays a few dozen lines of "what is wrong here".

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/lint/shell.h"
#include "compiler/lint/source_index.h"

namespace slipway::lint {

/// Where a rule comes from: a check of this linter over the IR, a warning of
/// the compiler front end (W01xx) that lint treats as a rule, or a check of
/// the suppressions and configuration themselves.
enum class RuleKind { Lint, Compiler, Meta };

/// What a rule declares about itself: used by docs, SARIF and configuration.
struct RuleInfo {
  std::string_view name;         ///< "mutable-image-tag": what users see, configure and suppress
  Severity default_severity = Severity::Warning;
  std::string_view summary;      ///< one line, lowercase, no final period
  std::string_view description;  ///< why it matters, in a sentence or two
  RuleKind kind = RuleKind::Lint;
  std::optional<DiagCode> code;  ///< for RuleKind::Compiler: the W01xx code

  RuleInfo(std::string_view name_, Severity severity, std::string_view summary_, std::string_view description_,
           RuleKind kind_ = RuleKind::Lint, std::optional<DiagCode> code_ = std::nullopt)
      : name(name_), default_severity(severity), summary(summary_), description(description_), kind(kind_),
        code(code_) {}
};

/// One command a step or service runs, with where it was written.
struct Command {
  ShellCommand shell;
  const std::string* text = nullptr;  ///< the script the word offsets refer to (null for an argv)
  Span where;                         ///< the source span of that script, or of the argv list
  std::vector<Span> word_spans;       ///< for an argv: each item's span
};

/// The text of a value as the user would read it: literal parts as they are,
/// references as `${name}` (`${step.output}` for outputs).
std::string value_text(const ir::Value& value);

/// A step as rules see it: the IR step plus lazily read shell structure.
class StepView {
 public:
  StepView(const ir::Step& step, const ir::Instance& instance, const SourceIndex& index)
      : step_(step), instance_(instance), index_(index) {}

  const ir::Step& step() const { return step_; }
  const ir::Instance& instance() const { return instance_; }

  /// Every command the step runs: the lines of its script, or its argv (and
  /// the script inside `sh -c` / an entrypoint of `sh -c`).
  const std::vector<Command>& commands() const;
  /// The step's script read as shell, or null for an argv or no `run`.
  const ShellScript* script() const;
  /// The source span of the `run` value; the step's name when unknown.
  Span run_span() const;
  /// True when a secret reaches the step (env var or file).
  bool receives_secret() const;

  /// The span of word `word` of `command` (or of the whole command when
  /// `word` is npos), as precise as the source allows.
  Span span_of(const Command& command, size_t word = std::string::npos) const;
  const SourceIndex& index() const { return index_; }

 private:
  void read() const;

  const ir::Step& step_;
  const ir::Instance& instance_;
  const SourceIndex& index_;
  mutable bool read_ = false;
  mutable std::optional<ShellScript> script_;
  mutable std::vector<Command> commands_;
  mutable std::vector<std::unique_ptr<std::string>> texts_;
};

/// An instance with its steps, and the workflow around it.
struct InstanceView {
  const ir::Instance& instance;
  const ir::Workflow& workflow;
  const std::vector<StepView>& steps;
};

/// Collects findings; rules report through Rule::report.
class LintContext {
 public:
  LintContext(const SourceIndex& index, std::vector<Diagnostic>& out) : index_(index), out_(out) {}
  const SourceIndex& index() const { return index_; }
  Diagnostic& report(const RuleInfo& rule, Span at, std::string message);

 private:
  const SourceIndex& index_;
  std::vector<Diagnostic>& out_;
};

/// The base of every rule: hooks called by the shared walk, in this order
/// per workflow: begin_workflow, then per instance visit_instance, then per
/// step visit_step followed by visit_service for each of its services, and
/// finally end_workflow. A rule overrides only the hooks it needs.
class Rule {
 public:
  explicit Rule(const RuleInfo& info) : info_(info) {}
  virtual ~Rule() = default;
  const RuleInfo& info() const { return info_; }

  virtual void begin_workflow(const ir::Workflow&, LintContext&) {}
  virtual void visit_instance(const InstanceView&, LintContext&) {}
  virtual void visit_step(const StepView&, LintContext&) {}
  virtual void visit_service(const ir::Service&, const StepView&, LintContext&) {}
  virtual void end_workflow(const ir::Workflow&, LintContext&) {}

 protected:
  Diagnostic& report(LintContext& ctx, Span at, std::string message) const {
    return ctx.report(info_, at, std::move(message));
  }

 private:
  const RuleInfo& info_;
};

}  // namespace slipway::lint
