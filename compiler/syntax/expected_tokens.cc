// Token names for syntax error messages: literal tokens read as their text
// (`{`, `image`), the others as words ("a string", "a name"), and large
// expected sets are grouped ("an expression", "an operator") or replaced by
// the context they reveal (a step body, a workflow, the top level).

#include <algorithm>
#include <cctype>

#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {
namespace {

using P = SlipwayParser;

constexpr size_t kMaxShownString = 24;

bool starts_expression(size_t type) {
  switch (type) {
    case P::STRING: case P::TRIPLE_STRING: case P::INT: case P::DURATION: case P::TRUE:
    case P::FALSE: case P::LBRACK: case P::LPAREN: case P::NOT: case P::MINUS:
      return true;
    default:
      return is_ident_token(type);
  }
}

bool is_binary_operator(size_t type) {
  switch (type) {
    case P::PLUS: case P::MINUS: case P::LT: case P::LE: case P::GT: case P::GE: case P::EQ:
    case P::NE: case P::MATCHES: case P::AND: case P::OR:
      return true;
    default:
      return false;
  }
}

// Appends instead of `"`" + text + "`"`, which trips a false -Wrestrict in
// GCC 12 at -O2.
std::string backticked(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '`';
  out += text;
  out += '`';
  return out;
}

/// The token's literal text without ANTLR's quotes, or "" for non-literals.
std::string literal_text(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  std::string name = vocabulary.getLiteralName(type);
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') {
    return name.substr(1, name.size() - 2);
  }
  return "";
}

std::string describe_type(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case P::STRING: return "a string";
    case P::TRIPLE_STRING: return "a multi-line string";
    case P::INT: return "an integer";
    case P::DURATION: return "a duration";
    case P::ID: return "a name";
    default: break;
  }
  std::string text = literal_text(vocabulary, type);
  return backticked(text.empty() ? vocabulary.getSymbolicName(type) : text);
}

SyntaxContext context_of(const ExpectedTokens& set) {
  if (set.has(P::IMAGE) && set.has(P::RUN) && set.has(P::NEEDS) && !set.has(P::ID)) {
    return SyntaxContext::StepBody;
  }
  if (set.has(P::PARAM) && set.has(P::TEMPLATE) && set.has(P::PIPELINE)) return SyntaxContext::File;
  if (set.has(P::PIPELINE) && set.has(P::ON)) return SyntaxContext::Workflow;
  return SyntaxContext::Other;
}

}  // namespace

bool is_ident_token(size_t type) {
  switch (type) {
    case P::ID: case P::IMAGE: case P::RUN: case P::ENTRYPOINT: case P::WORKDIR: case P::ENV:
    case P::FILES: case P::OUTPUTS: case P::NEEDS: case P::TIMEOUT: case P::RETRY: case P::READY:
    case P::SERVICE: case P::ALWAYS: case P::PUSH: case P::BRANCHES: case P::TAGS: case P::URL:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> keywords(const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::string> out;
  for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    std::string text = literal_text(vocabulary, type);
    if (!text.empty() && std::isalpha(static_cast<unsigned char>(text[0]))) out.push_back(text);
  }
  return out;
}

bool ExpectedTokens::has(size_t type) const {
  return std::find(types.begin(), types.end(), type) != types.end();
}

std::string describe_found(const antlr4::Token* token, bool with_article) {
  size_t type = token->getType();
  if (type == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (type == P::TRIPLE_STRING || type == P::UNTERMINATED_TRIPLE_STRING) {
    return with_article ? "a multi-line string" : "multi-line string";
  }
  if ((type == P::STRING || type == P::UNTERMINATED_STRING) &&
      code_point_count(text) > kMaxShownString) {
    return with_article ? "a string" : "string";
  }
  return backticked(text);
}

ExpectedTokens describe_expected(const antlr4::misc::IntervalSet& set,
                                 const antlr4::dfa::Vocabulary& vocabulary) {
  ExpectedTokens out;
  for (ssize_t element : set.toList()) {
    out.types.push_back(element < 0 ? antlr4::Token::EOF : static_cast<size_t>(element));
  }
  out.context = context_of(out);
  bool names = out.has(P::ID);
  bool expressions = out.has(P::STRING) && out.has(P::INT) && out.has(P::NOT);
  bool operators = out.has(P::PLUS) && out.has(P::AND) && out.has(P::OR) && out.has(P::EQ);
  bool eof = false;
  for (size_t type : out.types) {
    std::string text = literal_text(vocabulary, type);
    bool word = !text.empty() && std::isalpha(static_cast<unsigned char>(text[0]));
    if (word && !names) out.keywords.push_back(text);
    if (type == antlr4::Token::EOF) {
      eof = true;
    } else if (expressions && starts_expression(type)) {
      continue;
    } else if (names && is_ident_token(type)) {
      continue;
    } else if (operators && is_binary_operator(type)) {
      continue;
    } else {
      out.items.push_back(describe_type(vocabulary, type));
    }
  }
  if (names && !expressions) out.items.push_back("a name");
  if (expressions) out.items.push_back("an expression");
  if (operators) out.items.push_back("an operator");
  if (eof) out.items.push_back("end of file");
  if (out.context == SyntaxContext::Other && expressions && out.items.size() == 1) {
    out.context = SyntaxContext::Expression;
  }
  return out;
}

std::string join_expected(const std::vector<std::string>& items) {
  if (items.size() == 1) return items[0];
  std::string out = "one of ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += items.size() == 2 ? " or " : i + 1 == items.size() ? ", or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace slipway::syntax
