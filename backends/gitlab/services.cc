#include "backends/gitlab/services.h"

#include "backends/gitlab/values.h"

namespace slipway::backends::gitlab {
namespace {

void literal_dollar(Lowering& lowering, Span at, const std::string& what) {
  lowering.error(DiagCode::E0548, at, "a literal `$` in " + what + " would be read as a GitLab variable")
      .label("GitLab expands `$NAME` in this field and offers no escape for it")
      .with_help("pass the text through the step's env and build the value in its script");
}

}  // namespace

std::vector<Service> lower_services(const ir::Step& step, Lowering& lowering) {
  std::vector<Service> out;
  for (const auto& s : step.services) {
    Service svc;
    svc.alias = s.alias;
    std::string what = "service `" + s.alias + "` of step `" + step.id + "`";
    ExpandedText image = expanded_text(s.image, lowering);
    if (image.literal_dollar) literal_dollar(lowering, s.image.span.valid() ? s.image.span : s.span, "the image of " + what);
    svc.name = image.text;
    for (const auto& c : s.command) {
      ExpandedText word = expanded_text(c, lowering);
      Span at = c.span.valid() ? c.span : s.span;
      if (word.literal_dollar) literal_dollar(lowering, at, "the command of " + what);
      if (word.reads_output)
        lowering.error(DiagCode::E0546, at, what + " reads a step output, which GitLab CI services receive escaped")
            .label("only the job's shell decodes values passed between GitLab jobs")
            .with_help("give the service fixed arguments, or start the program from the step's script");
      svc.command.push_back(word.text);
    }
    bool has_healthcheck = false;
    for (const auto& e : s.env) {
      Span at = e.span.valid() ? e.span : s.span;
      has_healthcheck |= e.name == "HEALTHCHECK_TCP_PORT";
      if (auto text = literal_text(e.value); text && !e.secret) {
        svc.variables.push_back({e.name, *text, text->find('$') == std::string::npos});
        continue;
      }
      ExpandedText value = expanded_text(e.value, lowering);
      for (const auto& r : e.value.refs()) {
        const SecretVariable* secret = r.kind == ir::Ref::Kind::Secret ? lowering.secrets.find(r.name) : nullptr;
        if (secret && secret->file)
          lowering.error(DiagCode::E0553, at, "file secret `" + r.name + "` cannot reach " + what + " on GitLab CI")
              .label("GitLab writes a file variable into the job's container only; the service would get a path it cannot read")
              .with_help("bind a non-file variable for the service: secret " + r.name + " { gitlab = \"NAME\" }");
      }
      if (value.reads_output)
        lowering.error(DiagCode::E0546, at, what + " reads a step output, which GitLab CI services receive escaped")
            .label("only the job's shell decodes values passed between GitLab jobs")
            .with_help("have the step pass the value to the service itself, for example over its port");
      if (value.literal_dollar) literal_dollar(lowering, at, "an env var of " + what);
      svc.variables.push_back({e.name, value.text, true});
    }
    if (s.ready.kind == ir::Readiness::Kind::TcpPort && !has_healthcheck)
      svc.variables.push_back({"HEALTHCHECK_TCP_PORT", std::to_string(s.ready.port), true});
    if (s.ready.kind == ir::Readiness::Kind::Command) {
      Span at = !s.ready.command.empty() && s.ready.command[0].span.valid() ? s.ready.command[0].span : s.span;
      lowering.error(DiagCode::E0545, at, "GitLab CI cannot run a health command for " + what)
          .label("the GitLab runner only waits for a TCP port of a service")
          .with_help("wait for the service's port instead: `ready PORT`");
    }
    out.push_back(std::move(svc));
  }
  return out;
}

}  // namespace slipway::backends::gitlab
