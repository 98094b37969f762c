#pragma once
// Cloud Build substitutions: escaping of user text, the built-in context
// table, and params as user substitutions (`_NAME`).
//
// Cloud Build replaces `$NAME` and `${NAME}` in every step field except
// `script`, in `substitutions` values (builds set dynamicSubstitutions, so
// values are expanded too) and in `availableSecrets`. User text therefore has
// every `$` doubled, and a value that refers to a param or to the context
// becomes a substitution reference in braces (`${_REGISTRY}`, `${COMMIT_SHA}`).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// `$` → `$$`, so Cloud Build hands the text through unchanged.
std::string escape_dollars(std::string_view text);

/// The user substitution of a param: `_` + upper-cased name.
std::string param_substitution(const std::string& param);

/// The built-in substitution that carries a context key, or nullopt for
/// `build.number` (Cloud Build has none). A chained build (started by another
/// build's chain step, pinned to the commit) gets the branch and tag through
/// `_SLIPWAY_GIT_BRANCH` / `_SLIPWAY_GIT_TAG`, which the chain step passes.
std::optional<std::string> context_substitution(ir::ContextKey key, bool chained);

/// Substitutions that Slipway itself declares; no param may map onto them.
bool is_reserved_substitution(const std::string& name);

/// A param's default as the text a substitution value holds (unescaped).
std::string param_default_text(const ir::Param& param);

/// Reports params whose substitutions collide or break Cloud Build's rules
/// (E0528), at the param's declaration.
void check_param_names(const ir::Workflow& workflow, std::vector<Diagnostic>& diags);

/// Renders values into substituted text for one build and records which
/// substitutions the build uses (MUST_MATCH needs exactly those declared).
class Substituter {
 public:
  Substituter(const ir::Workflow& workflow, bool chained, std::vector<Diagnostic>& diags);

  /// One part: literal text escaped, a param or context ref as `${NAME}`.
  /// Output and secret refs are not substitutions; the caller handles them.
  std::string part(const ir::Part& part, Span at);
  /// Every part of a value that holds no output or secret ref.
  std::string value(const ir::Value& value);

  /// `substitutions:` of the build: used params that have a default and the
  /// chain's context substitutions, sorted by name, values escaped.
  std::vector<std::pair<std::string, std::string>> declared() const;
  /// Used params without a default: the build fails unless they are given.
  std::vector<std::string> required() const;
  /// `_SLIPWAY_GIT_BRANCH` / `_SLIPWAY_GIT_TAG` when the build reads them.
  std::set<std::string> chain_context() const;
  bool chained() const { return chained_; }

 private:
  const ir::Workflow& workflow_;
  bool chained_;
  std::vector<Diagnostic>& diags_;
  std::set<std::string> params_;
  std::set<std::string> chain_context_;
  std::set<std::pair<uint32_t, uint32_t>> reported_;  ///< build.number spans already reported
};

}  // namespace slipway::backends::cloudbuild
