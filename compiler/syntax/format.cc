// `slipway fmt`: re-lays out the tokens of a file. Where lines break comes
// from the parse tree (every declaration, property and entry starts a line;
// blocks indent by two spaces) and, for the rest, from the original layout
// (a token that started a line keeps starting one, as a continuation), which
// is what makes the result idempotent. Spacing between tokens on a line is
// canonical. Only white space changes, so comments and meaning are kept.

#include "compiler/syntax/format.h"

#include <set>

#include "compiler/syntax/syntax_internal.h"

namespace slipway {
namespace syntax {
namespace {

using P = SlipwayParser;

/// What the parse tree says about individual tokens.
struct Marks {
  std::set<size_t> item_starts;  ///< tokens that begin a declaration, property or entry
  std::set<size_t> tight;        ///< `<`/`>` of types, `(` of calls: no space around/before
  std::set<size_t> unary;        ///< `!`/`-` prefixes: no space after
};

void mark(antlr4::tree::ParseTree* tree, Marks& marks) {
  auto* context = dynamic_cast<antlr4::ParserRuleContext*>(tree);
  if (context == nullptr) return;
  if (dynamic_cast<P::ImportDeclContext*>(context) || dynamic_cast<P::TopDeclContext*>(context) ||
      dynamic_cast<P::SecretBindingContext*>(context) || dynamic_cast<P::StepDeclContext*>(context) ||
      dynamic_cast<P::StepItemContext*>(context) || dynamic_cast<P::EnvEntryContext*>(context) ||
      dynamic_cast<P::FileEntryContext*>(context) || dynamic_cast<P::OutputEntryContext*>(context) ||
      dynamic_cast<P::WorkflowItemContext*>(context)) {
    marks.item_starts.insert(context->getStart()->getTokenIndex());
  }
  bool call_like = dynamic_cast<P::CallContext*>(context) || dynamic_cast<P::CallExprContext*>(context) ||
                   dynamic_cast<P::ChainElemContext*>(context) || dynamic_cast<P::TemplateDeclContext*>(context) ||
                   dynamic_cast<P::PipelineDeclContext*>(context);
  bool type_ref = dynamic_cast<P::TypeRefContext*>(context) != nullptr;
  bool unary = dynamic_cast<P::NotExprContext*>(context) || dynamic_cast<P::NegateExprContext*>(context);
  for (antlr4::tree::ParseTree* child : context->children) {
    if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      size_t type = terminal->getSymbol()->getType();
      size_t index = terminal->getSymbol()->getTokenIndex();
      if (call_like && type == P::LPAREN) marks.tight.insert(index);
      if (type_ref && (type == P::LT || type == P::GT)) marks.tight.insert(index);
      if (unary && (type == P::NOT || type == P::MINUS)) marks.unary.insert(index);
      continue;
    }
    mark(child, marks);
  }
}

size_t end_line(const antlr4::Token* token) {
  size_t line = token->getLine();
  for (char c : token->getText()) line += c == '\n';
  return line;
}

size_t leading_blanks(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

/// Lays out the lines of a multi-line string under its property: content at
/// `indent + 2`, the closing quotes at `indent`. The value is unchanged
/// because dedent removes the common indentation and drops a blank last
/// line. Done only when the first line is blank (otherwise it takes part in
/// the common indentation and cannot move) and no indentation uses tabs.
std::string reindent_triple(std::string text, size_t indent) {
  std::string normalized;
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) normalized += text[i];
  text = std::move(normalized);
  size_t first_newline = text.find('\n');
  if (first_newline == std::string::npos) return text;
  std::string_view first(text.data() + 3, first_newline - 3);
  if (leading_blanks(first) != first.size()) return text;
  std::vector<std::string> lines;
  size_t start = first_newline + 1;
  while (true) {
    size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // The last line ends with the closing quotes; blank before them, it is
  // only the closing line.
  const std::string& last = lines.back();
  bool closing_alone = leading_blanks(last) + 3 == last.size();
  size_t common = std::string::npos;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    size_t blanks = leading_blanks(line);
    if (line.substr(0, blanks).find('\t') != std::string::npos) return text;  // tabs: leave as written
    bool blank = blanks == line.size();
    if (blank || (i + 1 == lines.size() && closing_alone)) continue;
    common = std::min(common, blanks);
  }
  if (common == std::string::npos) common = 0;
  std::string out = text.substr(0, first_newline + 1);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    size_t blanks = leading_blanks(line);
    if (i + 1 == lines.size() && closing_alone) out += std::string(indent, ' ') + "\"\"\"";
    else if (blanks == line.size()) out += "";
    else out += std::string(indent + 2, ' ') + line.substr(common);
    if (i + 1 < lines.size()) out += "\n";
  }
  return out;
}

enum class Bracket { Block, Multi, Inline };

class Formatter {
 public:
  Formatter(const std::vector<antlr4::Token*>& tokens, const Marks& marks) : tokens_(tokens), marks_(marks) {}

  std::string run() {
    for (size_t i = 0; i < tokens_.size(); ++i) {
      const antlr4::Token* t = tokens_[i];
      if (t->getType() == antlr4::Token::EOF) break;
      emit(i, t);
      previous_ = t;
    }
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
    return out_;
  }

 private:
  size_t depth() const {
    size_t d = 0;
    for (Bracket b : stack_) d += b != Bracket::Inline;
    return d;
  }

  /// Whether the bracket opened at token `i` has its first content on a later line.
  bool opens_multiline(size_t i) const {
    for (size_t k = i + 1; k < tokens_.size(); ++k) {
      if (tokens_[k]->getType() == antlr4::Token::EOF) return false;
      return tokens_[k]->getLine() > tokens_[i]->getLine();
    }
    return false;
  }

  void newline(size_t indent, bool blank_line) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    out_ += blank_line ? "\n\n" : "\n";
    out_ += std::string(indent * 2, ' ');
    line_indent_ = indent * 2;
  }

  void emit(size_t i, const antlr4::Token* t) {
    size_t type = t->getType();
    bool is_comment = type == P::COMMENT;
    size_t prev_type = previous_ ? previous_->getType() : 0;
    bool first_on_line = !previous_ || t->getLine() > end_line(previous_);
    bool closer = type == P::RBRACE || type == P::RPAREN || type == P::RBRACK;
    Bracket closing = Bracket::Inline;
    if (closer && !stack_.empty()) {
      closing = stack_.back();
      stack_.pop_back();
    }
    bool after_opener = previous_ && (prev_type == P::LBRACE || prev_type == P::LPAREN || prev_type == P::LBRACK);
    Bracket opened_by_prev = after_opener ? last_opened_ : Bracket::Inline;

    bool break_line = false;
    size_t indent = depth();
    if (!previous_) {
      break_line = false;
    } else if (prev_type == P::COMMENT) {
      break_line = true;
    } else if (is_comment) {
      break_line = first_on_line;
    } else if (type == P::RBRACE) {
      break_line = prev_type != P::LBRACE;
    } else if (prev_type == P::LBRACE) {
      break_line = true;
    } else if (after_opener && opened_by_prev == Bracket::Multi && !closer) {
      break_line = true;
    } else if (marks_.item_starts.count(i)) {
      break_line = true;
    } else {
      break_line = first_on_line;
      // A continuation line, unless it is an item of a multi-line list.
      bool list_item = !stack_.empty() && stack_.back() == Bracket::Multi &&
                       (prev_type == P::COMMA || after_opener);
      if (break_line && !closer && !list_item) indent += 2;
    }
    if (break_line) {
      bool blank = previous_ && t->getLine() >= end_line(previous_) + 2 && prev_type != P::LBRACE &&
                   type != P::RBRACE && closing != Bracket::Multi;
      newline(indent, blank);
    } else if (previous_) {
      out_ += space_before(i, t, prev_type, is_comment);
    }
    out_ += type == P::TRIPLE_STRING ? reindent_triple(t->getText(), line_indent_) : t->getText();

    if (type == P::LBRACE) push(Bracket::Block);
    else if (type == P::LPAREN || type == P::LBRACK) push(opens_multiline(i) ? Bracket::Multi : Bracket::Inline);
  }

  void push(Bracket b) {
    stack_.push_back(b);
    last_opened_ = b;
  }

  std::string space_before(size_t i, const antlr4::Token* t, size_t prev_type, bool is_comment) const {
    if (is_comment) return "  ";
    size_t type = t->getType();
    size_t prev_index = previous_->getTokenIndex();
    if (type == P::COMMA || type == P::RPAREN || type == P::RBRACK || type == P::DOT || type == P::COLON)
      return "";
    if (prev_type == P::LPAREN || prev_type == P::LBRACK || prev_type == P::DOT) return "";
    if (marks_.unary.count(prev_index)) return "";
    if (marks_.tight.count(i) || marks_.tight.count(prev_index)) {
      // `list<string>`: tight on both sides of `<`, before `>`; `f(`: tight before `(`.
      if (type == P::LPAREN || type == P::LT || type == P::GT || prev_type == P::LT) return "";
    }
    if (type == P::LBRACE && prev_type == P::RBRACE) return " ";
    return " ";
  }

  const std::vector<antlr4::Token*>& tokens_;
  const Marks& marks_;
  std::string out_;
  std::vector<Bracket> stack_;
  Bracket last_opened_ = Bracket::Inline;
  const antlr4::Token* previous_ = nullptr;
  size_t line_indent_ = 0;
};

std::optional<std::string> format(const SourceFile& source, FileId file, DiagnosticEngine& diags,
                                  const ParseOptions& options) {
  if (!check_input(source, file, options, diags)) return std::nullopt;
  LexedText lexed(source.text(), source.path());
  bool bom = source.text().rfind("\xEF\xBB\xBF", 0) == 0;
  TokenPositions positions(file, bom);
  const std::vector<antlr4::Token*>& tokens = lexed.tokens.getTokens();
  SyntaxErrorSink sink(diags);
  bool eof_in_string = check_lexer_tokens(tokens, positions, sink);
  BracketReport brackets = check_brackets(tokens, positions, options.max_nesting, diags);
  brackets.eof_in_string = eof_in_string;
  if (brackets.too_deep || sink.any()) return std::nullopt;
  SlipwayParser parser(&lexed.tokens);
  P::FileContext* tree = parse_two_stage(parser, lexed, [&] { return parser.file(); }, positions, brackets, sink);
  if (sink.any()) return std::nullopt;
  Marks marks;
  mark(tree, marks);
  std::string text = Formatter(tokens, marks).run();
  return bom ? "\xEF\xBB\xBF" + text : text;
}

}  // namespace
}  // namespace syntax

std::optional<std::string> format_source(const SourceManager& sources, FileId file, DiagnosticEngine& diags,
                                         const ParseOptions& options) {
  try {
    return syntax::format(sources.file(file), file, diags, options);
  } catch (const std::exception& e) {
    diags.emit(Diagnostic::make(DiagCode::E0001, Span{file, {1, 1}, {1, 1}},
                                std::string("internal parser error: ") + e.what()));
  }
  return std::nullopt;
}

}  // namespace slipway
