#include "runtime/engine/stream_demux.h"

#include <cstdint>

namespace slipway::runtime::engine {

void StreamDemux::take(StreamKind stream, std::string_view payload, std::vector<StreamLine>& lines) {
  std::string& partial = partial_[static_cast<int>(stream)];
  while (!payload.empty()) {
    auto newline = payload.find('\n');
    if (newline == std::string_view::npos) {
      partial.append(payload);
      if (partial.size() >= kMaxLine) {
        lines.push_back({stream, std::move(partial)});
        partial.clear();
      }
      return;
    }
    partial.append(payload.substr(0, newline));
    if (!partial.empty() && partial.back() == '\r') partial.pop_back();
    lines.push_back({stream, std::move(partial)});
    partial.clear();
    payload.remove_prefix(newline + 1);
  }
}

void StreamDemux::feed(std::string_view bytes, std::vector<StreamLine>& lines) {
  if (tty_) {
    take(StreamKind::Stdout, bytes, lines);
    return;
  }
  frame_.append(bytes);
  size_t pos = 0;
  while (frame_.size() - pos >= 8) {
    const auto* h = reinterpret_cast<const unsigned char*>(frame_.data() + pos);
    uint32_t length = (uint32_t{h[4]} << 24) | (uint32_t{h[5]} << 16) | (uint32_t{h[6]} << 8) | uint32_t{h[7]};
    if (frame_.size() - pos - 8 < length) break;
    // Stream 0 (stdin echo) and unknown streams are shown as stdout.
    StreamKind kind = h[0] == 2 ? StreamKind::Stderr : StreamKind::Stdout;
    take(kind, std::string_view(frame_).substr(pos + 8, length), lines);
    pos += 8 + length;
  }
  frame_.erase(0, pos);
}

void StreamDemux::finish(std::vector<StreamLine>& lines) {
  for (int i : {1, 2}) {
    if (partial_[i].empty()) continue;
    lines.push_back({static_cast<StreamKind>(i), std::move(partial_[i])});
    partial_[i].clear();
  }
  frame_.clear();
}

std::vector<StreamLine> demux_all(std::string_view bytes, bool tty) {
  StreamDemux demux(tty);
  std::vector<StreamLine> lines;
  demux.feed(bytes, lines);
  demux.finish(lines);
  return lines;
}

}  // namespace slipway::runtime::engine
