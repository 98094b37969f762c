#pragma once
// Branch and tag filters for Cloud Build triggers. A trigger matches pushes
// of one kind (branches or tags) with one RE2 regex, optionally inverted, so
// the workflow's `on push` globs and a pipeline use's `when` are folded into
// one such filter per kind, or found inexpressible.
//
// Globs are the language's (compiler/ir/glob.h).

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/glob.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::cloudbuild {

/// The body of an RE2 regex matching exactly `text`.
std::string literal_regex(const std::string& text);

enum class RefKind { Branch, Tag };

/// A set of ref names: everything, nothing, the names matching one of some
/// patterns, or the names matching none of them.
struct RefFilter {
  struct Pattern {
    bool glob = false;
    std::string text;
    friend bool operator==(const Pattern&, const Pattern&) = default;
  };
  enum class Kind { None, All, Match, NotMatch } kind = Kind::None;
  std::vector<Pattern> patterns;

  static RefFilter all() { return {Kind::All, {}}; }
  static RefFilter none() { return {Kind::None, {}}; }
  /// The anchored RE2 regex of a Match/NotMatch filter; ".*" for All.
  std::string regex() const;
  bool inverted() const { return kind == Kind::NotMatch; }
};

/// The pushes of one kind that the workflow's triggers start a build for.
RefFilter trigger_filter(const std::vector<ir::Trigger>& triggers, RefKind kind);

/// Folds `when` into `base` for pushes of one kind. On failure returns
/// nullopt and sets `failing` to the smallest sub-condition that could not be
/// folded (for the diagnostic's span).
std::optional<RefFilter> with_condition(const RefFilter& base, const ir::Condition& when, RefKind kind,
                                        const ir::Condition** failing);

/// Evaluates `when` at compile time for a branch build of `branch` (tag
/// empty); nullopt when it reads something else than the branch and tag.
std::optional<bool> condition_for_branch(const ir::Condition& when, const std::string& branch);

/// True when both conditions are the same expression (spans ignored).
bool same_condition(const ir::Condition& a, const ir::Condition& b);

}  // namespace slipway::backends::cloudbuild
