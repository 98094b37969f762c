#pragma once
// Source files and positions. Every AST and IR node carries a Span so that a
// diagnostic can point at the exact text that caused it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace slipway {

/// 1-based line and column; columns count Unicode code points, a tab is one
/// column (renderers reproduce tabs so carets still line up).
struct SourcePos {
  uint32_t line = 0;
  uint32_t col = 0;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
  friend auto operator<=>(const SourcePos&, const SourcePos&) = default;
};

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

/// A half-open range [begin, end) in one file. An empty span (begin == end)
/// marks a point, e.g. the end of file.
struct Span {
  FileId file = kNoFile;
  SourcePos begin;
  SourcePos end;
  bool valid() const { return file != kNoFile && begin.line != 0; }
  friend bool operator==(const Span&, const Span&) = default;
};

/// Index just past the code point that starts at text[i] (text.size() when i
/// is at or past the end). A byte that does not begin a well-formed UTF-8
/// sequence counts as one code point on its own, so a walk never stalls or
/// overruns on malformed input. Shared by SourceFile and the renderers so that
/// columns agree everywhere.
size_t next_code_point(std::string_view text, size_t i);

/// One loaded source file: its display path, its text, and a line index.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  /// The text of a 1-based line without its line terminator ("" if out of range).
  std::string_view line(uint32_t line) const;
  /// Byte offset of a position (clamped to the line's end).
  size_t offset(SourcePos pos) const;
  /// Position of a byte offset.
  SourcePos position(size_t offset) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

/// Owns every file read in one compiler invocation; FileIds index into it.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace slipway
