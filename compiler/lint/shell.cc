#include "compiler/lint/shell.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace slipway::lint {
namespace {

// Substitutions nest; deeper than this is read as plain text (bounded stack).
constexpr int kMaxDepth = 16;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// True when `text` so far is `NAME=` or `NAME+=` (an assignment's value follows).
bool is_assignment_prefix(std::string_view text) {
  if (text.empty() || !is_name_start(text[0])) return false;
  size_t i = 1;
  while (i < text.size() && is_name_char(text[i])) ++i;
  if (i < text.size() && text[i] == '+') ++i;
  return i + 1 == text.size() && text[i] == '=';
}

class Reader {
 public:
  Reader(std::string_view text, size_t base, bool nested, int depth, ShellScript& out)
      : t_(text), base_(base), nested_(nested), depth_(depth), out_(out) {
    cmd_.in_substitution = nested_;
  }

  void run() {
    const size_t n = t_.size();
    while (i_ < n) {
      if (in_word_) word_.end = base_ + i_;
      char c = t_[i_];
      char next = i_ + 1 < n ? t_[i_ + 1] : '\0';
      switch (c) {
        case '\\':
          if (next == '\n') { i_ += 2; continue; }  // line continuation
          start_word();
          if (i_ + 1 < n) word_.text += next;
          i_ += 2;
          continue;
        case '\n':
          end_command("\n");
          ++i_;
          skip_heredocs();
          continue;
        case ' ': case '\t': case '\r':
          end_word();
          ++i_;
          continue;
        case '#':
          if (in_word_) break;
          while (i_ < n && t_[i_] != '\n') ++i_;
          continue;
        case '\'': {
          start_word();
          size_t close = t_.find('\'', i_ + 1);
          if (close == std::string_view::npos) close = n;
          word_.text.append(t_.substr(i_ + 1, close - i_ - 1));
          i_ = std::min(close + 1, n);
          continue;
        }
        case '"':
          start_word();
          read_double_quoted();
          continue;
        case '`': {
          start_word();
          size_t close = i_ + 1;
          while (close < n && t_[close] != '`') close += t_[close] == '\\' ? 2 : 1;
          close = std::min(close, n);
          substitution(i_ + 1, close);
          word_.text.append(t_.substr(i_, std::min(close + 1, n) - i_));
          i_ = std::min(close + 1, n);
          continue;
        }
        case '$':
          start_word();
          dollar(/*quoted=*/false);
          continue;
        case '|':
          end_command(next == '|' ? "||" : "|");
          i_ += (next == '|' || next == '&') ? 2 : 1;
          continue;
        case '&':
          // `2>&1` and `&>file` are redirections, not operators.
          if ((in_word_ && !word_.text.empty() && (word_.text.back() == '>' || word_.text.back() == '<')) ||
              next == '>') {
            break;
          }
          end_command(next == '&' ? "&&" : "&");
          i_ += next == '&' ? 2 : 1;
          continue;
        case ';':
          end_command(next == ';' ? ";;" : ";");
          i_ += next == ';' ? 2 : 1;
          continue;
        case '(': case ')':
          end_command(std::string(1, c));
          ++i_;
          continue;
        case '<':
          if (next == '<' && (i_ + 2 >= n || t_[i_ + 2] != '<')) {
            heredoc();
            continue;
          }
          break;
        default:
          break;
      }
      start_word();
      word_.text += c;
      ++i_;
    }
    if (in_word_) word_.end = base_ + std::min(i_, n);
    end_command("");
  }

 private:
  void start_word() {
    if (in_word_) return;
    in_word_ = true;
    word_ = ShellWord{"", base_ + i_, base_ + i_};
  }

  void end_word() {
    if (!in_word_) return;
    in_word_ = false;
    cmd_.words.push_back(std::move(word_));
    word_ = ShellWord{};
  }

  void end_command(std::string op) {
    end_word();
    if (!cmd_.words.empty() || (op != "\n" && !op.empty())) {
      cmd_.op = std::move(op);
      out_.commands.push_back(std::move(cmd_));
    }
    cmd_ = ShellCommand{};
    cmd_.in_substitution = nested_;
    for (auto& c : pending_) out_.commands.push_back(std::move(c));
    pending_.clear();
  }

  /// Reads the commands of `$(...)` or backticks between [from, to).
  void substitution(size_t from, size_t to) {
    if (depth_ >= kMaxDepth || to <= from) return;
    ShellScript inner;
    Reader reader(t_.substr(from, to - from), base_ + from, true, depth_ + 1, inner);
    reader.run();
    for (auto& c : inner.commands) pending_.push_back(std::move(c));
    for (auto& e : inner.expansions) out_.expansions.push_back(std::move(e));
  }

  /// Index of the `)` that closes the `(` at `open`, or the text's end.
  size_t matching_paren(size_t open) const {
    int depth = 0;
    for (size_t j = open; j < t_.size(); ++j) {
      char c = t_[j];
      if (c == '\\') { ++j; continue; }
      if (c == '\'') { j = t_.find('\'', j + 1); if (j == std::string_view::npos) return t_.size(); continue; }
      if (c == '"') {
        for (++j; j < t_.size() && t_[j] != '"'; ++j) if (t_[j] == '\\') ++j;
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return j;
    }
    return t_.size();
  }

  /// At a `$`: a substitution, an expansion `${...}`, or a plain `$`.
  void dollar(bool quoted) {
    const size_t n = t_.size();
    char next = i_ + 1 < n ? t_[i_ + 1] : '\0';
    if (next == '(') {
      size_t close = matching_paren(i_ + 1);
      bool arithmetic = i_ + 2 < n && t_[i_ + 2] == '(';
      if (!arithmetic) substitution(i_ + 2, close);
      word_.text.append(t_.substr(i_, std::min(close + 1, n) - i_));
      i_ = std::min(close + 1, n);
      return;
    }
    if (next == '{') {
      size_t close = t_.find('}', i_ + 2);
      if (close == std::string_view::npos) close = n;
      std::string_view inside = t_.substr(i_ + 2, close - i_ - 2);
      size_t len = 0;
      while (len < inside.size() && is_name_char(inside[len])) ++len;
      ShellExpansion e;
      e.name = std::string(inside.substr(0, len));
      e.begin = base_ + i_;
      e.quoted = quoted;
      e.assignment = !quoted && is_assignment_prefix(word_.text);
      e.test_or_case = (!cmd_.words.empty() && cmd_.words[0].text == "[[") ||
                       (cmd_.words.size() == 1 && cmd_.words[0].text == "case");
      out_.expansions.push_back(std::move(e));
      word_.text.append(t_.substr(i_, std::min(close + 1, n) - i_));
      i_ = std::min(close + 1, n);
      return;
    }
    word_.text += '$';
    ++i_;
  }

  void read_double_quoted() {
    const size_t n = t_.size();
    ++i_;  // the opening quote
    while (i_ < n && t_[i_] != '"') {
      char c = t_[i_];
      if (c == '\\' && i_ + 1 < n) {
        char e = t_[i_ + 1];
        if (e == '\n') { i_ += 2; continue; }
        if (e == '"' || e == '\\' || e == '$' || e == '`') word_.text += e;
        else { word_.text += '\\'; word_.text += e; }
        i_ += 2;
        continue;
      }
      if (c == '$') { dollar(/*quoted=*/true); continue; }
      if (c == '`') {
        size_t close = i_ + 1;
        while (close < n && t_[close] != '`') close += t_[close] == '\\' ? 2 : 1;
        close = std::min(close, n);
        substitution(i_ + 1, close);
        word_.text.append(t_.substr(i_, std::min(close + 1, n) - i_));
        i_ = std::min(close + 1, n);
        continue;
      }
      word_.text += c;
      ++i_;
    }
    i_ = std::min(i_ + 1, n);  // the closing quote
  }

  /// `<<WORD` or `<<-WORD`: the body starts on the next line; remember the
  /// delimiter so the body is skipped there.
  void heredoc() {
    const size_t n = t_.size();
    end_word();
    i_ += 2;
    bool strip_tabs = i_ < n && t_[i_] == '-';
    if (strip_tabs) ++i_;
    while (i_ < n && (t_[i_] == ' ' || t_[i_] == '\t')) ++i_;
    std::string delimiter;
    while (i_ < n && t_[i_] != ' ' && t_[i_] != '\t' && t_[i_] != '\n' && t_[i_] != ';' && t_[i_] != '|' &&
           t_[i_] != '&' && t_[i_] != ')') {
      if (t_[i_] != '\'' && t_[i_] != '"' && t_[i_] != '\\') delimiter += t_[i_];
      ++i_;
    }
    if (!delimiter.empty()) heredocs_.push_back({delimiter, strip_tabs});
  }

  void skip_heredocs() {
    const size_t n = t_.size();
    for (const auto& [delimiter, strip_tabs] : heredocs_) {
      while (i_ < n) {
        size_t eol = t_.find('\n', i_);
        if (eol == std::string_view::npos) eol = n;
        std::string_view line = t_.substr(i_, eol - i_);
        if (strip_tabs) while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        i_ = std::min(eol + 1, n);
        if (line == delimiter) break;
      }
    }
    heredocs_.clear();
  }

  std::string_view t_;
  size_t base_;
  bool nested_;
  int depth_;
  ShellScript& out_;
  size_t i_ = 0;
  ShellCommand cmd_;
  ShellWord word_;
  bool in_word_ = false;
  std::vector<ShellCommand> pending_;
  std::vector<std::pair<std::string, bool>> heredocs_;
};

bool is_assignment(std::string_view word) {
  size_t eq = word.find('=');
  if (eq == std::string_view::npos || eq == 0 || !is_name_start(word[0])) return false;
  for (size_t i = 1; i < eq; ++i) if (!is_name_char(word[i])) return false;
  return true;
}

}  // namespace

ShellScript read_shell(std::string_view text) {
  ShellScript out;
  Reader reader(text, 0, false, 0, out);
  reader.run();
  return out;
}

size_t program_index(const ShellCommand& command) {
  static constexpr std::array<std::string_view, 16> kPrefixes = {
      "exec", "command", "builtin", "time", "nohup", "!", "{", "then", "do", "else",
      "elif", "if", "while", "until", "nice", "stdbuf"};
  const auto& w = command.words;
  size_t i = 0;
  while (i < w.size()) {
    std::string_view word = w[i].text;
    if (is_assignment(word)) { ++i; continue; }
    if (std::find(kPrefixes.begin(), kPrefixes.end(), word) != kPrefixes.end()) { ++i; continue; }
    if (word == "sudo" || word == "env") {
      ++i;
      while (i < w.size() && (w[i].text.rfind("-", 0) == 0 || (word == "env" && is_assignment(w[i].text)))) {
        std::string_view option = w[i].text;
        ++i;
        // sudo options that take a value: -u USER, -g GROUP, -C N, -D DIR, -h HOST, -p PROMPT.
        if (word == "sudo" && option.size() == 2 && std::string_view("ugCDhpU").find(option[1]) != std::string_view::npos)
          ++i;
      }
      continue;
    }
    return i;
  }
  return w.size();
}

std::string_view program_name(const ShellCommand& command) {
  size_t i = program_index(command);
  if (i >= command.words.size()) return {};
  std::string_view word = command.words[i].text;
  size_t slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

bool is_shell(std::string_view program) {
  static constexpr std::array<std::string_view, 7> kShells = {"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh"};
  return std::find(kShells.begin(), kShells.end(), program) != kShells.end();
}

bool is_interpreter(std::string_view program) {
  static constexpr std::array<std::string_view, 7> kOthers = {"python", "python3", "python2", "perl", "ruby",
                                                              "node", "php"};
  return is_shell(program) || std::find(kOthers.begin(), kOthers.end(), program) != kOthers.end();
}

bool has_short_flag(std::string_view word, char flag) {
  if (word.size() < 2 || word[0] != '-' || word[1] == '-') return false;
  for (size_t i = 1; i < word.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(word[i]))) return false;
  return word.find(flag, 1) != std::string_view::npos;
}

}  // namespace slipway::lint
