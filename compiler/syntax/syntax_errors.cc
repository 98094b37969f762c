// Step 4's error reporting: an ANTLR error strategy and listener that turn
// every syntax error into a rustc-style Diagnostic instead of printing it.

#include <set>

#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {
namespace {

constexpr size_t kMaxSyntaxErrors = 20;
constexpr size_t kCascadeTokens = 3;

std::string closer_for(const antlr4::Token* opener) {
  switch (opener->getType()) {
    case SlipwayParser::LBRACE: return "}";
    case SlipwayParser::LBRACK: return "]";
    default: return ")";
  }
}

std::string opener_for(const std::string& closer) {
  if (closer == "}") return "{";
  if (closer == "]") return "[";
  return "(";
}

bool starts_statement(size_t type) {
  switch (type) {
    case SlipwayParser::STEP:
    case SlipwayParser::PIPELINE:
    case SlipwayParser::WORKFLOW:
    case SlipwayParser::TEMPLATE:
    case SlipwayParser::PARAM:
    case SlipwayParser::SECRET:
    case SlipwayParser::IMPORT:
      return true;
    default:
      return false;
  }
}

/// Turns one parser error into a diagnostic, with the special cases that
/// make the common mistakes read well.
class Reporter {
 public:
  Reporter(const TokenPositions& positions, const BracketReport& brackets, SyntaxErrorSink& sink)
      : positions_(positions), brackets_(brackets), sink_(sink) {}

  void report(antlr4::Parser* parser, antlr4::Token* offending,
              const antlr4::misc::IntervalSet* expected) {
    if (offending == nullptr) offending = parser->getCurrentToken();
    size_t index = offending->getTokenIndex();
    if (offending->getType() == antlr4::Token::EOF && brackets_.eof_in_string) return;
    if (offending->getType() == antlr4::Token::EOF && !brackets_.unclosed.empty()) {
      report_unclosed(index);
      return;
    }
    if (report_mismatch(offending)) return;
    if (expected == nullptr) {
      sink_.report(index, describe_unexpected(offending, parser->getVocabulary()));
      return;
    }
    ExpectedTokens wanted = describe_expected(*expected, parser->getVocabulary());
    sink_.report(index, describe(offending, wanted));
  }

 private:
  void report_unclosed(size_t index) {
    if (eof_reported_) return;
    eof_reported_ = true;
    const antlr4::Token* opener = brackets_.unclosed.back();
    sink_.report(index, Diagnostic::make(DiagCode::E0011, positions_.span(opener),
                                         "this `" + opener->getText() + "` is never closed")
                            .label("opened here")
                            .with_help("add `" + closer_for(opener) + "` to close it"));
  }

  bool report_mismatch(const antlr4::Token* offending) {
    for (const BracketReport::Mismatch& mismatch : brackets_.mismatches) {
      if (mismatch.closer != offending) continue;
      if (!mismatch_reported_.insert(offending).second) return true;
      std::string text = offending->getText();
      Span span = positions_.span(offending);
      if (mismatch.opener == nullptr) {
        sink_.report(offending->getTokenIndex(),
                     Diagnostic::make(DiagCode::E0001, span, "unexpected closing `" + text + "`")
                         .label("no `" + opener_for(text) + "` is open here")
                         .with_help("remove this `" + text + "`"));
        return true;
      }
      std::string open = mismatch.opener->getText();
      sink_.report(offending->getTokenIndex(),
                   Diagnostic::make(DiagCode::E0001, span, "mismatched closing `" + text + "`")
                       .label("expected `" + closer_for(mismatch.opener) + "`")
                       .also(positions_.span(mismatch.opener), "this `" + open + "` is still open")
                       .with_help("close the `" + open + "` with `" + closer_for(mismatch.opener) +
                                  "` first"));
      return true;
    }
    return false;
  }

  static Diagnostic unknown_keyword(Span span, const std::string& word, const std::string& match,
                                    const char* what) {
    return Diagnostic::make(DiagCode::E0009, span, std::string(what) + " `" + word + "`")
        .with_help("did you mean `" + match + "`?")
        .with_fix(span, match);
  }

  /// Without an expected set (a prediction that failed after its first
  /// token), a word that was not acceptable here is still most likely a
  /// misspelt keyword.
  Diagnostic describe_unexpected(const antlr4::Token* offending,
                                 const antlr4::dfa::Vocabulary& vocabulary) const {
    Span span = positions_.span(offending);
    if (offending->getType() == SlipwayParser::ID) {
      std::string word = offending->getText();
      if (std::optional<std::string> match = closest_match(word, keywords(vocabulary))) {
        return unknown_keyword(span, word, *match, "unknown keyword");
      }
    }
    return Diagnostic::make(DiagCode::E0001, span, "unexpected " + describe_found(offending, false));
  }

  Diagnostic describe(const antlr4::Token* offending, const ExpectedTokens& wanted) const {
    Span span = positions_.span(offending);
    size_t type = offending->getType();
    if (type == SlipwayParser::ID && !wanted.keywords.empty()) {
      std::string word = offending->getText();
      if (std::optional<std::string> match = closest_match(word, wanted.keywords)) {
        bool property = wanted.context == SyntaxContext::StepBody && *match != "matches";
        return unknown_keyword(span, word, *match,
                               property ? "unknown step property" : "unknown keyword");
      }
    }
    std::string found = describe_found(offending, true);
    if (starts_statement(type) && wanted.has(SlipwayParser::RBRACE)) {
      return Diagnostic::make(DiagCode::E0001, span, "expected `}`, found " + found)
          .label("expected `}` before this")
          .with_help("add `}` to close the block before this `" + offending->getText() + "`");
    }
    std::string unexpected = "unexpected " + describe_found(offending, false);
    switch (wanted.context) {
      case SyntaxContext::File:
        return Diagnostic::make(DiagCode::E0001, span, "expected a declaration, found " + found)
            .with_help("a file holds `import`, `param`, `secret`, `template`, `pipeline` and "
                       "`workflow` declarations");
      case SyntaxContext::StepBody:
        return Diagnostic::make(DiagCode::E0001, span, unexpected + " in a step body")
            .with_help("a step body holds properties (`image`, `run`, `env`, `needs`, ...), "
                       "`service` blocks and `on_failure`/`always` hooks");
      case SyntaxContext::Workflow:
        return Diagnostic::make(DiagCode::E0001, span, unexpected + " in a workflow")
            .with_help("a workflow holds `on` triggers, `param`, `secret`, `pipeline` and `step` "
                       "declarations, and chains such as `build -> deploy`");
      default:
        break;
    }
    if (wanted.items.empty()) return Diagnostic::make(DiagCode::E0001, span, unexpected);
    std::string expected = join_expected(wanted.items);
    return Diagnostic::make(DiagCode::E0001, span, "expected " + expected + ", found " + found)
        .label("expected " + expected);
  }

  const TokenPositions& positions_;
  const BracketReport& brackets_;
  SyntaxErrorSink& sink_;
  bool eof_reported_ = false;
  std::set<const antlr4::Token*> mismatch_reported_;
};

/// ANTLR's recovery (single-token insertion and deletion, resync sets) with
/// our reporting instead of its messages.
class Strategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit Strategy(Reporter& reporter) : reporter_(reporter) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override {
    // The expected set belongs to the decision's first token; when the
    // prediction failed further on, it says nothing about the offending one.
    antlr4::misc::IntervalSet expected = e.getExpectedTokens();
    bool at_start = e.getStartToken() == e.getOffendingToken();
    reporter_.report(parser, e.getOffendingToken(), at_start ? &expected : nullptr);
  }
  void reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) override {
    antlr4::misc::IntervalSet expected = e.getExpectedTokens();
    reporter_.report(parser, e.getOffendingToken(), &expected);
  }
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override {
    reporter_.report(parser, e.getOffendingToken(), nullptr);
  }
  void reportUnwantedToken(antlr4::Parser* parser) override { report_current(parser); }
  void reportMissingToken(antlr4::Parser* parser) override { report_current(parser); }

  // ANTLR abandons the whole block when the first entry of a `stepItem*`
  // style loop is bad, and the block's `}` then closes the enclosing block;
  // skipping to the next entry (as it does for later entries) keeps the
  // braces paired and avoids a cascade.
  void sync(antlr4::Parser* parser) override {
    if (!inErrorRecoveryMode(parser)) {
      const antlr4::atn::ATN& atn = parser->getATN();
      antlr4::atn::ATNState* state = atn.states[parser->getState()];
      const antlr4::misc::IntervalSet& next = atn.nextTokens(state);
      size_t la = parser->getTokenStream()->LA(1);
      if (state->getStateType() == antlr4::atn::ATNState::STAR_LOOP_ENTRY && !next.contains(la) &&
          !next.contains(antlr4::Token::EPSILON)) {
        reportUnwantedToken(parser);
        antlr4::misc::IntervalSet stop = parser->getExpectedTokens().Or(getErrorRecoverySet(parser));
        consumeUntil(parser, stop);
        return;
      }
    }
    antlr4::DefaultErrorStrategy::sync(parser);
  }

 private:
  void report_current(antlr4::Parser* parser) {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    antlr4::misc::IntervalSet expected = getExpectedTokens(parser);
    reporter_.report(parser, parser->getCurrentToken(), &expected);
  }

  Reporter& reporter_;
};

/// Catches any error that reaches the listeners some other way.
class Listener : public antlr4::BaseErrorListener {
 public:
  explicit Listener(Reporter& reporter) : reporter_(reporter) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser == nullptr) return;
    antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    reporter_.report(parser, offending, &expected);
  }

 private:
  Reporter& reporter_;
};

}  // namespace

SyntaxErrorSink::SyntaxErrorSink(DiagnosticEngine& diags, std::optional<DiagCode> code_override,
                                 std::optional<Label> context)
    : diags_(diags), code_override_(code_override), context_(std::move(context)) {}

void SyntaxErrorSink::report(size_t token_index, Diagnostic diagnostic) {
  ++seen_;
  uint32_t line = diagnostic.primary.begin.line;
  bool cascade = last_token_.has_value() &&
                 (line == last_line_ ||
                  (token_index > *last_token_ && token_index - *last_token_ <= kCascadeTokens));
  last_token_ = token_index;
  last_line_ = line;
  if (!cascade) emit(std::move(diagnostic));
}

void SyntaxErrorSink::emit(Diagnostic diagnostic) {
  if (emitted_ > kMaxSyntaxErrors) return;
  if (emitted_ == kMaxSyntaxErrors) {
    ++emitted_;
    Diagnostic stop = Diagnostic::make(code_override_.value_or(DiagCode::E0001),
                                       diagnostic.primary, "too many errors; stopping");
    stop.severity = Severity::Note;
    diags_.emit(std::move(stop));
    return;
  }
  ++emitted_;
  if (code_override_ && diagnostic.code != DiagCode::E0005) diagnostic.code = *code_override_;
  if (context_) diagnostic.secondary.push_back(*context_);
  diags_.emit(std::move(diagnostic));
}

struct ParserErrors::State {
  State(const TokenPositions& positions, const BracketReport& brackets, SyntaxErrorSink& sink)
      : reporter(positions, brackets, sink),
        strategy(std::make_shared<Strategy>(reporter)),
        listener(reporter) {}
  Reporter reporter;
  std::shared_ptr<Strategy> strategy;
  Listener listener;
};

ParserErrors::ParserErrors(SlipwayParser& parser, const TokenPositions& positions,
                           const BracketReport& brackets, SyntaxErrorSink& sink)
    : parser_(parser), state_(std::make_unique<State>(positions, brackets, sink)) {
  parser_.removeErrorListeners();
  parser_.addErrorListener(&state_->listener);
  parser_.setErrorHandler(state_->strategy);
}

ParserErrors::~ParserErrors() {
  parser_.removeErrorListeners();
  parser_.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
}

}  // namespace slipway::syntax
