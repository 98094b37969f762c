// Spans of ANTLR tokens and rule contexts. ANTLR's columns are 0-based code
// points, ours are 1-based code points, so the conversion is an offset; ends
// are computed from the token text because tokens may span lines.

#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {
namespace {

/// The position after walking over `text` from `at`.
SourcePos advance(SourcePos at, std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      ++at.line;
      at.col = 1;
    } else {
      ++at.col;
    }
    i = next_code_point(text, i);
  }
  return at;
}

bool is_eof(const antlr4::Token* token) { return token->getType() == antlr4::Token::EOF; }

}  // namespace

SourcePos MappedText::end_of(size_t i) const {
  SourcePos at = pos[i];
  if (chars[i] == U'\n') return SourcePos{at.line + 1, 1};
  return SourcePos{at.line, at.col + 1};
}

MappedText MappedText::slice(size_t first, size_t last) const {
  MappedText out;
  out.chars = chars.substr(first, last - first);
  out.pos.assign(pos.begin() + static_cast<std::ptrdiff_t>(first),
                 pos.begin() + static_cast<std::ptrdiff_t>(last));
  return out;
}

SourcePos TokenPositions::begin(const antlr4::Token* token) const {
  if (map_ != nullptr) {
    size_t index = token->getStartIndex();
    if (is_eof(token) || index >= map_->pos.size()) return eof_;
    return map_->pos[index];
  }
  auto line = static_cast<uint32_t>(token->getLine());
  auto col = static_cast<uint32_t>(token->getCharPositionInLine() + 1);
  if (bom_ && line == 1) ++col;
  return SourcePos{line, col};
}

SourcePos TokenPositions::end(const antlr4::Token* token) const {
  if (is_eof(token)) return begin(token);
  if (map_ != nullptr) {
    size_t index = token->getStopIndex();
    if (index >= map_->pos.size()) return eof_;
    return map_->end_of(index);
  }
  size_t type = token->getType();
  if (type != SlipwayLexer::TRIPLE_STRING && type != SlipwayLexer::UNTERMINATED_TRIPLE_STRING) {
    // Only multi-line strings contain newlines; everything else ends on its
    // line, one column per code point.
    SourcePos at = begin(token);
    at.col += static_cast<uint32_t>(token->getStopIndex() + 1 - token->getStartIndex());
    return at;
  }
  return advance(begin(token), token->getText());
}

Span TokenPositions::span(const antlr4::Token* token) const {
  return Span{file_, begin(token), end(token)};
}

Span TokenPositions::span(const antlr4::Token* first, const antlr4::Token* last) const {
  return Span{file_, begin(first), end(last)};
}

Span TokenPositions::span(antlr4::ParserRuleContext* context) const {
  const antlr4::Token* first = context->getStart();
  const antlr4::Token* last = context->getStop();
  // An empty rule (stop before start) marks the point where it would begin.
  if (last == nullptr || last->getTokenIndex() < first->getTokenIndex()) {
    SourcePos at = begin(first);
    return Span{file_, at, at};
  }
  return span(first, last);
}

MappedText TokenPositions::mapped_text(const antlr4::Token* token) const {
  MappedText out;
  if (map_ != nullptr) {
    size_t first = token->getStartIndex();
    size_t last = token->getStopIndex() + 1;
    if (first <= last && last <= map_->chars.size()) return map_->slice(first, last);
    return out;
  }
  out.chars = utf8_to_utf32(token->getText());
  out.pos.reserve(out.chars.size());
  SourcePos at = begin(token);
  for (char32_t c : out.chars) {
    out.pos.push_back(at);
    if (c == U'\n') {
      ++at.line;
      at.col = 1;
    } else {
      ++at.col;
    }
  }
  return out;
}

}  // namespace slipway::syntax
