// Steps 2 and 3 of parse_file: errors the lexer already knows about, and the
// bracket pass that keeps absurd nesting away from the recursive-descent
// parser and remembers unbalanced brackets for better parser messages.

#include <cstdio>

#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {
namespace {

using P = SlipwayParser;

/// The first `length` code points of the token (its opening quote).
Span opening_span(const antlr4::Token* token, const TokenPositions& positions, uint32_t length) {
  Span span = positions.span(token);
  span.end = SourcePos{span.begin.line, span.begin.col + length};
  return span;
}

/// How an unexpected character reads in a message: itself, or `\u{..}` when
/// it would be invisible or garble the output.
std::string show_char(char32_t c) {
  bool invisible = c < 0x20 || (c >= 0x7F && c <= 0xA0) || (c >= 0x200B && c <= 0x200F) ||
                   c == 0x2028 || c == 0x2029 || c == 0xFEFF;
  if (invisible) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\u{%x}", static_cast<unsigned>(c));
    return buffer;
  }
  std::string out;
  append_utf8(out, c);
  return out;
}

std::optional<std::string> unknown_char_help(char32_t c) {
  switch (c) {
    case U';': return "statements need no separator; remove the `;`";
    case U'\'': return "strings are written with double quotes: `\"...\"`";
    case U'\u201C': case U'\u201D': return "use a straight double quote `\"`";
    case U'\u00A0': return "replace the non-breaking space with an ordinary space";
    default: return std::nullopt;
  }
}

void report_unknown_char(antlr4::Token* token, const TokenPositions& positions,
                         SyntaxErrorSink& sink) {
  std::u32string text = utf8_to_utf32(token->getText());
  char32_t c = text.empty() ? 0 : text[0];
  Diagnostic diagnostic = Diagnostic::make(DiagCode::E0001, positions.span(token),
                                           "unexpected character `" + show_char(c) + "`");
  if (std::optional<std::string> help = unknown_char_help(c)) diagnostic.with_help(*help);
  sink.report(token->getTokenIndex(), std::move(diagnostic));
}

bool is_opener(size_t type) { return type == P::LBRACE || type == P::LBRACK || type == P::LPAREN; }
bool is_closer(size_t type) { return type == P::RBRACE || type == P::RBRACK || type == P::RPAREN; }

size_t closer_of(size_t opener) {
  if (opener == P::LBRACE) return P::RBRACE;
  if (opener == P::LBRACK) return P::RBRACK;
  return P::RPAREN;
}

void report_too_deep(const antlr4::Token* token, const TokenPositions& positions,
                     unsigned max_nesting, const char* what, DiagnosticEngine& diags) {
  diags.emit(Diagnostic::make(DiagCode::E0005, positions.span(token),
                              std::string(what) + " nested more than " +
                                  std::to_string(max_nesting) + " deep")
                 .label("too deep")
                 .with_help("split the nested part into smaller declarations"));
}

}  // namespace

bool check_lexer_tokens(const std::vector<antlr4::Token*>& tokens, const TokenPositions& positions,
                        SyntaxErrorSink& sink) {
  bool eof_in_string = false;
  for (antlr4::Token* token : tokens) {
    auto* writable = dynamic_cast<antlr4::WritableToken*>(token);
    switch (token->getType()) {
      case P::UNTERMINATED_STRING:
        sink.report(token->getTokenIndex(),
                    Diagnostic::make(DiagCode::E0002, opening_span(token, positions, 1),
                                     "unterminated string")
                        .label("this string is never closed")
                        .with_help("add a closing `\"` before the end of the line"));
        if (writable != nullptr) writable->setType(P::STRING);
        break;
      case P::UNTERMINATED_TRIPLE_STRING:
        sink.report(token->getTokenIndex(),
                    Diagnostic::make(DiagCode::E0002, opening_span(token, positions, 3),
                                     "unterminated multi-line string")
                        .label("this string is never closed")
                        .with_help("add a closing `\"\"\"`"));
        if (writable != nullptr) writable->setType(P::TRIPLE_STRING);
        eof_in_string = true;
        break;
      case P::UNKNOWN_CHAR:
        report_unknown_char(token, positions, sink);
        if (writable != nullptr) writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
        break;
      default:
        break;
    }
  }
  return eof_in_string;
}

BracketReport check_brackets(const std::vector<antlr4::Token*>& tokens,
                             const TokenPositions& positions, unsigned max_nesting,
                             DiagnosticEngine& diags) {
  BracketReport report;
  std::vector<antlr4::Token*> open;
  size_t prefix_run = 0;
  size_t angle_depth = 0;
  for (antlr4::Token* token : tokens) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    size_t type = token->getType();
    // `!!!!x` and `list<list<list<T>>>` recurse in the parser just like
    // `((((x`. A `<` is also a comparison that never closes, so the count
    // only lives through a run of names and angle brackets.
    prefix_run = (type == P::NOT || type == P::MINUS) ? prefix_run + 1 : 0;
    if (type == P::LT) {
      ++angle_depth;
    } else if (type == P::GT) {
      angle_depth -= angle_depth > 0 ? 1 : 0;
    } else if (type != P::ID) {
      angle_depth = 0;
    }
    if (prefix_run > max_nesting || angle_depth > max_nesting) {
      report_too_deep(token, positions, max_nesting, prefix_run > 0 ? "operators" : "type arguments",
                      diags);
      report.too_deep = true;
      return report;
    }
    if (is_opener(type)) {
      open.push_back(token);
      if (open.size() > max_nesting) {
        report_too_deep(token, positions, max_nesting, "brackets", diags);
        report.too_deep = true;
        return report;
      }
      continue;
    }
    if (!is_closer(type)) continue;
    if (!open.empty() && closer_of(open.back()->getType()) == type) {
      open.pop_back();
      continue;
    }
    // Resynchronise on the nearest opener this closer does match, if any;
    // a closer that matches nothing is a stray and ignored.
    size_t depth = open.size();
    while (depth > 0 && closer_of(open[depth - 1]->getType()) != type) --depth;
    report.mismatches.push_back({token, depth > 0 ? open.back() : nullptr});
    if (depth > 0) open.resize(depth - 1);
  }
  report.unclosed = std::move(open);
  return report;
}

}  // namespace slipway::syntax
