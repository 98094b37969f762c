#include "compiler/diag/source.h"

#include <algorithm>

namespace slipway {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

/// Length of the UTF-8 sequence a lead byte announces, or 1 for a byte that
/// cannot start one (ASCII, a stray continuation byte, 0xC0/0xC1, 0xF5..0xFF).
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 1;
}

}  // namespace

size_t next_code_point(std::string_view text, size_t i) {
  if (i >= text.size()) return text.size();
  size_t length = sequence_length(static_cast<unsigned char>(text[i]));
  if (length > text.size() - i) return i + 1;
  for (size_t k = 1; k < length; ++k) {
    if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return i + 1;
  }
  return i + length;
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::string_view SourceFile::line(uint32_t line) const {
  if (line == 0 || line > line_count()) return {};
  size_t start = line_starts_[line - 1];
  if (line == line_count()) return std::string_view(text_).substr(start);
  size_t end = line_starts_[line] - 1;  // the '\n'
  // Only a '\r' right before the '\n' is part of the terminator; a lone '\r'
  // at the very end of the file stays in the text.
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

size_t SourceFile::offset(SourcePos pos) const {
  if (pos.line == 0) return 0;
  if (pos.line > line_count()) return text_.size();
  std::string_view content = line(pos.line);
  size_t i = 0;
  for (uint32_t col = 1; col < pos.col && i < content.size(); ++col) {
    i = next_code_point(content, i);
  }
  return line_starts_[pos.line - 1] + i;
}

SourcePos SourceFile::position(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<uint32_t>(after - line_starts_.begin());
  std::string_view content = this->line(line);
  // An offset inside the line terminator maps to the end of the line, so that
  // position() and offset() round-trip.
  size_t target = std::min(offset - line_starts_[line - 1], content.size());
  uint32_t col = 1;
  size_t i = 0;
  while (i < target) {
    size_t next = next_code_point(content, i);
    if (next > target) break;  // an offset inside a code point maps to it
    i = next;
    ++col;
  }
  return {line, col};
}

FileId SourceManager::add(std::string path, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace slipway
