#pragma once
// Secrets on GitLab CI: each Slipway secret is a project (or group) CI/CD
// variable. The file only ever names the variable; the header comment tells
// the user which variables to create and how.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace slipway::backends::gitlab {

struct SecretVariable {
  std::string secret;    ///< the Slipway name
  std::string variable;  ///< the CI/CD variable: the binding, or the upper-cased name
  bool file = false;     ///< File type: the variable holds a path to the value
  bool masked = false;   ///< bound `gitlab masked = ...`
};

class SecretTable {
 public:
  /// Resolves the secrets in `used` and reports bindings GitLab cannot use:
  /// a name that is not a shell-safe variable name (E0542), a masked file
  /// variable (E0543).
  void build(const ir::Workflow& workflow, const std::set<std::string>& used, std::vector<Diagnostic>& diags);
  const SecretVariable* find(const std::string& secret) const;
  /// True when `variable` is the CI/CD variable of a secret in use.
  bool is_variable(const std::string& variable) const;
  /// Comment lines describing each variable to create, in declaration order.
  std::vector<std::string> header_lines() const;

 private:
  std::vector<SecretVariable> order_;
  std::map<std::string, size_t> by_name_;
};

}  // namespace slipway::backends::gitlab
