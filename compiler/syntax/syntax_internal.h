#pragma once
// Private to compiler/syntax: the stages of parse_file and the ANTLR types
// they share. Nothing outside compiler/syntax includes this header, so ANTLR
// never leaks into the rest of the compiler.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "SlipwayLexer.h"
#include "SlipwayParser.h"
#include "antlr4-runtime.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/parse.h"

namespace slipway::syntax {

using grammar::SlipwayLexer;
using grammar::SlipwayParser;

// ------------------------------------------------------------------ UTF-8

/// Code points of `text`, which must be valid UTF-8 (a malformed byte
/// becomes U+FFFD so that the function is still total).
std::u32string utf8_to_utf32(std::string_view text);
std::string utf32_to_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t code_point);
/// Number of code points in valid UTF-8 text.
size_t code_point_count(std::string_view text);

// ------------------------------------------------------------------ positions

/// Text with the source position of each of its code points, so that string
/// contents can be dedented, unescaped and re-parsed with exact spans.
struct MappedText {
  std::u32string chars;
  std::vector<SourcePos> pos;  ///< where chars[i] starts; same size as chars

  /// The position just after chars[i] (a newline ends at the next line).
  SourcePos end_of(size_t i) const;
  /// chars[first, last) with their positions.
  MappedText slice(size_t first, size_t last) const;
  void push(char32_t c, SourcePos at) {
    chars.push_back(c);
    pos.push_back(at);
  }
};

/// Maps ANTLR tokens to spans. Tokens of the file itself carry their own
/// line and column; tokens re-lexed from an interpolation are mapped back
/// through the MappedText they were lexed from.
class TokenPositions {
 public:
  /// `bom`: the file starts with a byte order mark, which ANTLR skips.
  explicit TokenPositions(FileId file, bool bom = false) : file_(file), bom_(bom) {}
  /// `eof` is where the EOF token of the re-lexed text points (the `}`).
  TokenPositions(FileId file, const MappedText* map, SourcePos eof)
      : file_(file), map_(map), eof_(eof) {}

  FileId file() const { return file_; }
  SourcePos begin(const antlr4::Token* token) const;
  SourcePos end(const antlr4::Token* token) const;
  Span span(const antlr4::Token* token) const;
  Span span(const antlr4::Token* first, const antlr4::Token* last) const;
  Span span(antlr4::ParserRuleContext* context) const;
  /// The token's text with the position of each code point.
  MappedText mapped_text(const antlr4::Token* token) const;

 private:
  FileId file_;
  bool bom_ = false;
  const MappedText* map_ = nullptr;
  SourcePos eof_;
};

// ------------------------------------------------------------------ stages

/// One lexed text and the ANTLR objects that own its tokens. The lexer's
/// console error listener is removed: it never prints.
struct LexedText {
  LexedText(const std::string& text, const std::string& source_name);
  antlr4::ANTLRInputStream input;
  SlipwayLexer lexer;
  antlr4::CommonTokenStream tokens;
};

/// Step 1: size, NUL bytes and UTF-8 of the raw file. False (with a
/// diagnostic) when the file must not be lexed.
bool check_input(const SourceFile& source, FileId file, const ParseOptions& options,
                 DiagnosticEngine& diags);

/// Reports syntax errors of one token stream, dropping likely cascades and
/// capping the count so one typo cannot bury the real problems.
class SyntaxErrorSink {
 public:
  /// `code_override` and `context` serve interpolations: their errors become
  /// E0007 with a label on the whole `${...}`.
  SyntaxErrorSink(DiagnosticEngine& diags, std::optional<DiagCode> code_override = std::nullopt,
                  std::optional<Label> context = std::nullopt);

  /// Reports `diagnostic` for the token at `token_index`, unless it is on the
  /// line of the previous error or within 3 tokens after its token. A
  /// dropped error still counts as the previous one, so a chain of
  /// follow-on errors stays quiet. After 20 errors, one note and silence.
  void report(size_t token_index, Diagnostic diagnostic);
  /// True once any error was seen, including dropped ones.
  bool any() const { return seen_ > 0; }

 private:
  void emit(Diagnostic diagnostic);

  DiagnosticEngine& diags_;
  std::optional<DiagCode> code_override_;
  std::optional<Label> context_;
  size_t seen_ = 0;
  size_t emitted_ = 0;
  std::optional<size_t> last_token_;
  uint32_t last_line_ = 0;
};

/// Step 2: reports UNTERMINATED_STRING, UNTERMINATED_TRIPLE_STRING and
/// UNKNOWN_CHAR tokens, then rewrites them so the parser can go on: the
/// strings become ordinary strings and the stray characters are hidden.
/// Returns true when an unterminated `"""` swallowed the rest of the file.
bool check_lexer_tokens(const std::vector<antlr4::Token*>& tokens, const TokenPositions& positions,
                        SyntaxErrorSink& sink);

/// What the bracket pass learned, for the parser's error reporter.
struct BracketReport {
  struct Mismatch {
    antlr4::Token* closer;
    antlr4::Token* opener;  ///< the innermost open bracket, or null for a stray closer
  };
  std::vector<Mismatch> mismatches;
  std::vector<antlr4::Token*> unclosed;  ///< still open at EOF, outermost first
  bool eof_in_string = false;            ///< errors at EOF follow from an open `"""`
  bool too_deep = false;                 ///< E0005 reported: do not parse
};

/// Step 3: bracket nesting over the default-channel tokens. Reports E0005
/// (and sets too_deep) for nesting deeper than `max_nesting`, including runs
/// of prefix operators and `list<list<...>>` types, which recurse in the
/// parser the same way.
BracketReport check_brackets(const std::vector<antlr4::Token*>& tokens,
                             const TokenPositions& positions, unsigned max_nesting,
                             DiagnosticEngine& diags);

/// Installs our error strategy and listener on `parser` (removing ANTLR's
/// console listener) for the duration of one parse.
class ParserErrors {
 public:
  ParserErrors(SlipwayParser& parser, const TokenPositions& positions,
               const BracketReport& brackets, SyntaxErrorSink& sink);
  ~ParserErrors();
  ParserErrors(const ParserErrors&) = delete;
  ParserErrors& operator=(const ParserErrors&) = delete;

 private:
  struct State;
  SlipwayParser& parser_;
  std::unique_ptr<State> state_;
};

/// The two halves of parse_two_stage: SLL with bail-out and no listeners;
/// then a rewind to the first token with full LL prediction.
void prepare_fast_stage(SlipwayParser& parser);
void prepare_full_stage(SlipwayParser& parser, LexedText& lexed);

/// Runs `rule` (e.g. `[&] { return parser.file(); }`) in two stages: SLL
/// prediction that bails out at the first error, which is fast and enough
/// for almost every valid file; then, only if that failed, full LL with
/// ANTLR's recovery and our reporting, for good messages.
template <typename Rule>
auto parse_two_stage(SlipwayParser& parser, LexedText& lexed, Rule rule,
                     const TokenPositions& positions, const BracketReport& brackets,
                     SyntaxErrorSink& sink) -> decltype(rule()) {
  prepare_fast_stage(parser);
  try {
    return rule();
  } catch (const antlr4::ParseCancellationException&) {
  }
  prepare_full_stage(parser, lexed);
  ParserErrors errors(parser, positions, brackets, sink);
  return rule();
}

// ------------------------------------------------------------------ messages

/// True for the token types the grammar's `ident` rule accepts: ID and the
/// soft keywords (`image`, `run`, ...).
bool is_ident_token(size_t type);

/// Every keyword of the grammar (hard and soft), for "did you mean".
std::vector<std::string> keywords(const antlr4::dfa::Vocabulary& vocabulary);

/// How a token reads in a message: "`step`", "end of file", "a string"
/// (or "string" without the article, for "unexpected string").
std::string describe_found(const antlr4::Token* token, bool with_article);

/// Where a parse went wrong, judged from the tokens it expected.
enum class SyntaxContext { Other, File, Workflow, StepBody, Expression };

/// The expected token set, grouped and rendered for a message.
struct ExpectedTokens {
  std::vector<std::string> items;     ///< "`}`", "a name", "an expression"
  std::vector<std::string> keywords;  ///< word tokens, for "did you mean"
  SyntaxContext context = SyntaxContext::Other;
  std::vector<size_t> types;  ///< the raw set, EOF included
  bool has(size_t type) const;
};
ExpectedTokens describe_expected(const antlr4::misc::IntervalSet& set,
                                 const antlr4::dfa::Vocabulary& vocabulary);
/// "`a`", "one of `a` or `b`", "one of `a`, `b`, or `c`".
std::string join_expected(const std::vector<std::string>& items);

}  // namespace slipway::syntax
