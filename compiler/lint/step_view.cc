#include <algorithm>

#include "compiler/lint/rule.h"

namespace slipway::lint {

std::string value_text(const ir::Value& value) {
  std::string out;
  for (const auto& part : value.parts) {
    if (!part.ref) {
      out += part.text;
      continue;
    }
    const ir::Ref& ref = *part.ref;
    switch (ref.kind) {
      case ir::Ref::Kind::Context: out += "${" + ir::context_name(ref.context) + "}"; break;
      case ir::Ref::Kind::Output: out += "${" + ref.step + "." + ref.name + "}"; break;
      default: out += "${" + ref.name + "}"; break;
    }
  }
  return out;
}

namespace {

/// Adds the commands of `script` (the text of an argv item) to `out`.
void add_script(std::string text, Span where, std::vector<Command>& out,
                std::vector<std::unique_ptr<std::string>>& texts) {
  texts.push_back(std::make_unique<std::string>(std::move(text)));
  const std::string* stored = texts.back().get();
  for (auto& command : read_shell(*stored).commands) out.push_back(Command{std::move(command), stored, where, {}});
}

/// The index of the script in `sh [options] -c SCRIPT`, or npos.
size_t shell_c_script(const ShellCommand& command) {
  size_t program = program_index(command);
  if (program >= command.words.size() || !is_shell(program_name(command))) return std::string::npos;
  for (size_t i = program + 1; i + 1 < command.words.size(); ++i) {
    const std::string& word = command.words[i].text;
    if (word.empty() || word[0] != '-') break;
    if (has_short_flag(word, 'c')) return i + 1;
  }
  return std::string::npos;
}

/// The commands of an argv (one command), plus the script of `sh -c SCRIPT`
/// when the argv runs a shell that way.
void argv_commands(const std::vector<ir::Value>& argv, std::vector<Command>& out,
                   std::vector<std::unique_ptr<std::string>>& texts) {
  if (argv.empty()) return;
  Command command;
  for (const auto& item : argv) {
    command.shell.words.push_back(ShellWord{value_text(item), 0, 0});
    command.word_spans.push_back(item.span);
  }
  command.where = argv.front().span;
  if (argv.back().span.file == command.where.file) command.where.end = argv.back().span.end;
  size_t script = shell_c_script(command.shell);
  out.push_back(command);
  if (script != std::string::npos) add_script(command.shell.words[script].text, argv[script].span, out, texts);
}

}  // namespace

void StepView::read() const {
  if (read_) return;
  read_ = true;
  if (step_.run_kind == ir::RunKind::Script) {
    script_ = read_shell(step_.script);
    Span where = run_span();
    for (const auto& command : script_->commands) commands_.push_back(Command{command, &step_.script, where, {}});
    return;
  }
  if (step_.run_kind != ir::RunKind::Argv) return;
  // `entrypoint ["sh", "-c"]` with an argv: the first item is a script.
  if (!step_.entrypoint.empty() && !step_.argv.empty()) {
    Command entry;
    for (const auto& item : step_.entrypoint) entry.shell.words.push_back(ShellWord{value_text(item), 0, 0});
    const auto& words = entry.shell.words;
    bool shell_c = is_shell(program_name(entry.shell)) &&
                   std::any_of(words.begin() + 1, words.end(), [](const ShellWord& w) { return has_short_flag(w.text, 'c'); });
    if (shell_c) {
      add_script(value_text(step_.argv.front()), step_.argv.front().span, commands_, texts_);
      return;
    }
  }
  argv_commands(step_.argv, commands_, texts_);
}

const std::vector<Command>& StepView::commands() const {
  read();
  return commands_;
}

const ShellScript* StepView::script() const {
  read();
  return script_ ? &*script_ : nullptr;
}

Span StepView::run_span() const {
  auto span = index_.property_span(step_, &ast::StepBody::run);
  return span ? *span : step_.provenance.decl;
}

bool StepView::receives_secret() const {
  return std::any_of(step_.env.begin(), step_.env.end(), [](const auto& e) { return e.secret; }) ||
         std::any_of(step_.files.begin(), step_.files.end(), [](const auto& f) { return f.secret; });
}

Span StepView::span_of(const Command& command, size_t word) const {
  const auto& words = command.shell.words;
  if (!command.word_spans.empty()) return word < command.word_spans.size() ? command.word_spans[word] : command.where;
  if (!command.text || words.empty()) return command.where;
  std::string_view text = *command.text;
  size_t begin = std::min(words.front().begin, text.size());
  size_t end = std::min(words.back().end, text.size());
  Span whole = index_.find(command.where, text.substr(begin, end > begin ? end - begin : 0));
  if (word >= words.size()) return whole;
  const ShellWord& w = words[word];
  size_t wb = std::min(w.begin, text.size());
  size_t we = std::min(w.end, text.size());
  return index_.find(whole, text.substr(wb, we > wb ? we - wb : 0));
}

Diagnostic& LintContext::report(const RuleInfo& rule, Span at, std::string message) {
  Diagnostic diagnostic = Diagnostic::make(DiagCode::L0001, at, std::move(message));
  diagnostic.rule = std::string(rule.name);
  diagnostic.severity = rule.default_severity;
  out_.push_back(std::move(diagnostic));
  return out_.back();
}

}  // namespace slipway::lint
