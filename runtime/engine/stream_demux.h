#pragma once
// The engine's multiplexed stdout/stderr stream (attach, logs, exec without a
// TTY): frames of an 8-byte header (byte 0: 1 stdout / 2 stderr; bytes 4-7:
// big-endian payload length) then the payload. Frames do not align with
// lines, so each stream is buffered and split on newlines here; consumers
// (secret masking above all) only ever see whole lines.

#include <string>
#include <string_view>
#include <vector>

namespace slipway::runtime::engine {

enum class StreamKind { Stdout = 1, Stderr = 2 };

struct StreamLine {
  StreamKind stream = StreamKind::Stdout;
  std::string text;  ///< without the newline (and without a trailing \r)
};

class StreamDemux {
 public:
  /// `tty`: the container has a TTY, so the stream is raw stdout (no frames).
  explicit StreamDemux(bool tty = false) : tty_(tty) {}

  /// Consumes bytes as they arrive; appends each completed line to `lines`.
  void feed(std::string_view bytes, std::vector<StreamLine>& lines);

  /// End of stream: appends any unterminated rest of each stream as a line.
  void finish(std::vector<StreamLine>& lines);

  /// A line longer than this is emitted in pieces, so memory stays bounded.
  static constexpr size_t kMaxLine = 1 << 20;

 private:
  void take(StreamKind stream, std::string_view payload, std::vector<StreamLine>& lines);

  bool tty_;
  std::string frame_;     ///< bytes of an incomplete frame
  std::string partial_[3];  ///< unterminated text per stream (index 1, 2)
};

/// Decodes a complete multiplexed buffer (e.g. a non-following logs answer).
std::vector<StreamLine> demux_all(std::string_view bytes, bool tty = false);

}  // namespace slipway::runtime::engine
