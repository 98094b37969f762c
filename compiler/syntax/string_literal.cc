#include "compiler/syntax/string_literal.h"

#include <cstdio>
#include <optional>

namespace slipway::syntax {
namespace {

constexpr const char* kEscapeHelp =
    "valid escapes are \\\" \\\\ \\n \\t \\r \\$ \\u{...}; write `\\\\` for a backslash";

bool is_blank_char(char32_t c) { return c == U' ' || c == U'\t'; }

struct Line {
  size_t begin;  ///< first char
  size_t end;    ///< one past the last char, before any "\r\n" or "\n"
  bool blank;
};

std::vector<Line> split_lines(const MappedText& text) {
  std::vector<Line> lines;
  size_t begin = 0;
  for (size_t i = 0; i <= text.chars.size(); ++i) {
    if (i < text.chars.size() && text.chars[i] != U'\n') continue;
    size_t end = i;
    if (end > begin && text.chars[end - 1] == U'\r') --end;
    bool blank = true;
    for (size_t k = begin; k < end; ++k) blank = blank && is_blank_char(text.chars[k]);
    lines.push_back({begin, end, blank});
    begin = i + 1;
  }
  return lines;
}

/// Builds the literal pieces and reports problems while walking the content.
class Splitter {
 public:
  Splitter(const MappedText& content, FileId file, DiagnosticEngine& diags, bool raw)
      : text_(content), file_(file), diags_(diags), raw_(raw) {}

  std::vector<StringPiece> run() {
    size_t i = 0;
    const std::u32string& chars = text_.chars;
    while (i < chars.size()) {
      if (raw_ && chars[i] == U'\\') {
        // Multi-line strings hold scripts: a backslash is the script's own,
        // except `\${`, which writes a literal `${`.
        if (i + 2 < chars.size() && chars[i + 1] == U'$' && chars[i + 2] == U'{') {
          add_literal(i, i + 2, U'$');
          i += 2;
          add_literal(i, i + 1, U'{');
          ++i;
        } else {
          add_literal(i, i + 1, chars[i]);
          ++i;
        }
      } else if (chars[i] == U'\\') {
        i = escape(i);
      } else if (chars[i] == U'$' && i + 1 < chars.size() && chars[i + 1] == U'{') {
        i = interpolation(i);
      } else {
        add_literal(i, i + 1, chars[i]);
        ++i;
      }
    }
    flush();
    return std::move(pieces_);
  }

 private:
  Span span(size_t first, size_t last) const {
    return Span{file_, text_.pos[first], text_.end_of(last - 1)};
  }

  void add_literal(size_t first, size_t last, std::optional<char32_t> decoded) {
    if (!literal_first_) literal_first_ = first;
    literal_last_ = last;
    if (decoded) append_utf8(literal_, *decoded);
  }

  void flush() {
    if (!literal_first_) return;
    StringPiece piece;
    piece.text = std::move(literal_);
    piece.span = span(*literal_first_, literal_last_);
    pieces_.push_back(std::move(piece));
    literal_.clear();
    literal_first_.reset();
  }

  void bad_escape(size_t first, size_t last, std::string message, std::string help) {
    diags_.emit(Diagnostic::make(DiagCode::E0006, span(first, last), std::move(message))
                    .with_help(std::move(help)));
    add_literal(first, last, std::nullopt);
  }

  /// Decodes the escape at `i`; returns the index after it.
  size_t escape(size_t i) {
    const std::u32string& chars = text_.chars;
    if (i + 1 >= chars.size()) {
      bad_escape(i, i + 1, "incomplete escape `\\`", kEscapeHelp);
      return i + 1;
    }
    char32_t decoded = 0;
    switch (chars[i + 1]) {
      case U'"': decoded = U'"'; break;
      case U'\\': decoded = U'\\'; break;
      case U'n': decoded = U'\n'; break;
      case U't': decoded = U'\t'; break;
      case U'r': decoded = U'\r'; break;
      case U'$': decoded = U'$'; break;
      case U'u': return unicode_escape(i);
      default:
        bad_escape(i, i + 2, "unknown escape `\\" + utf32_to_utf8(chars.substr(i + 1, 1)) + "`",
                   kEscapeHelp);
        return i + 2;
    }
    add_literal(i, i + 2, decoded);
    return i + 2;
  }

  /// `\u{1F600}`: 1 to 6 hex digits naming a Unicode scalar value.
  size_t unicode_escape(size_t i) {
    const std::u32string& chars = text_.chars;
    size_t k = i + 2;
    bool braced = k < chars.size() && chars[k] == U'{';
    uint32_t value = 0;
    size_t digits = 0;
    if (braced) {
      for (++k; k < chars.size() && is_hex(chars[k]); ++k, ++digits) {
        if (digits < 8) value = value * 16 + static_cast<uint32_t>(hex_value(chars[k]));
      }
    }
    bool closed = braced && k < chars.size() && chars[k] == U'}';
    size_t end = closed ? k + 1 : k;
    std::string written = utf32_to_utf8(std::u32string_view(chars).substr(i, end - i));
    if (!closed || digits == 0 || digits > 6) {
      bad_escape(i, end, "invalid unicode escape `" + written + "`",
                 "write a unicode escape as `\\u{1F600}`: 1 to 6 hex digits in braces");
      return end;
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      bad_escape(i, end, "invalid unicode escape `" + written + "`",
                 "a unicode escape must name a scalar value: at most 10FFFF, and not a "
                 "surrogate (D800 to DFFF)");
      return end;
    }
    add_literal(i, end, static_cast<char32_t>(value));
    return end;
  }

  static bool is_hex(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
  }

  static int hex_value(char32_t c) {
    if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
    if (c >= U'a' && c <= U'f') return static_cast<int>(c - U'a' + 10);
    return static_cast<int>(c - U'A' + 10);
  }

  /// The `${...}` at `i`; returns the index after it.
  size_t interpolation(size_t i) {
    const std::u32string& chars = text_.chars;
    size_t close = chars.find(U'}', i + 2);
    if (close == std::u32string::npos) {
      diags_.emit(Diagnostic::make(DiagCode::E0007, span(i, i + 2), "unclosed interpolation")
                      .label("this `${` is never closed")
                      .with_help("add `}` to end the interpolation, or write `\\${` for a literal "
                                 "`${`"));
      add_literal(i, i + 2, std::nullopt);
      return i + 2;
    }
    bool empty = true;
    for (size_t k = i + 2; k < close; ++k) {
      empty = empty && (is_blank_char(chars[k]) || chars[k] == U'\n' || chars[k] == U'\r');
    }
    if (empty) {
      diags_.emit(Diagnostic::make(DiagCode::E0007, span(i, close + 1), "empty interpolation")
                      .with_help("write an expression between `${` and `}`, or `\\$` for a "
                                 "literal `$`"));
      add_literal(i, close + 1, std::nullopt);
      return close + 1;
    }
    flush();
    StringPiece piece;
    piece.interpolation = true;
    piece.source = text_.slice(i + 2, close);
    piece.span = span(i, close + 1);
    pieces_.push_back(std::move(piece));
    return close + 1;
  }

  const MappedText& text_;
  FileId file_;
  DiagnosticEngine& diags_;
  std::vector<StringPiece> pieces_;
  bool raw_ = false;
  std::string literal_;
  std::optional<size_t> literal_first_;
  size_t literal_last_ = 0;
};

}  // namespace

MappedText string_content(const MappedText& token) {
  if (token.chars.size() < 2) return {};
  return token.slice(1, token.chars.size() - 1);
}

MappedText triple_string_content(const MappedText& token) {
  if (token.chars.size() < 6) return {};
  MappedText content = token.slice(3, token.chars.size() - 3);
  std::vector<Line> lines = split_lines(content);
  size_t first = 0;
  size_t last = lines.size();
  if (lines.size() > 1 && lines.front().blank) ++first;
  if (lines.size() > 1 && last > first && lines.back().blank) --last;

  std::optional<std::u32string> indent;
  for (size_t k = first; k < last; ++k) {
    if (lines[k].blank) continue;
    size_t begin = lines[k].begin;
    size_t end = begin;
    while (end < lines[k].end && is_blank_char(content.chars[end])) ++end;
    std::u32string_view own(content.chars.data() + begin, end - begin);
    if (!indent) {
      indent = std::u32string(own);
      continue;
    }
    size_t common = 0;
    while (common < indent->size() && common < own.size() && (*indent)[common] == own[common]) {
      ++common;
    }
    indent->resize(common);
  }
  size_t strip = indent ? indent->size() : 0;

  MappedText out;
  for (size_t k = first; k < last; ++k) {
    // The joining newline maps to the newline that ended the previous line.
    if (k > first) out.push(U'\n', content.pos[lines[k].begin - 1]);
    if (lines[k].blank) continue;
    for (size_t i = lines[k].begin + strip; i < lines[k].end; ++i) {
      out.push(content.chars[i], content.pos[i]);
    }
  }
  return out;
}

std::vector<StringPiece> split_string(const MappedText& content, FileId file,
                                      DiagnosticEngine& diags, bool raw) {
  return Splitter(content, file, diags, raw).run();
}

}  // namespace slipway::syntax
