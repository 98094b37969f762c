// docker-socket: a step or service gets the Docker daemon (socket or dind).

#include "compiler/lint/rules.h"

namespace slipway::lint {
namespace {

const RuleInfo kInfo{
    "docker-socket", Severity::Warning,
    "a step or service reaches the Docker daemon: the socket, or a Docker-in-Docker service",
    "Whoever can talk to the Docker daemon is root on the machine that runs it: the host's socket "
    "(`/var/run/docker.sock`) hands the CI runner to the step and to every tool it downloads, and "
    "Docker-in-Docker (`docker:dind`) needs a privileged container. Build images without a daemon "
    "(kaniko, buildah, `std/docker`'s `build_push`)."};

constexpr std::string_view kSocket = "docker.sock";

bool is_dind(const std::string& image) { return image.find("dind") != std::string::npos; }

class DockerSocket : public Rule {
 public:
  DockerSocket() : Rule(kInfo) {}

  void visit_step(const StepView& view, LintContext& ctx) override {
    const ir::Step& step = view.step();
    std::string what = "this step";
    if (is_dind(value_text(step.image))) {
      dind(step.image.span.valid() ? step.image.span : step.provenance.decl, what, value_text(step.image), ctx);
      return;
    }
    for (const auto& f : step.files)
      if (f.path.find(kSocket) != std::string::npos) return socket(f.span, what, ctx);
    for (const auto& e : step.env)
      if (!e.secret && value_text(e.value).find(kSocket) != std::string::npos) return socket(e.span, what, ctx);
    for (const Command& c : view.commands())
      for (size_t w = 0; w < c.shell.words.size(); ++w)
        if (c.shell.words[w].text.find(kSocket) != std::string::npos) return socket(view.span_of(c, w), what, ctx);
  }

  void visit_service(const ir::Service& service, const StepView&, LintContext& ctx) override {
    std::string what = "service `" + service.alias + "`";
    std::string image = value_text(service.image);
    if (is_dind(image)) return dind(service.image.span.valid() ? service.image.span : service.span, what, image, ctx);
    for (const auto& e : service.env)
      if (!e.secret && value_text(e.value).find(kSocket) != std::string::npos) return socket(e.span, what, ctx);
    for (const auto& item : service.command)
      if (value_text(item).find(kSocket) != std::string::npos) return socket(item.span, what, ctx);
  }

 private:
  void socket(Span at, const std::string& what, LintContext& ctx) {
    report(ctx, at, what + " uses the host's Docker socket")
        .label("root on the CI host for everything in the step")
        .with_help("build images without a daemon (kaniko, buildah, `std/docker`), or use a dedicated runner");
  }
  void dind(Span at, const std::string& what, const std::string& image, LintContext& ctx) {
    report(ctx, at, what + " runs Docker-in-Docker (`" + image + "`)")
        .label("needs a privileged container")
        .with_help("build images without a daemon (kaniko, buildah, `std/docker`), or use a dedicated runner");
  }
};

}  // namespace

std::unique_ptr<Rule> make_docker_socket() { return std::make_unique<DockerSocket>(); }

}  // namespace slipway::lint
