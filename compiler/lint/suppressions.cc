#include "compiler/lint/suppressions.h"

#include <string_view>

namespace slipway::lint {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// The span of text[from, to) of a one-line comment that starts at `start`.
Span sub_span(const ast::Comment& comment, size_t from, size_t to) {
  auto column = [&](size_t offset) {
    uint32_t col = comment.span.begin.col;
    for (size_t i = 0; i < offset && i < comment.text.size(); i = next_code_point(comment.text, i)) ++col;
    return col;
  };
  SourcePos begin{comment.span.begin.line, column(from)};
  SourcePos end{comment.span.begin.line, column(to)};
  return Span{comment.span.file, begin, end};
}

}  // namespace

std::vector<Suppression> read_suppressions(const ast::File& file, const SourceManager& sources) {
  std::vector<Suppression> out;
  for (const ast::Comment& comment : file.comments) {
    std::string_view text = comment.text;
    size_t marker = text.rfind("//", 0) == 0 ? 2 : text.rfind("#", 0) == 0 ? 1 : 0;
    if (marker == 0 || (marker == 1 && text.size() > 1 && text[1] == '#')) continue;  // `##` documents
    std::string_view body = trim(text.substr(marker));
    constexpr std::string_view kPrefix = "slipway:";
    if (body.rfind(kPrefix, 0) != 0) continue;
    std::string_view directive = trim(body.substr(kPrefix.size()));
    if (directive.rfind("ignore", 0) != 0) continue;
    Suppression s;
    s.span = comment.span;
    if (file.id < sources.size()) {
      std::string_view line = sources.file(file.id).line(comment.span.begin.line);
      size_t before = 0;
      for (uint32_t col = 1; col < comment.span.begin.col && before < line.size(); ++col) before = next_code_point(line, before);
      s.own_line = trim(line.substr(0, before)).empty();
    }
    size_t after = static_cast<size_t>(directive.data() - text.data()) + 6;  // past `ignore`
    size_t open = text.find_first_not_of(" \t", after);
    size_t close = open == std::string_view::npos || text[open] != '[' ? std::string_view::npos : text.find(']', open);
    if (close == std::string_view::npos) {
      s.malformed = true;
      out.push_back(std::move(s));
      continue;
    }
    size_t start = open + 1;
    while (start <= close) {
      size_t comma = text.find(',', start);
      if (comma == std::string_view::npos || comma > close) comma = close;
      std::string_view raw = text.substr(start, comma - start);
      std::string_view name = trim(raw);
      if (!name.empty()) {
        size_t from = start + static_cast<size_t>(name.data() - raw.data());
        s.rules.push_back({std::string(name), sub_span(comment, from, from + name.size())});
      }
      start = comma + 1;
    }
    std::string_view reason = trim(text.substr(close + 1));
    while (!reason.empty() && (reason.front() == '-' || reason.front() == ':' || reason.front() == ' ')) reason.remove_prefix(1);
    s.reason = std::string(reason);
    if (s.rules.empty()) s.malformed = true;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace slipway::lint
