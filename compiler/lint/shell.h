#pragma once
// A small POSIX-shell reader for lint rules: enough structure to see the
// commands of a CI script (words with quotes removed, the operator that joins
// each command to the next) and where `${SLIPWAY_*}` expansions sit. It never
// executes anything and never fails: odd input gives odd but bounded output.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::lint {

/// One word of a command: its text with quotes and escapes removed, and its
/// byte range in the text that was read.
struct ShellWord {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
};

/// A simple command and the operator after it: "|", "||", "&&", ";", "&",
/// "(" / ")" (subshell edges), "\n" (end of line) or "" (end of text).
struct ShellCommand {
  std::vector<ShellWord> words;
  std::string op;
  bool in_substitution = false;  ///< inside `$(...)` or backticks
};

/// A `${NAME}` expansion and the quoting around it.
struct ShellExpansion {
  std::string name;
  size_t begin = 0;          ///< offset of `$`
  bool quoted = false;       ///< inside "..." or a here-document: not split
  bool assignment = false;   ///< the value of NAME=..., not split either
  bool test_or_case = false; ///< inside [[ ]] or the word after `case`
};

struct ShellScript {
  std::vector<ShellCommand> commands;  ///< in text order; substitutions after their command
  std::vector<ShellExpansion> expansions;
};

/// Reads `text` as a shell script.
[[nodiscard]] ShellScript read_shell(std::string_view text);

/// Index of the word that names the program run by `command`, skipping
/// assignments (`A=b`), `sudo` and its options, `env`, `exec`, `command`,
/// `time`, `nohup`, `!`, `{` and shell keywords such as `then` and `do`;
/// command.words.size() when there is none.
size_t program_index(const ShellCommand& command);

/// The file name of the program run by `command` ("curl" for /usr/bin/curl);
/// empty when there is none.
std::string_view program_name(const ShellCommand& command);

/// True for words that name a shell or a script interpreter (sh, bash, dash,
/// zsh, ash, ksh, python, python3, perl, ruby, node).
bool is_interpreter(std::string_view program);

/// True for `sh`, `bash` and the other POSIX-like shells.
bool is_shell(std::string_view program);

/// True when `word` is a cluster of short options (`-fsSL`) containing `flag`.
bool has_short_flag(std::string_view word, char flag);

}  // namespace slipway::lint
