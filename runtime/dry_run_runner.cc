#include "runtime/dry_run_runner.h"

namespace slipway::runtime {
namespace {

std::string quote_if_needed(const std::string& s) {
  bool plain = !s.empty() && s.find_first_of(" \t\n'\"\\$`") == std::string::npos;
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string join_argv(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + quote_if_needed(a);
  return out;
}

std::string invented(const std::string& step, const std::string& name, const std::string& type) {
  if (type == "int") return "0";
  if (type == "bool") return "false";
  if (type == "duration") return "1s";
  return "<dry-run: " + step + "." + name + ">";
}

}  // namespace

std::vector<std::string> DryRunRunner::describe(const StepSpec& spec) {
  std::vector<std::string> lines;
  lines.push_back("would run image " + spec.image + " in " + spec.workdir);
  bool script = spec.entrypoint && spec.cmd &&
                (spec.cmd->size() == 1 || (spec.cmd->size() == 2 && (*spec.cmd)[0] == "-c"));
  if (script) {
    std::vector<std::string> head = *spec.entrypoint;
    if (spec.cmd->size() == 2) head.push_back("-c");
    lines.push_back("  command: " + join_argv(head) + " SCRIPT, where SCRIPT is:");
    const std::string& text = spec.cmd->back();
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      lines.push_back("    " + text.substr(pos, end - pos));
      pos = end + 1;
    }
  } else {
    std::vector<std::string> argv;
    if (spec.entrypoint) argv = *spec.entrypoint;
    if (spec.cmd) argv.insert(argv.end(), spec.cmd->begin(), spec.cmd->end());
    lines.push_back("  command: " + (argv.empty() ? std::string("(the image's default)") : join_argv(argv)));
  }
  for (const auto& [k, v] : spec.env) lines.push_back("  env " + k + "=" + v);
  for (const auto& [k, v] : spec.secret_env) lines.push_back("  env " + k + "=*** (secret, via stdin)");
  for (const auto& f : spec.files)
    lines.push_back("  file " + f.path + (f.secret ? " (secret, on tmpfs)" : " (" + std::to_string(f.content.size()) + " bytes)"));
  for (const auto& s : spec.services) {
    std::string ready = s.ready == ServiceSpec::Ready::TcpPort   ? ", ready when port " + std::to_string(s.port) + " answers"
                        : s.ready == ServiceSpec::Ready::Command ? ", ready when `" + join_argv(s.ready_command) + "` succeeds"
                                                                 : "";
    lines.push_back("  service " + s.alias + ": image " + s.image +
                    (s.command.empty() ? "" : ", command " + join_argv(s.command)) + ready);
  }
  for (const auto& [name, type] : spec.outputs) lines.push_back("  output " + name + ": " + type);
  return lines;
}

StepHandle DryRunRunner::start(const StepSpec& spec) {
  StepHandle handle = next_++;
  for (auto& line : describe(spec)) {
    RunnerEvent e;
    e.kind = RunnerEvent::Kind::Log;
    e.handle = handle;
    e.line = std::move(line);
    events_.push_back(std::move(e));
  }
  RunnerEvent done;
  done.kind = RunnerEvent::Kind::Finished;
  done.handle = handle;
  done.outcome.status = StepOutcome::Status::Exited;
  done.outcome.exit_code = 0;
  done.outcome.outputs_written = true;
  for (const auto& [name, type] : spec.outputs) done.outcome.outputs_text += name + "=" + invented(spec.id, name, type) + "\n";
  events_.push_back(std::move(done));
  return handle;
}

std::vector<RunnerEvent> DryRunRunner::poll(std::chrono::milliseconds max_wait) {
  (void)max_wait;
  std::vector<RunnerEvent> out(std::make_move_iterator(events_.begin()), std::make_move_iterator(events_.end()));
  events_.clear();
  return out;
}

}  // namespace slipway::runtime
