#include "compiler/ir/ir_json.h"

namespace slipway::ir {
namespace {

using json = nlohmann::ordered_json;

class Writer {
 public:
  explicit Writer(const SourceManager& sources) : sources_(sources) {}

  json span(const Span& s) const {
    if (!s.valid() || s.file >= sources_.size()) return nullptr;
    return sources_.file(s.file).path() + ":" + std::to_string(s.begin.line) + ":" + std::to_string(s.begin.col);
  }

  json ref(const Ref& r) const {
    json j;
    switch (r.kind) {
      case Ref::Kind::Param: j["param"] = r.name; break;
      case Ref::Kind::Secret: j["secret"] = r.name; break;
      case Ref::Kind::Context: j["context"] = context_name(r.context); break;
      case Ref::Kind::Output: j["output"] = r.step + "." + r.name; break;
    }
    j["type"] = type_name(r.type);
    return j;
  }

  /// Literal strings print as plain JSON strings; templates as part lists.
  json value(const Value& v) const {
    switch (v.type.kind) {
      case TypeKind::List: {
        json items = json::array();
        for (const auto& i : v.items) items.push_back(value(i));
        return items;
      }
      case TypeKind::Int:
      case TypeKind::Duration:
        if (v.parts.empty()) return v.number;
        break;
      case TypeKind::Bool:
        if (v.parts.empty()) return v.boolean;
        break;
      default:
        break;
    }
    if (v.is_literal()) return v.literal_text();
    json parts = json::array();
    for (const auto& p : v.parts) {
      if (p.ref) parts.push_back(ref(*p.ref));
      else parts.push_back(p.text);
    }
    return json{{"template", parts}};
  }

  json values(const std::vector<Value>& vs) const {
    json out = json::array();
    for (const auto& v : vs) out.push_back(value(v));
    return out;
  }

  json condition(const Condition& c) const {
    switch (c.op) {
      case Condition::Op::True: return true;
      case Condition::Op::Equals:
      case Condition::Op::NotEquals:
      case Condition::Op::Matches: {
        const char* op = c.op == Condition::Op::Equals ? "==" : c.op == Condition::Op::NotEquals ? "!=" : "matches";
        return json{{"op", op}, {"context", context_name(c.context)}, {"value", c.literal}};
      }
      case Condition::Op::And:
      case Condition::Op::Or:
      case Condition::Op::Not: {
        const char* op = c.op == Condition::Op::And ? "&&" : c.op == Condition::Op::Or ? "||" : "!";
        json operands = json::array();
        for (const auto& o : c.operands) operands.push_back(condition(o));
        return json{{"op", op}, {"operands", operands}};
      }
    }
    return nullptr;
  }

  json env(const std::vector<EnvVar>& vars) const {
    json out = json::array();
    for (const auto& e : vars) out.push_back(json{{"name", e.name}, {"value", value(e.value)}, {"secret", e.secret}});
    return out;
  }

  json gate(const std::optional<Gate>& g) const {
    if (!g) return nullptr;
    return json{{"name", g->name}, {"message", g->message}, {"span", span(g->span)}};
  }

  json step(const Step& s) const {
    json j;
    j["id"] = s.id;
    j["name"] = s.name;
    if (s.is_hook()) {
      j["hook"] = s.hook_kind == HookKind::OnFailure ? "on_failure" : "always";
      j["hook_of"] = s.hook_of;
    }
    j["image"] = value(s.image);
    switch (s.run_kind) {
      case RunKind::None: j["run"] = nullptr; break;
      case RunKind::Argv: j["run"] = json{{"argv", values(s.argv)}}; break;
      case RunKind::Script: j["run"] = json{{"script", s.script}}; break;
    }
    if (!s.entrypoint.empty()) j["entrypoint"] = values(s.entrypoint);
    if (s.workdir) j["workdir"] = value(*s.workdir);
    j["env"] = env(s.env);
    json files = json::array();
    for (const auto& f : s.files) files.push_back(json{{"path", f.path}, {"value", value(f.value)}, {"secret", f.secret}});
    j["files"] = files;
    json outputs = json::array();
    for (const auto& o : s.outputs) outputs.push_back(json{{"name", o.name}, {"type", type_name(o.type)}});
    j["outputs"] = outputs;
    json needs = json::array();
    for (const auto& e : s.needs) needs.push_back(json{{"step", e.from}, {"explicit", e.explicit_need}, {"values", e.values}});
    j["needs"] = needs;
    j["timeout_ms"] = s.timeout_ms ? json(*s.timeout_ms) : json(nullptr);
    j["retry"] = s.retry;
    j["allow_failure"] = s.allow_failure;
    j["manual"] = gate(s.manual);
    json services = json::array();
    for (const auto& svc : s.services) {
      json sj;
      sj["alias"] = svc.alias;
      sj["image"] = value(svc.image);
      sj["command"] = values(svc.command);
      sj["env"] = env(svc.env);
      switch (svc.ready.kind) {
        case Readiness::Kind::None: sj["ready"] = nullptr; break;
        case Readiness::Kind::TcpPort: sj["ready"] = json{{"tcp", svc.ready.port}}; break;
        case Readiness::Kind::Command: sj["ready"] = json{{"command", values(svc.ready.command)}}; break;
      }
      services.push_back(sj);
    }
    j["services"] = services;
    j["on_failure"] = s.on_failure;
    j["always"] = s.always;
    json prov;
    prov["decl"] = span(s.provenance.decl);
    if (s.provenance.call_site) {
      prov["call_site"] = span(*s.provenance.call_site);
      prov["template"] = s.provenance.template_name;
      prov["template_decl"] = s.provenance.template_decl ? span(*s.provenance.template_decl) : json(nullptr);
    }
    j["provenance"] = prov;
    return j;
  }

  json program(const Program& p) const {
    json j;
    j["source"] = p.source_path;
    json workflows = json::array();
    for (const auto& w : p.workflows) {
      json wj;
      wj["name"] = w.name;
      json triggers = json::array();
      for (const auto& t : w.triggers) {
        json tj;
        tj["kind"] = t.kind == Trigger::Kind::Push ? "push" : "manual";
        tj["branches"] = t.branches;
        tj["tags"] = t.tags;
        tj["any_branch"] = t.any_branch;
        triggers.push_back(tj);
      }
      wj["triggers"] = triggers;
      json params = json::array();
      for (const auto& prm : w.params) {
        params.push_back(json{{"name", prm.name}, {"type", type_name(prm.type)},
                              {"default", prm.default_value ? value(*prm.default_value) : json(nullptr)},
                              {"overridden", prm.overridden}});
      }
      wj["params"] = params;
      json secrets = json::array();
      for (const auto& s : w.secrets) {
        json bindings = json::object();
        for (const auto& [target, b] : s.bindings) {
          bindings[target] = json{{"qualifier", b.qualifier}, {"value", b.value}};
        }
        secrets.push_back(json{{"name", s.name}, {"kind", s.is_file ? "file" : "string"}, {"bindings", bindings}});
      }
      wj["secrets"] = secrets;
      json instances = json::array();
      for (const auto& inst : w.instances) {
        json ij;
        ij["name"] = inst.name;
        ij["pipeline"] = inst.pipeline;
        json args = json::object();
        for (const auto& [k, v] : inst.args) args[k] = value(v);
        ij["args"] = args;
        ij["upstream"] = inst.upstream;
        ij["when"] = inst.when ? condition(*inst.when) : json(nullptr);
        ij["manual"] = gate(inst.manual);
        if (inst.environment) {
          ij["environment"] = json{{"name", value(inst.environment->name)},
                                   {"url", inst.environment->url ? value(*inst.environment->url) : json(nullptr)}};
        } else {
          ij["environment"] = nullptr;
        }
        json steps = json::array();
        for (const auto& s : inst.steps) steps.push_back(step(s));
        ij["steps"] = steps;
        instances.push_back(ij);
      }
      wj["instances"] = instances;
      workflows.push_back(wj);
    }
    j["workflows"] = workflows;
    return j;
  }

 private:
  const SourceManager& sources_;
};

}  // namespace

nlohmann::ordered_json to_json(const Program& program, const SourceManager& sources) {
  return Writer(sources).program(program);
}

}  // namespace slipway::ir
