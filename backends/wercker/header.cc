#include "backends/wercker/header.h"

#include "backends/wercker/conditions.h"
#include "backends/wercker/step_code.h"

namespace slipway::backends::wercker {
namespace {

/// A value as the reader of the header sees it: `${name}` for references.
std::string display(const ir::Value& value) {
  if (auto text = literal_text(value)) return *text;
  std::string out;
  for (const auto& p : value.parts) {
    if (!p.ref) {
      out += p.text;
      continue;
    }
    std::string name = p.ref->kind == ir::Ref::Kind::Context   ? ir::context_name(p.ref->context)
                       : p.ref->kind == ir::Ref::Kind::Output ? p.ref->step + "." + p.ref->name
                                                               : p.ref->name;
    out += "${" + name + "}";
  }
  return out;
}

void gate_line(std::vector<std::string>& out, const ir::Gate& gate, const std::string& what) {
  out.push_back("  X_" + approval_variable(gate) + "=yes approves " + what + " (\"" + gate.message + "\")");
}

}  // namespace

std::vector<std::string> header_lines(const Lowering& lowering, const File& file,
                                      const std::vector<const ir::Instance*>& order) {
  const ir::Workflow& wf = lowering.workflow;
  std::vector<std::string> out;
  out.push_back("Run with: wercker workflow " + file.workflow +
                " (the CLI runs the pipelines one at a time, in the order listed)");
  out.push_back("Host variables named X_NAME reach the steps as NAME (or put NAME=VALUE lines in the file");
  out.push_back("given to --environment).");
  if (!lowering.secrets.empty()) {
    out.push_back("Secrets, as environment variables; this file never holds their values:");
    for (const auto& s : lowering.secrets)
      out.push_back("  " + s.variable + " (secret `" + s.secret + "`" +
                    (s.file ? ", a file: the variable holds its contents" : "") + ")");
  }
  std::vector<std::string> params;
  for (const auto& p : wf.params) {
    if (!lowering.used_params.count(p.name)) continue;
    params.push_back("  " + param_variable(p.name) + " (param `" + p.name + "`, " + ir::type_name(p.type) + ")" +
                     (p.default_value ? ", default " + display(*p.default_value) : ", required"));
  }
  if (!params.empty()) {
    out.push_back("Params, overridden by variables of these names:");
    for (auto& line : params) out.push_back(line);
  }
  std::string in_boxes;
  for (const auto& p : wf.params)
    if (lowering.box_params.count(p.name)) in_boxes += (in_boxes.empty() ? "`" : ", `") + p.name + "`";
  if (!in_boxes.empty()) {
    out.push_back("Box images hold the compile-time value of " + in_boxes + " (the CLI pulls boxes before any");
    out.push_back("step runs); recompile with -p NAME=VALUE to change them there.");
  }
  std::vector<std::string> gates;
  for (const ir::Instance* inst : order) {
    if (inst->manual) gate_line(gates, *inst->manual, "pipeline use `" + inst->name + "`");
    for (const auto& s : inst->steps)
      if (s.manual) gate_line(gates, *s.manual, (s.is_hook() ? "hook `" : "step `") + s.id + "`");
  }
  if (!gates.empty()) {
    out.push_back("Manual gates: the CLI cannot pause for approval, so a gate stops the run unless approved up front:");
    for (auto& line : gates) out.push_back(line);
  }
  for (const ir::Instance* inst : order) {
    if (!inst->environment) continue;
    std::string line = "Environment " + display(inst->environment->name);
    if (inst->environment->url) line += " (" + display(*inst->environment->url) + ")";
    line += ": the steps of `" + inst->name + "`";
    out.push_back(line);
  }
  for (auto& line : trigger_lines(wf.triggers)) out.push_back(line);
  return out;
}

}  // namespace slipway::backends::wercker
