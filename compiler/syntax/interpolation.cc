// `${...}` inside strings: the text between the braces is lexed and parsed
// again with the `interpolation` rule. Its tokens map back through the
// MappedText they came from, so spans point into the real file even inside
// dedented multi-line strings.

#include "compiler/syntax/ast_builder.h"

#include <unordered_map>

namespace slipway::syntax {
namespace {

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == U'\f';
}
bool is_word_start(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'_';
}
bool is_word_char(char32_t c) { return is_word_start(c) || (c >= U'0' && c <= U'9'); }

/// The token type the lexer gives a word: a keyword's, or ID.
size_t word_type(const std::string& word) {
  static const std::unordered_map<std::string, size_t> keywords = [] {
    std::unordered_map<std::string, size_t> out;
    antlr4::ANTLRInputStream input("");
    SlipwayLexer lexer(&input);
    const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
    for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
      std::string name = vocabulary.getLiteralName(type);
      if (name.size() > 2 && is_word_start(static_cast<unsigned char>(name[1]))) {
        out.emplace(name.substr(1, name.size() - 2), type);
      }
    }
    return out;
  }();
  auto it = keywords.find(word);
  return it == keywords.end() ? static_cast<size_t>(SlipwayLexer::ID) : it->second;
}

}  // namespace

ast::ExprPtr AstBuilder::simple_reference(const MappedText& source) const {
  const std::u32string& chars = source.chars;
  size_t i = 0;
  size_t last = chars.size();
  while (i < last && is_space(chars[i])) ++i;
  while (last > i && is_space(chars[last - 1])) --last;
  std::vector<ast::Ident> path;
  while (true) {
    size_t start = i;
    if (i >= last || !is_word_start(chars[i])) return nullptr;
    while (i < last && is_word_char(chars[i])) ++i;
    std::string word = utf32_to_utf8(std::u32string_view(chars).substr(start, i - start));
    if (!is_ident_token(word_type(word))) return nullptr;
    path.push_back(
        ast::Ident{std::move(word), Span{positions_.file(), source.pos[start], source.end_of(i - 1)}});
    if (i == last) break;
    if (chars[i++] != U'.') return nullptr;
  }
  ast::ExprPtr out = new_expr(ast::ExprKind::Ref,
                              Span{positions_.file(), path.front().span.begin, path.back().span.end});
  out->path = std::move(path);
  return out;
}

ast::ExprPtr AstBuilder::interpolation(const MappedText& source, Span whole) {
  // `${a.b.c}` is by far the most common case; a lexer and parser per
  // interpolation would double the time to build a large file's AST.
  if (ast::ExprPtr reference = simple_reference(source)) return reference;

  // ANTLR silently drops a leading byte order mark, which would shift every
  // index into `source`; it is no more valid here than any stray character.
  if (source.chars.front() == U'\uFEFF') {
    Span at{positions_.file(), source.pos[0], source.end_of(0)};
    diags_.emit(Diagnostic::make(DiagCode::E0007, at, "unexpected character `\\u{feff}`")
                    .also(whole, "in this interpolation"));
    return nullptr;
  }

  LexedText lexed(utf32_to_utf8(source.chars), "interpolation");
  // EOF inside the braces points at the closing `}`.
  SourcePos close{whole.end.line, whole.end.col > 1 ? whole.end.col - 1 : 1};
  TokenPositions positions(positions_.file(), &source, close);
  const std::vector<antlr4::Token*>& tokens = lexed.tokens.getTokens();
  SyntaxErrorSink sink(diags_, DiagCode::E0007, Label{whole, "in this interpolation"});
  bool eof_in_string = check_lexer_tokens(tokens, positions, sink);
  BracketReport brackets = check_brackets(tokens, positions, options_.max_nesting, diags_);
  brackets.eof_in_string = eof_in_string;
  if (brackets.too_deep) {
    too_deep_ = true;
    return nullptr;
  }

  SlipwayParser parser(&lexed.tokens);
  SlipwayParser::InterpolationContext* tree = parse_two_stage(
      parser, lexed, [&] { return parser.interpolation(); }, positions, brackets, sink);
  if (sink.any()) return nullptr;

  AstBuilder inner(positions, diags_, options_);
  ast::ExprPtr out = inner.expr(tree->expr());
  if (inner.too_deep()) too_deep_ = true;
  return out;
}

}  // namespace slipway::syntax
