// parse_file: the pipeline from raw bytes to AST. Each stage may add
// diagnostics; errors before the AST is built mean no AST at all, errors
// found while building it (escapes, duplicates, literals) leave the AST
// usable and are only reported.

#include "compiler/syntax/parse.h"

#include "compiler/syntax/ast_builder.h"
#include "compiler/syntax/syntax_internal.h"

namespace slipway {
namespace syntax {

LexedText::LexedText(const std::string& text, const std::string& source_name)
    : input(text), lexer(&input), tokens(&lexer) {
  input.name = source_name;
  lexer.removeErrorListeners();
  tokens.fill();
}

void prepare_fast_stage(SlipwayParser& parser) {
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
}

void prepare_full_stage(SlipwayParser& parser, LexedText& lexed) {
  lexed.tokens.seek(0);
  parser.reset();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
}

namespace {

/// ANTLR drops a leading byte order mark, so columns on line 1 are one
/// short of ours.
bool starts_with_bom(const std::string& text) { return text.rfind("\xEF\xBB\xBF", 0) == 0; }

std::unique_ptr<ast::File> parse_source(const SourceFile& source, FileId file,
                                        DiagnosticEngine& diags, const ParseOptions& options) {
  if (!check_input(source, file, options, diags)) return nullptr;

  LexedText lexed(source.text(), source.path());
  TokenPositions positions(file, starts_with_bom(source.text()));
  const std::vector<antlr4::Token*>& tokens = lexed.tokens.getTokens();
  SyntaxErrorSink sink(diags);
  bool eof_in_string = check_lexer_tokens(tokens, positions, sink);
  BracketReport brackets = check_brackets(tokens, positions, options.max_nesting, diags);
  brackets.eof_in_string = eof_in_string;
  if (brackets.too_deep) return nullptr;

  SlipwayParser parser(&lexed.tokens);
  SlipwayParser::FileContext* tree = parse_two_stage(
      parser, lexed, [&] { return parser.file(); }, positions, brackets, sink);
  if (sink.any()) return nullptr;

  AstBuilder builder(positions, diags, options);
  std::unique_ptr<ast::File> result = builder.file(tree, tokens);
  if (builder.too_deep()) return nullptr;
  return result;
}

}  // namespace
}  // namespace syntax

std::unique_ptr<ast::File> parse_file(const SourceManager& sources, FileId file,
                                      DiagnosticEngine& diags, const ParseOptions& options) {
  Span start{file, SourcePos{1, 1}, SourcePos{1, 1}};
  // Bad input must never escape as an exception; ANTLR may still throw on
  // something we did not foresee, and that is our bug, reported as such.
  try {
    return syntax::parse_source(sources.file(file), file, diags, options);
  } catch (const std::exception& e) {
    diags.emit(Diagnostic::make(DiagCode::E0001, start,
                                std::string("internal parser error: ") + e.what()));
  } catch (...) {
    diags.emit(Diagnostic::make(DiagCode::E0001, start, "internal parser error: unknown exception"));
  }
  return nullptr;
}

}  // namespace slipway
