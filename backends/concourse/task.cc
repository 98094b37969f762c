#include "backends/concourse/task.h"

#include <algorithm>

#include "backends/concourse/image.h"
#include "backends/concourse/interpolation.h"
#include "backends/concourse/program.h"

namespace slipway::backends::concourse {
namespace {

Span span_or(const ir::Value& v, Span fallback) { return v.span.valid() ? v.span : fallback; }

bool holds_var_opening(const Text& text) {
  return std::any_of(text.pieces.begin(), text.pieces.end(),
                     [](const Piece& p) { return !p.variable && has_var_opening(p.text); });
}

/// A value the task's `run` or `params` can carry as written.
bool plain(const Text& text) { return text.literal() && !holds_var_opening(text); }

/// The operations that compose `text` in the accumulator (program.h).
void compose_ops(const Text& text, std::vector<std::string>& ops) {
  for (const auto& piece : text.pieces) {
    if (piece.variable) {
      ops.push_back("v");
      ops.push_back(piece.text);
      continue;
    }
    auto pieces = split_at_var_openings(piece.text);
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (i > 0) ops.push_back("p");
      if (pieces[i].empty()) continue;
      ops.push_back("t");
      ops.push_back(pieces[i]);
    }
  }
}

/// The task variable holding the registry credentials of Docker-in-Docker pulls.
constexpr const char* kDockerConfigVariable = "SLIPWAY_DOCKER_CONFIG";

bool is_absolute(const std::string& path) { return !path.empty() && path[0] == '/'; }

void check_supported(const ir::Step& step, Lowering& lowering) {
  Span decl = step.provenance.decl;
  if (step.manual) {
    lowering.error(DiagCode::E0561, step.manual->span.valid() ? step.manual->span : decl,
                   "step `" + step.id + "` cannot wait for approval on Concourse")
        .label("a Concourse job runs its plan without pausing; only whole jobs wait to be started by hand")
        .with_help("move the gated steps into a pipeline of their own and gate its use: `a -> b manual \"...\"`");
  }
  if (step.run_kind == ir::RunKind::None && step.entrypoint.empty()) {
    lowering.error(DiagCode::E0568, decl, "step `" + step.id + "` has no `run`, so its Concourse task has nothing to run")
        .label("a Concourse task runs `run.path`, never the image's default command")
        .with_help("write the image's command out: run [\"prog\", \"arg\"]");
  }
}

/// The step's image as the task program composes it. Literal images
/// become the task's `image_resource`; others make the step run in Docker.
Text image_text(const ir::Step& step, const SourceFacts& source, Lowering& lowering, Needs& needs) {
  return compose(step.image, step, source, lowering, needs, span_or(step.image, step.provenance.decl));
}

ImageResource literal_image(const ir::Step& step, const std::string& reference, Lowering& lowering) {
  if (has_var_opening(reference)) {
    lowering.error(DiagCode::E0566, span_or(step.image, step.provenance.decl),
                   "the image of step `" + step.id + "` holds `((`, which Concourse reads as a var")
        .label("Concourse interpolates `((...))` in every string and has no escape for it")
        .with_help("name the image without `((`");
  }
  return parse_image(reference);
}

/// E0562: the note that a step runs in a privileged Docker-in-Docker task, and why.
void note_docker_in_docker(const ir::Step& step, bool computed_image, Lowering& lowering) {
  Span at = !step.services.empty() && step.services.front().span.valid() ? step.services.front().span
            : computed_image ? span_or(step.image, step.provenance.decl)
                             : step.provenance.decl;
  Diagnostic d = Diagnostic::make(DiagCode::E0562, at,
                                  "on Concourse, step `" + step.id + "` runs in a privileged Docker-in-Docker task");
  d.label(!step.services.empty() ? "a Concourse task is one container; its services run beside the step in a Docker "
                                   "daemon inside the task"
                                 : "Concourse fetches a task's image before the task starts; this one is known only "
                                   "at run time, so the task pulls it into a Docker daemon of its own");
  d.with_help("the workers must allow privileged tasks; the task image is `" + lowering.settings.docker_image +
              "` (--set concourse.docker_image=IMAGE); it pulls " +
              (lowering.settings.docker_config.empty()
                   ? std::string("anonymously (--set concourse.docker_config=SECRET names a file secret with a "
                                 "Docker config.json)")
                   : "with the credentials in secret `" + lowering.settings.docker_config + "`"));
  lowering.diagnostics.push_back(std::move(d));
}

/// The run words: entrypoint and argv, or a shell running the script.
std::vector<Text> run_words(const ir::Step& step, const SourceFacts& source, Lowering& lowering, Needs& needs) {
  std::vector<Text> words;
  Span decl = step.provenance.decl;
  for (const auto& e : step.entrypoint) words.push_back(compose(e, step, source, lowering, needs, span_or(e, decl)));
  if (step.run_kind == ir::RunKind::Argv) {
    for (const auto& a : step.argv) words.push_back(compose(a, step, source, lowering, needs, span_or(a, decl)));
  } else if (step.run_kind == ir::RunKind::Script) {
    bool ends_with_c = !step.entrypoint.empty() && words.back().literal() && words.back().literal_text() == "-c";
    if (step.entrypoint.empty()) words.push_back(Text{{{false, "sh"}}});
    if (!ends_with_c) words.push_back(Text{{{false, "-c"}}});
    words.push_back(Text{{{false, step.script}}});
  }
  return words;
}

}  // namespace

std::string concourse_duration(int64_t milliseconds) {
  if (milliseconds % 1000 != 0) return std::to_string(milliseconds) + "ms";
  int64_t seconds = milliseconds / 1000;
  std::string out;
  if (seconds / 3600) out += std::to_string(seconds / 3600) + "h";
  if (seconds / 60 % 60) out += std::to_string(seconds / 60 % 60) + "m";
  if (seconds % 60 || out.empty()) out += std::to_string(seconds % 60) + "s";
  return out;
}

PlanStep lower_task(const ir::Step& step, const ir::Instance& instance, const SourceFacts& source,
                    Lowering& lowering) {
  PlanStep out;
  out.kind = PlanStep::Kind::Task;
  Task& task = out.task;
  task.name = identifier(step.id.size() > instance.name.size() ? step.id.substr(instance.name.size() + 1) : step.id);
  check_supported(step, lowering);
  Span decl = step.provenance.decl;

  Needs needs;
  Text image = image_text(step, source, lowering, needs);
  bool in_docker = !step.services.empty() || !image.literal();
  if (in_docker) {
    note_docker_in_docker(step, !image.literal(), lowering);
    task.image = parse_image(lowering.settings.docker_image);
    task.privileged = true;
  } else {
    task.image = literal_image(step, image.literal_text(), lowering);
  }
  struct ServiceText {
    const ir::Service* service;
    Text image;
    std::vector<std::pair<std::string, Text>> env;
    std::vector<Text> command, probe;
  };
  std::vector<ServiceText> services;
  for (const auto& svc : step.services) {
    Span at = svc.span.valid() ? svc.span : decl;
    ServiceText t{&svc, compose(svc.image, step, source, lowering, needs, span_or(svc.image, at)), {}, {}, {}};
    for (const auto& e : svc.env)
      t.env.push_back({e.name, compose(e.value, step, source, lowering, needs, e.span.valid() ? e.span : at)});
    for (const auto& c : svc.command) t.command.push_back(compose(c, step, source, lowering, needs, span_or(c, at)));
    for (const auto& c : svc.ready.command) t.probe.push_back(compose(c, step, source, lowering, needs, span_or(c, at)));
    services.push_back(std::move(t));
  }
  std::vector<Text> words = run_words(step, source, lowering, needs);
  struct EnvText {
    std::string name;
    Text value;
  };
  std::vector<EnvText> env;
  for (const auto& e : step.env)
    env.push_back({e.name, compose(e.value, step, source, lowering, needs, e.span.valid() ? e.span : decl)});
  struct FileText {
    Text path, content;
    bool secret;
  };
  std::vector<FileText> files;
  for (const auto& f : step.files)
    files.push_back({Text{{{false, f.path}}}, compose(f.value, step, source, lowering, needs, f.span.valid() ? f.span : decl),
                     f.secret});
  std::optional<Text> workdir;
  if (step.workdir) workdir = compose(*step.workdir, step, source, lowering, needs, span_or(*step.workdir, decl));
  auto dir = lowering.value_dirs.find(step.id);
  bool produces = dir != lowering.value_dirs.end() && !step.outputs.empty();
  // Outputs no step reads are still written by the step and still checked,
  // as on every other target; they are just not kept.
  bool checks_outputs = !step.outputs.empty();

  // An env var that is exactly one credential or build-local var takes it
  // straight from the step's `params`, as Concourse intends.
  auto reference_of = [&](const Text& t) -> const std::string* {
    if (t.pieces.size() != 1 || !t.pieces[0].variable) return nullptr;
    for (const auto& [v, ref] : needs.step_params)
      if (v == t.pieces[0].text) return &ref;
    return nullptr;
  };
  std::vector<std::string> used;  // helper variables the program reads
  auto note_use = [&](const Text& t) {
    for (const auto& p : t.pieces)
      if (p.variable) used.push_back(p.text);
  };
  bool wrapped = in_docker || !files.empty() || checks_outputs || needs.sha || needs.tag || !needs.hook_reads.empty();
  for (const auto& w : words) wrapped |= !plain(w);
  if (workdir) wrapped |= !plain(*workdir) || is_absolute(workdir->literal_text());
  if (!words.empty() && step.run_kind == ir::RunKind::Argv) {
    // `run.path` with a slash is resolved against the task's start directory,
    // not `run.dir`: such a command runs through the program, after `cd`.
    std::string first = words.front().literal_text();
    wrapped |= first.find('/') != std::string::npos && !is_absolute(first);
  }
  for (const auto& e : env) wrapped |= !plain(e.value) && !reference_of(e.value);

  task.inputs.push_back(kSourceArtifact);
  for (const auto& d : needs.hook_inputs) task.inputs.push_back(d);
  task.outputs.push_back(kSourceArtifact);
  if (produces) task.outputs.push_back(dir->second);

  std::vector<std::string> ops;
  for (const auto& e : env) {
    if (plain(e.value)) {
      task.config_params.push_back({e.name, e.value.literal_text()});
    } else if (const std::string* ref = reference_of(e.value)) {
      task.step_params.push_back({e.name, *ref});
    }
  }
  if (wrapped) {
    ops = {"n", step.id};
    if (needs.sha) ops.push_back("g");
    if (needs.tag) ops.push_back("T");
    for (const auto& [variable, file] : needs.hook_reads) {
      ops.insert(ops.end(), {"F", variable, file});
    }
    if (checks_outputs) ops.insert(ops.end(), {"O", produces ? dir->second : ".slipway-outputs"});
    if (in_docker) {
      ops.push_back("D");
      if (auto credential = lowering.credentials.find(lowering.settings.docker_config);
          credential != lowering.credentials.end()) {
        needs.add_param(kDockerConfigVariable, "((" + credential->second + "))");
        used.push_back(kDockerConfigVariable);
        ops.insert(ops.end(), {"K", kDockerConfigVariable});
      }
      for (const auto& svc : services) {
        compose_ops(svc.image, ops);
        note_use(svc.image);
        ops.push_back("i");
        for (const auto& [name, value] : svc.env) {
          compose_ops(value, ops);
          note_use(value);
          ops.insert(ops.end(), {"k", name});
        }
        for (const auto& c : svc.command) {
          compose_ops(c, ops);
          note_use(c);
          ops.push_back("c");
        }
        ops.insert(ops.end(), {"S", svc.service->alias});
      }
      // Readiness once every service is started, so slow ones start together.
      for (const auto& svc : services) {
        const ir::Readiness& ready = svc.service->ready;
        if (ready.kind == ir::Readiness::Kind::TcpPort) {
          ops.insert(ops.end(), {"R", svc.service->alias, std::to_string(ready.port)});
        } else if (ready.kind == ir::Readiness::Kind::Command) {
          for (const auto& c : svc.probe) {
            compose_ops(c, ops);
            note_use(c);
            ops.push_back("c");
          }
          ops.insert(ops.end(), {"Q", svc.service->alias});
        }
      }
      compose_ops(image, ops);
      note_use(image);
      ops.push_back("i");
      // Env that Concourse sets on the task itself reaches the step's container by name.
      for (const auto& e : env)
        if (plain(e.value) || reference_of(e.value)) ops.insert(ops.end(), {"E", e.name});
    }
    for (const auto& f : files) {
      compose_ops(f.path, ops);
      ops.push_back("f");
      compose_ops(f.content, ops);
      note_use(f.content);
      ops.push_back(f.secret ? "W" : "w");
    }
    for (const auto& e : env) {
      if (plain(e.value) || reference_of(e.value)) continue;
      compose_ops(e.value, ops);
      note_use(e.value);
      ops.insert(ops.end(), {"e", e.name});
    }
    for (const auto& s : needs.secret_variables)
      if (std::find(used.begin(), used.end(), s) != used.end()) ops.insert(ops.end(), {"u", s});
    Text cd{{{false, workdir && is_absolute(workdir->literal_text()) ? "" : std::string(kSourceArtifact) + (workdir ? "/" : "")}}};
    if (workdir)
      for (const auto& p : workdir->pieces) cd.pieces.push_back(p);
    note_use(cd);
    compose_ops(cd, ops);
    ops.push_back("d");
    for (const auto& w : words) {
      compose_ops(w, ops);
      note_use(w);
      ops.push_back("c");
    }
    ops.push_back("r");
    for (const auto& o : step.outputs) ops.insert(ops.end(), {"x", o.name, ir::type_name(o.type)});
    task.path = "sh";
    task.args = {"-c", task_program(in_docker), "slipway"};
    task.args.insert(task.args.end(), ops.begin(), ops.end());
  } else if (!words.empty()) {
    task.path = words.front().literal_text();
    for (size_t i = 1; i < words.size(); ++i) task.args.push_back(words[i].literal_text());
    task.dir = std::string(kSourceArtifact) + (workdir ? "/" + workdir->literal_text() : "");
  }
  for (const auto& [variable, ref] : needs.step_params)
    if (std::find(used.begin(), used.end(), variable) != used.end()) task.step_params.push_back({variable, ref});
  // Step params missing from the task config make Concourse warn; declare them.
  for (const auto& p : task.step_params) task.config_params.push_back({p.name, ""});

  if (step.timeout_ms) out.timeout = concourse_duration(*step.timeout_ms);
  if (step.retry > 0) out.attempts = step.retry + 1;
  return out;
}

}  // namespace slipway::backends::concourse
