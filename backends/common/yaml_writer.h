#pragma once
// A small block-YAML writer for the generated pipeline files.
//
// Why not YAML::Emitter: on large workflows yaml-cpp spent a quarter of the
// compile time re-checking, with a per-character regex, that strings which
// `is_plain_safe` had already cleared may be written plain, and another
// tenth allocating its per-node state. This writer takes strings already
// classified by the rules in yaml_text.h and appends them to one buffer.
//
// Its layout reproduces, byte for byte, what the backends produced through
// yaml-cpp 0.7 (indent 2, `- ` items, `[a, b]` flow lists, `|` literal
// blocks, `"..."` quoting, `? key` for long keys, `[]`/`{}` for empty
// groups), so the golden files did not change; yaml_writer_test.cc checks it
// against yaml-cpp on generated documents. Only the shapes the backends use
// are supported: a root block map, block maps and sequences, flow sequences
// of scalars, a local tag on a flow sequence, an anchor on a scalar and
// its aliases, and a trailing comment.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::backends {

class YamlWriter {
 public:
  YamlWriter() = default;
  /// Starts the buffer with `prefix` (whole lines, e.g. the header comment),
  /// so the finished file is built in place rather than copied together.
  explicit YamlWriter(std::string prefix) : out_(std::move(prefix)), line_start_(out_.size()) {}

  void begin_map();
  void end_map();
  void begin_seq();
  /// `[a, b]`: for short lists of scalars.
  void begin_flow_seq();
  void end_seq();

  /// A string scalar (map key, value or list item), styled like
  /// `emit_string`: plain when safe, a literal block for multi-line text a
  /// block carries exactly, double-quoted otherwise.
  void string(std::string_view text);
  /// A constant the caller knows to be plain-safe (keys, enum words) or a
  /// formatted value such as "600s"; anything else is written the way
  /// yaml-cpp's automatic style would have written it.
  void word(std::string_view text);
  void boolean(bool value);
  void integer(int64_t value);
  /// `!name` on the node that follows.
  void local_tag(std::string_view name);
  /// `&name` on the scalar that follows, so that later `alias(name)` nodes
  /// stand for it (names: letters, digits, `-`, `_`).
  void anchor(std::string_view name);
  /// `*name`: the scalar anchored earlier under that name.
  void alias(std::string_view name);
  /// `  # text` after the value just written (single-line text).
  void comment(std::string_view text);

  /// The document, without a final line break (as yaml-cpp's c_str()).
  const std::string& text() const { return out_; }
  /// The finished file: prefix, document and a final line break.
  std::string finish() && {
    out_ += '\n';
    return std::move(out_);
  }

 private:
  enum class Node { Scalar, FlowSeq, BlockSeq, BlockMap, Tag };
  struct Frame {
    bool map;
    bool flow;
    size_t indent;  ///< column of this group's entries (block groups)
    size_t count = 0;  ///< nodes written, keys and values counted apart
    bool long_key = false;  ///< the current entry is written `? key` / `: value`
  };
  enum class Style { Plain, Literal, DoubleQuoted };

  size_t col() const { return out_.size() - line_start_; }
  void newline();
  void pad_to(size_t column);
  void space_or_pad(bool space, size_t column);
  void prepare(Node child, bool long_scalar = false);
  void prepare_block_seq_item(Frame& f, Node child);
  void prepare_block_map_entry(Frame& f, Node child, bool long_scalar);
  void begin_group(bool map, bool flow);
  void end_group();
  void node_done();
  void scalar(std::string_view text, Style style);
  void literal(std::string_view text, size_t indent);
  void double_quoted(std::string_view text);
  void append(std::string_view text);

  std::vector<Frame> frames_;
  std::string out_;
  size_t line_start_ = 0;
  bool tagged_ = false;   ///< a tag was written for the node being started
  bool anchored_ = false; ///< that tag is an anchor
  bool comment_ = false;  ///< the current line ends in a comment
};

}  // namespace slipway::backends
