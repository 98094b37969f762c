#include "compiler/diag/render_human.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>

namespace slipway {

namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kYellow = "\x1b[1;33m";
constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kBlue = "\x1b[1;34m";

const char* severity_style(Severity severity) {
  switch (severity) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Note: return kGreen;
  }
  return kRed;
}

/// Wraps text in an SGR sequence when colour is on; otherwise returns it as is.
class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(std::string_view text, const char* style) const {
    if (!color_ || text.empty()) return std::string(text);
    return std::string(style) + std::string(text) + kReset;
  }

 private:
  bool color_;
};

/// One underlined span on a snippet line.
struct Mark {
  Span span;
  std::string_view message;
  bool primary = false;
};

/// One source line shown with the marks that begin on it.
struct Snippet {
  FileId file = kNoFile;
  uint32_t line = 0;
  SourcePos header;  ///< the location printed after `-->` or `:::`
  std::vector<Mark> marks;
};

/// Where a diagnostic's spans go: snippets (the primary's first when it has a
/// location, the rest by file and line) and labels that have no location.
struct Layout {
  bool primary_shown = false;
  std::vector<Snippet> snippets;
  std::vector<std::string_view> unplaced;
  size_t gutter = 1;
};

bool locatable(const SourceManager& sources, const Span& span) {
  return span.valid() && span.file < sources.size();
}

Layout lay_out(const SourceManager& sources, const Diagnostic& diag) {
  Layout layout;
  auto place = [&](const Span& span, std::string_view message, bool primary) {
    for (Snippet& snippet : layout.snippets) {
      if (snippet.file == span.file && snippet.line == span.begin.line) {
        snippet.marks.push_back({span, message, primary});
        return;
      }
    }
    layout.snippets.push_back({span.file, span.begin.line, span.begin, {{span, message, primary}}});
  };
  layout.primary_shown = locatable(sources, diag.primary);
  if (layout.primary_shown) place(diag.primary, diag.primary_label, true);
  for (const Label& label : diag.secondary) {
    if (locatable(sources, label.span)) {
      place(label.span, label.message, false);
    } else {
      layout.unplaced.push_back(label.message);
    }
  }
  auto others = layout.snippets.begin() + (layout.primary_shown ? 1 : 0);
  std::stable_sort(others, layout.snippets.end(), [](const Snippet& a, const Snippet& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  uint32_t widest = 0;
  for (size_t i = 0; i < layout.snippets.size(); ++i) {
    Snippet& snippet = layout.snippets[i];
    std::stable_sort(snippet.marks.begin(), snippet.marks.end(), [](const Mark& a, const Mark& b) {
      return a.span.begin.col < b.span.begin.col;
    });
    if (i > 0 || !layout.primary_shown) snippet.header = snippet.marks.front().span.begin;
    widest = std::max(widest, snippet.line);
  }
  layout.gutter = std::to_string(widest).size();
  return layout;
}

std::string count_phrase(size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

class HumanWriter {
 public:
  HumanWriter(std::ostream& out, const SourceManager& sources, bool color)
      : out_(out), sources_(sources), paint_(color) {}

  void diagnostic(const Diagnostic& diag) {
    const char* style = severity_style(diag.severity);
    std::string title = std::string(severity_name(diag.severity)) + "[" +
                        diag.display_id() + "]";
    out_ << paint_(title, style) << paint_(": " + diag.message, kBold) << '\n';

    Layout layout = lay_out(sources_, diag);
    gutter_ = layout.gutter;
    bool file_only = !layout.primary_shown && diag.primary.file < sources_.size();
    if (file_only) location("-->", diag.primary.file, {});
    for (size_t i = 0; i < layout.snippets.size(); ++i) {
      bool is_primary = i == 0 && layout.primary_shown;
      if (i > 0) gutter_line();
      snippet(layout.snippets[i], is_primary ? "-->" : ":::", style);
    }
    for (std::string_view label : layout.unplaced) footnote("note", label);
    for (const std::string& note : diag.notes) footnote("note", note);
    if (diag.help) footnote("help", *diag.help);
    out_ << '\n';
  }

  void summary(const std::vector<Diagnostic>& diags) {
    size_t errors = 0;
    size_t warnings = 0;
    for (const Diagnostic& diag : diags) {
      if (diag.severity == Severity::Error) ++errors;
      if (diag.severity == Severity::Warning) ++warnings;
    }
    if (errors == 0 && warnings == 0) return;
    std::string counts;
    if (errors > 0) counts = count_phrase(errors, "error");
    if (warnings > 0) counts += (counts.empty() ? "" : ", ") + count_phrase(warnings, "warning");
    Severity worst = errors > 0 ? Severity::Error : Severity::Warning;
    out_ << paint_(severity_name(worst), severity_style(worst))
         << paint_(": " + counts + " emitted", kBold) << '\n';
  }

 private:
  void location(std::string_view arrow, FileId file, SourcePos pos) {
    out_ << std::string(gutter_, ' ') << paint_(arrow, kBlue) << ' ' << sources_.file(file).path();
    if (pos.line != 0) out_ << ':' << pos.line << ':' << pos.col;
    out_ << '\n';
  }

  void gutter_line() { out_ << std::string(gutter_ + 1, ' ') << paint_("|", kBlue) << '\n'; }

  void snippet(const Snippet& snippet, std::string_view arrow, const char* primary_style) {
    const SourceFile& file = sources_.file(snippet.file);
    location(arrow, snippet.file, snippet.header);
    gutter_line();
    std::string number = std::to_string(snippet.line);
    std::string_view text = file.line(snippet.line);
    out_ << paint_(std::string(gutter_ - number.size(), ' ') + number + " |", kBlue);
    if (!text.empty()) out_ << ' ' << text;
    out_ << '\n';
    for (const Mark& mark : snippet.marks) {
      underline(text, mark, mark.primary ? primary_style : kBlue);
    }
  }

  /// One line of carets (primary) or dashes (secondary) under `mark`, indented
  /// with the line's own tabs so it lines up in a terminal.
  void underline(std::string_view text, const Mark& mark, const char* style) {
    const Span& span = mark.span;
    std::string indent;
    size_t i = 0;
    for (uint32_t col = 1; col < span.begin.col && i < text.size(); ++col) {
      indent += text[i] == '\t' ? '\t' : ' ';
      i = next_code_point(text, i);
    }
    // A span that runs past this line is underlined to the line's end.
    bool same_line = span.end.line == span.begin.line;
    size_t width = 0;
    for (uint32_t col = span.begin.col; i < text.size(); ++col) {
      if (same_line && col >= span.end.col) break;
      i = next_code_point(text, i);
      ++width;
    }
    std::string marks(std::max<size_t>(width, 1), mark.primary ? '^' : '-');
    out_ << std::string(gutter_ + 1, ' ') << paint_("|", kBlue) << ' ' << indent
         << paint_(marks, style);
    if (!mark.message.empty()) out_ << ' ' << paint_(mark.message, style);
    out_ << '\n';
  }

  void footnote(std::string_view kind, std::string_view text) {
    out_ << std::string(gutter_ + 1, ' ') << paint_("=", kBlue) << ' '
         << paint_(std::string(kind) + ":", kBold) << ' ' << text << '\n';
  }

  std::ostream& out_;
  const SourceManager& sources_;
  Painter paint_;
  size_t gutter_ = 1;
};

}  // namespace

void render_human(std::ostream& out, const SourceManager& sources,
                  const std::vector<Diagnostic>& diags, const HumanRenderOptions& opts) {
  HumanWriter writer(out, sources, opts.color);
  for (const Diagnostic& diag : diags) writer.diagnostic(diag);
  writer.summary(diags);
}

bool color_allowed(bool is_tty, const char* no_color, const char* term) {
  if (!is_tty) return false;
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

bool should_use_color(int fd) {
  return color_allowed(isatty(fd) == 1, std::getenv("NO_COLOR"), std::getenv("TERM"));
}

}  // namespace slipway
