#pragma once
// From IR back to what the user wrote: the IR keeps spans on values and step
// names but not on every property (a script has none). Lint rules ask this
// index for the source of a step's `run`, `retry` or `timeout`, and for the
// exact text of a finding inside a span.

#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include "compiler/ast/ast.h"
#include "compiler/diag/source.h"
#include "compiler/ir/ir.h"
#include "compiler/sema/modules.h"

namespace slipway::lint {

class SourceIndex {
 public:
  SourceIndex(const ModuleSet& modules, const SourceManager& sources);

  const SourceManager& sources() const { return sources_; }

  /// The span of the value of a step property as the step sees it: the
  /// call's own line when it sets the property, else the template's. Nullopt
  /// when neither writes it (or the step is not found).
  std::optional<Span> property_span(const ir::Step& step,
                                    std::optional<ast::Property> ast::StepBody::*property) const;

  /// The span of occurrence `nth` (0: the first) of `needle` in the source
  /// text under `within`; `within` itself when the text is not there (for
  /// example when an escape or an interpolation changed it).
  Span find(Span within, std::string_view needle, size_t nth = 0) const;

  /// The source text under `span` ("" when it has none).
  std::string_view text(Span span) const;

  /// True when `span` lies in the body of the template `step` was expanded from.
  bool in_template(const ir::Step& step, const Span& span) const;

  /// True for files of the embedded standard library (never linted).
  bool is_stdlib(FileId file) const;

 private:
  using Key = std::tuple<FileId, uint32_t, uint32_t>;
  static Key key(const Span& span) { return {span.file, span.begin.line, span.begin.col}; }
  void add_body(const ast::StepBody& body);
  void add_step(const ast::StepDecl& decl);

  const SourceManager& sources_;
  std::map<Key, const ast::StepDecl*> steps_;      ///< by the span of the step's name
  std::map<Key, const ast::Template*> templates_;  ///< by the span of the template's name
  std::vector<FileId> stdlib_files_;
};

}  // namespace slipway::lint
