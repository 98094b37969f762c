// Step 1 of parse_file: refuse input the lexer must never see (too large,
// NUL bytes, malformed UTF-8). ANTLR's UTF-8 decoder throws or silently
// substitutes on bad input, so these checks run on the raw bytes first.

#include <cstdio>
#include <string>

#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {
namespace {

bool in_range(unsigned char byte, unsigned char low, unsigned char high) {
  return byte >= low && byte <= high;
}

/// Why the sequence at text[i] is malformed, or nullptr when it is fine;
/// `length` receives the length of a well-formed sequence.
const char* utf8_problem(std::string_view text, size_t i, size_t& length) {
  auto lead = static_cast<unsigned char>(text[i]);
  length = 1;
  if (lead < 0x80) return nullptr;
  if (in_range(lead, 0x80, 0xBF)) return "is a continuation byte with no lead byte";
  if (lead == 0xC0 || lead == 0xC1) return "starts an overlong encoding";
  if (lead >= 0xF5) return lead <= 0xF7 ? "starts a code point above U+10FFFF" : "never appears in UTF-8";
  length = lead <= 0xDF ? 2 : lead <= 0xEF ? 3 : 4;
  // The second byte's valid range depends on the lead byte: this is what
  // rules out overlong forms, surrogates and values above U+10FFFF.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  const char* second_problem = "starts an incomplete sequence";
  if (lead == 0xE0 || lead == 0xF0) {
    low = lead == 0xE0 ? 0xA0 : 0x90;
    second_problem = "starts an overlong encoding";
  } else if (lead == 0xED) {
    high = 0x9F;
    second_problem = "starts a UTF-16 surrogate";
  } else if (lead == 0xF4) {
    high = 0x8F;
    second_problem = "starts a code point above U+10FFFF";
  }
  for (size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) return "starts an incomplete sequence";
    auto byte = static_cast<unsigned char>(text[i + k]);
    if (k == 1 && in_range(byte, 0x80, 0xBF) && !in_range(byte, low, high)) return second_problem;
    if (!in_range(byte, 0x80, 0xBF)) return "starts an incomplete sequence";
  }
  return nullptr;
}

Span char_span(const SourceFile& source, FileId file, size_t offset) {
  SourcePos begin = source.position(offset);
  return Span{file, begin, SourcePos{begin.line, begin.col + 1}};
}

bool check_nul(const SourceFile& source, FileId file, DiagnosticEngine& diags) {
  size_t nul = source.text().find('\0');
  if (nul == std::string::npos) return true;
  diags.emit(Diagnostic::make(DiagCode::E0004, char_span(source, file, nul),
                              "file contains a NUL byte")
                 .label("NUL byte here")
                 .note("Slipway files are text; this looks like a binary file"));
  return false;
}

bool check_utf8(const SourceFile& source, FileId file, DiagnosticEngine& diags) {
  std::string_view text = source.text();
  size_t i = 0;
  while (i < text.size()) {
    size_t length = 1;
    if (const char* problem = utf8_problem(text, i, length)) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "\\x%02x", static_cast<unsigned char>(text[i]));
      diags.emit(Diagnostic::make(DiagCode::E0003, char_span(source, file, i),
                                  "file is not valid UTF-8")
                     .label(std::string("byte `") + byte + "` " + problem)
                     .with_help("save the file with UTF-8 encoding"));
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

bool check_input(const SourceFile& source, FileId file, const ParseOptions& options,
                 DiagnosticEngine& diags) {
  if (source.text().size() > options.max_file_bytes) {
    SourcePos start{1, 1};
    diags.emit(Diagnostic::make(DiagCode::E0013, Span{file, start, start},
                                "file is too large to compile")
                   .note("the file has " + std::to_string(source.text().size()) +
                         " bytes; the limit is " + std::to_string(options.max_file_bytes)));
    return false;
  }
  bool nul_free = check_nul(source, file, diags);
  bool utf8 = check_utf8(source, file, diags);
  return nul_free && utf8;
}

}  // namespace slipway::syntax
