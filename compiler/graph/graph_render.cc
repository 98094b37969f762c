#include "compiler/graph/graph_render.h"

#include <algorithm>
#include <functional>

namespace slipway::graph {
namespace {

bool selected(const ir::Instance& inst, const GraphOptions& options) {
  return options.pipeline.empty() || inst.name == options.pipeline || inst.pipeline == options.pipeline;
}

std::string image_text(const ir::Value& v) {
  std::string out;
  for (const auto& p : v.parts) out += p.ref ? "${" + (p.ref->kind == ir::Ref::Kind::Output ? p.ref->step + "." : "") + p.ref->name + "}" : p.text;
  return out;
}

std::vector<std::string> secrets_of(const ir::Step& step) {
  std::vector<std::string> out;
  auto add = [&](const ir::Value& v) {
    for (const auto& r : v.refs())
      if (r.kind == ir::Ref::Kind::Secret && std::find(out.begin(), out.end(), r.name) == out.end()) out.push_back(r.name);
  };
  for (const auto& e : step.env) if (e.secret) add(e.value);
  for (const auto& f : step.files) if (f.secret) add(f.value);
  return out;
}

/// Steps of an instance with no dependents / no dependencies, for chain edges.
std::vector<const ir::Step*> ends(const ir::Instance& inst, bool sinks) {
  std::vector<const ir::Step*> out;
  for (const auto& s : inst.steps) {
    if (s.is_hook()) continue;
    bool linked = false;
    if (sinks) {
      for (const auto& t : inst.steps) for (const auto& e : t.needs) linked |= e.from == s.id;
    } else {
      linked = !s.needs.empty();
    }
    if (!linked) out.push_back(&s);
  }
  return out;
}

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

std::string node_id(const std::string& id) {
  std::string out = "n_";
  for (char c : id) out += isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

void render_dot(std::ostream& out, const ir::Workflow& w, const GraphOptions& options) {
  out << "digraph \"" << w.name << "\" {\n"
      << "  compound=true;\n  rankdir=LR;\n  fontname=\"Helvetica\";\n"
      << "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f7fa\", fontname=\"Helvetica\", fontsize=11];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  for (const auto& inst : w.instances) {
    if (!selected(inst, options)) continue;
    std::string label = inst.name;
    if (inst.pipeline != inst.name) label += " (" + inst.pipeline + ")";
    if (inst.when) label += "<BR/><FONT POINT-SIZE=\"9\">when " + dot_escape(condition_text(*inst.when)) + "</FONT>";
    if (inst.manual) label += "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#b35900\">manual gate: " + dot_escape(inst.manual->message) + "</FONT>";
    if (inst.environment)
      label += "<BR/><FONT POINT-SIZE=\"9\">environment " + dot_escape(image_text(inst.environment->name)) + "</FONT>";
    out << "  subgraph \"cluster_" << inst.name << "\" {\n    label=<" << label << ">;\n    style=\"rounded\";\n    color=\"#8899aa\";\n";
    for (const auto& s : inst.steps) {
      std::string l = "<B>" + dot_escape(s.name) + "</B><BR/><FONT POINT-SIZE=\"8\" COLOR=\"#666666\">" +
                      dot_escape(image_text(s.image)) + "</FONT>";
      for (const auto& sec : secrets_of(s)) l += "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#a00000\">secret " + dot_escape(sec) + "</FONT>";
      if (s.manual) l += "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#b35900\">manual gate</FONT>";
      std::string attrs = s.is_hook() ? ", style=\"dashed,rounded\"" : (s.manual ? ", shape=octagon" : "");
      out << "    " << node_id(s.id) << " [label=<" << l << ">" << attrs << "];\n";
    }
    for (const auto& s : inst.steps) {
      for (const auto& e : s.needs) {
        std::string values;
        for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + v;
        out << "    " << node_id(e.from) << " -> " << node_id(s.id);
        if (!values.empty()) out << " [label=\"" << dot_escape(values) << "\"]";
        out << ";\n";
      }
      if (s.is_hook()) {
        out << "    " << node_id(s.hook_of) << " -> " << node_id(s.id) << " [style=dashed, label=\""
            << (s.hook_kind == ir::HookKind::OnFailure ? "on failure" : "always") << "\"];\n";
      }
    }
    out << "  }\n";
  }
  for (const auto& inst : w.instances) {
    if (!selected(inst, options)) continue;
    for (const auto& up : inst.upstream) {
      const ir::Instance* u = w.find_instance(up);
      if (!u || !selected(*u, options) || u->steps.empty() || inst.steps.empty()) continue;
      auto from = ends(*u, true);
      auto to = ends(inst, false);
      if (from.empty() || to.empty()) continue;
      out << "  " << node_id(from.front()->id) << " -> " << node_id(to.front()->id) << " [ltail=\"cluster_" << up
          << "\", lhead=\"cluster_" << inst.name << "\", penwidth=2];\n";
    }
  }
  out << "}\n";
}

std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '"') ? std::string("#quot;") : std::string(1, c);
  return out;
}

void render_mermaid(std::ostream& out, const ir::Workflow& w, const GraphOptions& options) {
  out << "flowchart LR\n";
  for (const auto& inst : w.instances) {
    if (!selected(inst, options)) continue;
    std::string title = inst.name;
    if (inst.when) title += " — when " + condition_text(*inst.when);
    if (inst.manual) title += " — manual";
    out << "  subgraph " << node_id(inst.name) << " [\"" << mermaid_text(title) << "\"]\n";
    for (const auto& s : inst.steps) {
      std::string label = "<b>" + s.name + "</b><br/><small>" + image_text(s.image) + "</small>";
      for (const auto& sec : secrets_of(s)) label += "<br/>secret " + sec;
      if (s.manual) label += "<br/>manual gate";
      out << "    " << node_id(s.id) << (s.manual ? "{{\"" : "[\"") << mermaid_text(label) << (s.manual ? "\"}}" : "\"]") << "\n";
    }
    for (const auto& s : inst.steps) {
      for (const auto& e : s.needs) {
        std::string values;
        for (const auto& v : e.values) values += (values.empty() ? "" : ", ") + v;
        out << "    " << node_id(e.from) << (values.empty() ? " --> " : " -- \"" + mermaid_text(values) + "\" --> ")
            << node_id(s.id) << "\n";
      }
      if (s.is_hook())
        out << "    " << node_id(s.hook_of) << " -. " << (s.hook_kind == ir::HookKind::OnFailure ? "on failure" : "always")
            << " .-> " << node_id(s.id) << "\n";
    }
    out << "  end\n";
  }
  for (const auto& inst : w.instances) {
    if (!selected(inst, options)) continue;
    for (const auto& up : inst.upstream) {
      const ir::Instance* u = w.find_instance(up);
      if (u && selected(*u, options)) out << "  " << node_id(up) << " ==> " << node_id(inst.name) << "\n";
    }
  }
}

void render_text(std::ostream& out, const ir::Workflow& w, const GraphOptions& options) {
  out << "workflow " << w.name << "\n";
  for (const auto& inst : w.instances) {
    if (!selected(inst, options)) continue;
    out << "  pipeline " << inst.name;
    if (inst.pipeline != inst.name) out << " (" << inst.pipeline << ")";
    if (!inst.upstream.empty()) {
      out << " after ";
      for (size_t i = 0; i < inst.upstream.size(); ++i) out << (i ? ", " : "") << inst.upstream[i];
    }
    if (inst.when) out << " when " << condition_text(*inst.when);
    if (inst.manual) out << " [manual]";
    out << "\n";
    for (const auto& s : inst.steps) {
      out << "    " << (s.is_hook() ? (s.hook_kind == ir::HookKind::OnFailure ? "on_failure " : "always ") : "")
          << s.name << "  (" << image_text(s.image) << ")";
      if (s.manual) out << " [manual]";
      auto secrets = secrets_of(s);
      for (const auto& sec : secrets) out << " [secret " << sec << "]";
      out << "\n";
      for (const auto& e : s.needs) {
        out << "      <- " << e.from;
        if (!e.values.empty()) {
          out << " (";
          for (size_t i = 0; i < e.values.size(); ++i) out << (i ? ", " : "") << e.values[i];
          out << ")";
        }
        out << "\n";
      }
    }
  }
}

}  // namespace

std::string condition_text(const ir::Condition& c) {
  using Op = ir::Condition::Op;
  switch (c.op) {
    case Op::True: return "true";
    case Op::Equals: return ir::context_name(c.context) + " == \"" + c.literal + "\"";
    case Op::NotEquals: return ir::context_name(c.context) + " != \"" + c.literal + "\"";
    case Op::Matches: return ir::context_name(c.context) + " matches \"" + c.literal + "\"";
    case Op::Not: return "!(" + condition_text(c.operands.at(0)) + ")";
    case Op::And:
    case Op::Or: {
      const char* op = c.op == Op::And ? " && " : " || ";
      auto side = [&](const ir::Condition& x) {
        bool wrap = (x.op == Op::And || x.op == Op::Or) && x.op != c.op;
        return wrap ? "(" + condition_text(x) + ")" : condition_text(x);
      };
      return side(c.operands.at(0)) + op + side(c.operands.at(1));
    }
  }
  return "";
}

bool render_graph(std::ostream& out, const ir::Program& program, const GraphOptions& options) {
  bool any = false;
  for (const auto& w : program.workflows) {
    bool has = std::any_of(w.instances.begin(), w.instances.end(), [&](const auto& i) { return selected(i, options); });
    if (!has) continue;
    any = true;
    switch (options.format) {
      case Format::Dot: render_dot(out, w, options); break;
      case Format::Mermaid: render_mermaid(out, w, options); break;
      case Format::Text: render_text(out, w, options); break;
    }
  }
  return any;
}

}  // namespace slipway::graph
