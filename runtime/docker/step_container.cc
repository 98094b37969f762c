#include "runtime/docker/step_container.h"

#include "runtime/docker/secret_delivery.h"
#include "runtime/engine/stream_demux.h"
#include "runtime/engine/tar.h"
#include "runtime/workspace.h"

namespace slipway::runtime::docker {
namespace {

StepOutcome error_outcome(std::string message) {
  StepOutcome out;
  out.status = StepOutcome::Status::Error;
  out.message = std::move(message);
  return out;
}

/// Removes the container when the attempt ends, however it ends.
struct ContainerGuard {
  engine::EngineClient& client;
  std::string id;
  ~ContainerGuard() {
    if (!id.empty()) (void)client.remove_container(id);
  }
};

StepOutcome attempt(RunResources& resources, const StepSpec& spec, const LogSink& log, const std::atomic<bool>& abort,
                    ServiceGroup& services, ContainerGuard& guard);

}  // namespace

std::string outputs_path(const StepSpec& spec) {
  return std::string("/workspace/") + kOutputsDir + "/" + spec.id + "." + std::to_string(spec.attempt);
}

void run_step_container(RunResources& resources, const StepSpec& spec, const LogSink& log,
                        const std::atomic<bool>& abort, const std::function<void(StepOutcome)>& finished) {
  // Declared first, destroyed last: removal happens after `finished`.
  ServiceGroup services(resources, spec, log);
  ContainerGuard guard{resources.client(), ""};
  finished(attempt(resources, spec, log, abort, services, guard));
}

namespace {

StepOutcome attempt(RunResources& resources, const StepSpec& spec, const LogSink& log, const std::atomic<bool>& abort,
                    ServiceGroup& services, ContainerGuard& guard) {
  auto& client = resources.client();
  auto image = resources.ensure_image(spec.image);
  if (!image) return error_outcome(image.error().message);

  engine::ContainerSpec c;
  if (!spec.services.empty()) {
    if (auto started = services.start(abort); !started) {
      if (abort) {
        StepOutcome out;
        out.status = StepOutcome::Status::Aborted;
        return out;
      }
      return error_outcome(started.error().message);
    }
    auto network = resources.network();
    if (!network) return error_outcome(network.error().message);
    c.network = network.value();
  }

  c.image = spec.image;
  c.labels = resources.labels("step", spec.id);
  c.working_dir = spec.workdir;
  c.mounts.push_back({resources.workspace_volume(), "/workspace"});
  for (const auto& [k, v] : spec.env) c.env.push_back(k + "=" + v);
  c.env.push_back("SLIPWAY_OUTPUTS=" + outputs_path(spec));
  c.env.push_back("SLIPWAY_STEP=" + spec.id);
  c.env.push_back("SLIPWAY_RUN_ID=" + resources.run_id());
  c.env.push_back("CI=true");

  std::vector<FileSpec> secret_files, plain_files;
  for (const auto& f : spec.files) (f.secret ? secret_files : plain_files).push_back(f);
  std::string stdin_script;
  if (!spec.secret_env.empty() || !secret_files.empty()) {
    // The real command: what the step sets, else the image's defaults.
    std::vector<std::string> argv = spec.entrypoint ? *spec.entrypoint : image->entrypoint;
    const std::vector<std::string>& args = spec.cmd ? *spec.cmd : spec.entrypoint ? std::vector<std::string>{} : image->cmd;
    argv.insert(argv.end(), args.begin(), args.end());
    auto delivery = deliver_secrets(argv, spec.secret_env, secret_files);
    if (!delivery) return error_outcome(delivery.error().message);
    c.entrypoint = delivery->entrypoint;
    c.cmd = delivery->cmd;
    c.open_stdin = true;
    c.tmpfs[kSecretsTmpfs] = "mode=1777";
    stdin_script = std::move(delivery->stdin_script);
  } else {
    c.entrypoint = spec.entrypoint;
    c.cmd = spec.cmd;
  }

  auto created = client.create_container(c);
  if (!created) return error_outcome("cannot create the container: " + created.error().describe());
  guard.id = created.value();
  const std::string& id = guard.id;

  if (!plain_files.empty()) {
    engine::TarWriter tar;
    for (const auto& f : plain_files) tar.add_file(f.path, f.content, 0644);
    if (auto put = client.put_archive(id, "/", tar.finish()); !put)
      return error_outcome("cannot place files: " + put.error().describe());
  }
  // Attach before start: nothing the process prints is lost.
  auto attached = client.attach(id, c.open_stdin);
  if (!attached) return error_outcome("cannot attach to the container: " + attached.error().describe());
  auto& stream = *attached.value();
  if (auto started = client.start_container(id); !started)
    return error_outcome("cannot start the container: " + started.error().describe());
  if (c.open_stdin) {
    if (!stream.write_all(stdin_script)) return error_outcome("cannot pass secrets to the container");
    stream.close_write();
  }

  engine::StreamDemux demux;
  std::vector<engine::StreamLine> lines;
  std::string buffer;
  bool killed = false;
  while (true) {
    buffer.clear();
    auto status = stream.read(buffer, 100);
    if (!buffer.empty()) {
      demux.feed(buffer, lines);
      for (auto& l : lines) log(l.stream, l.text);
      lines.clear();
    }
    if (status == engine::RawConnection::ReadStatus::Closed) break;
    if (abort && !killed) {
      killed = true;
      (void)client.kill_container(id);
    }
  }
  demux.finish(lines);
  for (auto& l : lines) log(l.stream, l.text);

  StepOutcome out;
  auto exit_code = client.wait_container(id);
  if (!exit_code) return error_outcome("lost the container: " + exit_code.error().describe());
  out.exit_code = exit_code.value();
  out.status = killed ? StepOutcome::Status::Aborted : StepOutcome::Status::Exited;
  if (!killed && out.exit_code == 0 && !spec.outputs.empty()) {
    auto archive = client.get_archive(id, outputs_path(spec));
    if (archive) {
      if (auto entries = engine::read_tar(archive.value()))
        for (const auto& e : *entries)
          if (e.type == engine::TarEntry::Type::File) {
            out.outputs_written = true;
            out.outputs_text = e.content;
          }
    } else if (archive.error().kind != engine::EngineError::Kind::NotFound) {
      return error_outcome("cannot read $SLIPWAY_OUTPUTS: " + archive.error().describe());
    }
  }
  return out;
}

}  // namespace
}  // namespace slipway::runtime::docker
