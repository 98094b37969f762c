#include "runtime/outputs.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace slipway::runtime {

Result<OutputValues, RunError> parse_outputs_file(const std::string& text) {
  OutputValues values;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto heredoc = line.find("<<");
    auto eq = line.find('=');
    if (heredoc != std::string::npos && (eq == std::string::npos || heredoc < eq)) {
      std::string name = line.substr(0, heredoc);
      std::string delimiter = line.substr(heredoc + 2);
      if (name.empty() || delimiter.empty())
        return fail(RunError{"$SLIPWAY_OUTPUTS line " + std::to_string(number) + ": expected `name<<DELIMITER`", ""});
      std::string value, body;
      bool closed = false, first = true;
      while (std::getline(in, body)) {
        ++number;
        if (!body.empty() && body.back() == '\r') body.pop_back();
        if (body == delimiter) {
          closed = true;
          break;
        }
        if (!first) value += "\n";
        value += body;
        first = false;
      }
      if (!closed)
        return fail(RunError{"$SLIPWAY_OUTPUTS: value of `" + name + "` has no closing `" + delimiter + "` line", ""});
      values[name] = value;
      continue;
    }
    if (eq == std::string::npos || eq == 0)
      return fail(RunError{"$SLIPWAY_OUTPUTS line " + std::to_string(number) + ": expected `name=value`", ""});
    values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return values;
}

bool value_has_type(const std::string& text, ir::TypeKind type) {
  switch (type) {
    case ir::TypeKind::Int: {
      if (text.empty()) return false;
      errno = 0;
      char* end = nullptr;
      std::strtoll(text.c_str(), &end, 10);
      return errno == 0 && end && *end == '\0' && !isspace(static_cast<unsigned char>(text[0]));
    }
    case ir::TypeKind::Bool: return text == "true" || text == "false";
    case ir::TypeKind::Duration: {
      // 90s, 10m, 1h30m, 500ms: digits followed by a unit, repeated.
      size_t i = 0;
      if (text.empty()) return false;
      while (i < text.size()) {
        size_t digits = i;
        while (i < text.size() && isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == digits) return false;
        if (text.compare(i, 2, "ms") == 0) i += 2;
        else if (i < text.size() && (text[i] == 's' || text[i] == 'm' || text[i] == 'h' || text[i] == 'd')) ++i;
        else return false;
      }
      return true;
    }
    case ir::TypeKind::String:
    case ir::TypeKind::Secret: return true;
    default: return false;
  }
}

Result<Ok, RunError> check_outputs(const OutputValues& values, const std::vector<ir::OutputDecl>& decls) {
  std::vector<std::string> problems;
  for (const auto& d : decls) {
    auto it = values.find(d.name);
    if (it == values.end()) {
      problems.push_back("output `" + d.name + "` (" + ir::type_name(d.type) + ") was not written");
      continue;
    }
    if (!value_has_type(it->second, d.type.kind)) {
      std::string shown = it->second.size() > 40 ? it->second.substr(0, 40) + "..." : it->second;
      problems.push_back("output `" + d.name + "` must be " + (d.type.kind == ir::TypeKind::Int ? "an " : "a ") +
                         ir::type_name(d.type) + ", found \"" + shown + "\"");
    }
  }
  if (problems.empty()) return Ok{};
  std::string message;
  for (const auto& p : problems) message += (message.empty() ? "" : "; ") + p;
  return fail(RunError{message, "append `name=value` lines to \"$SLIPWAY_OUTPUTS\""});
}

}  // namespace slipway::runtime
