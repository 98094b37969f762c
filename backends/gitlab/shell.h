#pragma once
// POSIX shell quoting for the scripts GitLab runs (bash or sh, whichever the
// image has). Quoted text is never expanded by the shell.

#include <string>

namespace slipway::backends::gitlab {

/// `text` as one shell word: as is when it holds only characters no shell
/// treats specially (`bin/app`, `--flag`), else single-quoted: `it's` →
/// `'it'\''s'`.
std::string shell_quote(const std::string& text);

/// A shell word that expands variable `name` exactly once: `"$NAME"`.
std::string shell_var(const std::string& name);

}  // namespace slipway::backends::gitlab
