// Services: Cloud Build has no sidecars, but every step runs on the Docker
// network `cloudbuild`, so a step before the service's user starts each
// service with `docker run -d --network cloudbuild --network-alias ALIAS`
// and waits until it is ready; a step after it removes them. Service env
// values reach `docker run -e NAME` through the environment, never through
// its command line.

#include <algorithm>
#include <cctype>

#include "backends/cloudbuild/lowering.h"

namespace slipway::backends::cloudbuild {
namespace {

/// Seconds a service may take to become ready.
constexpr int kReadySeconds = 120;

std::string container_name(const ir::Step& step, const ir::Service& service) {
  std::string out = "slipway-";
  for (char c : step.id + "-" + service.alias)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
  return out;
}

}  // namespace

std::optional<ServiceSteps> lower_services(const ir::Step& step, BuildScope& scope) {
  if (step.services.empty()) return std::nullopt;
  ServiceSteps out;
  CbStep& start = out.start;
  start.id = step.id + ".services";
  start.name = scope.settings.docker_image;
  start.entrypoint = "bash";
  Wrapper words(start.id);  // only its positional words are used
  std::string program = "set -u\n";
  std::vector<std::pair<const ir::Service*, std::string>> started;
  for (const auto& svc : step.services) {
    std::string what = "service `" + svc.alias + "` of step `" + step.id + "`";
    bool bad = reject_output(svc.image, "the image of " + what, scope);
    for (const auto& c : svc.command) bad |= reject_output(c, "the command of " + what, scope);
    for (const auto& e : svc.env) bad |= reject_output(e.value, "the env of " + what, scope);
    if (svc.ready.kind == ir::Readiness::Kind::Command)
      for (const auto& c : svc.ready.command) bad |= reject_output(c, "the readiness check of " + what, scope);
    if (bad) continue;
    std::string name = container_name(step, svc);
    started.emplace_back(&svc, name);
    // A subshell exports the service's env under its own names for `-e NAME`.
    program += "(\n";
    std::string flags;
    for (const auto& e : svc.env) {
      std::string value;
      for (const auto& part : e.value.parts) {
        if (part.ref && part.ref->kind == ir::Ref::Kind::Secret) {
          std::set<std::string> taken;
          for (const auto& other : svc.env) taken.insert(other.name);
          std::string env = scope.secrets.use_indirect(part.ref->name, taken);
          if (std::find(start.secret_env.begin(), start.secret_env.end(), env) == start.secret_env.end())
            start.secret_env.push_back(env);
          value += "${" + env + "}";
        } else {
          value += words.word(scope.subs.part(part, e.value.span));
        }
      }
      program += "  export " + e.name + "=\"" + value + "\"\n";
      flags += " -e " + e.name;
    }
    program += "  docker run -d --name " + sh_quote(name) + " --network cloudbuild --network-alias " +
               sh_quote(svc.alias) + flags + " \"" + words.word(scope.subs.value(svc.image)) + "\"";
    for (const auto& c : svc.command) program += " \"" + words.word(scope.subs.value(c)) + "\"";
    program += " >/dev/null\n) || exit 1\n";
  }
  // Readiness after every container is started, so slow services start together.
  for (const auto& [svc, name] : started) {
    std::string probe;
    if (svc->ready.kind == ir::Readiness::Kind::TcpPort) {
      probe = "(exec 3<>/dev/tcp/" + svc->alias + "/" + std::to_string(svc->ready.port) + ") 2>/dev/null";
    } else if (svc->ready.kind == ir::Readiness::Kind::Command) {
      probe = "docker exec " + sh_quote(name);
      for (const auto& c : svc->ready.command) probe += " \"" + words.word(scope.subs.value(c)) + "\"";
      probe += " >/dev/null 2>&1";
    } else {
      continue;
    }
    program += "slipway_waited=0\n"
               "until " + probe + "; do\n"
               "  if [ \"$slipway_waited\" -ge " + std::to_string(kReadySeconds) + " ]; then\n"
               "    docker logs " + sh_quote(name) + " >&2\n"
               "    echo " + sh_quote("slipway: service " + svc->alias + " of step " + step.id + " is not ready after " +
                                      std::to_string(kReadySeconds) + "s") + " >&2\n"
               "    exit 1\n"
               "  fi\n"
               "  sleep 1\n"
               "  slipway_waited=$((slipway_waited + 1))\n"
               "done\n";
  }
  start.args = {"-c", escape_dollars(program), "slipway"};
  start.args.insert(start.args.end(), words.words().begin(), words.words().end());

  CbStep& stop = out.stop;
  stop.id = step.id + ".services-stop";
  stop.name = scope.settings.docker_image;
  stop.entrypoint = "docker";
  stop.args = {"rm", "-f"};
  for (const auto& [svc, name] : started) stop.args.push_back(name);
  return out;
}

}  // namespace slipway::backends::cloudbuild
