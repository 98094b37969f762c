// Conversions between the file's UTF-8 and the code points ANTLR and the
// string decoder work on. Input is validated by check_input first, so these
// only need to be total, not strict.

#include "compiler/syntax/syntax_internal.h"

namespace slipway::syntax {

std::u32string utf8_to_utf32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t next = next_code_point(text, i);
    auto lead = static_cast<unsigned char>(text[i]);
    char32_t c = 0xFFFD;
    size_t length = next - i;
    if (length == 1) {
      if (lead < 0x80) c = lead;
    } else {
      c = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
      for (size_t k = i + 1; k < next; ++k) c = (c << 6) | (static_cast<unsigned char>(text[k]) & 0x3F);
    }
    out.push_back(c);
    i = next;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string utf32_to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

size_t code_point_count(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace slipway::syntax
