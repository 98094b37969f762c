#include "backends/common/yaml_writer.h"

#include <cassert>

#include <yaml-cpp/yaml.h>

#include "backends/common/yaml_text.h"

namespace slipway::backends {
namespace {

constexpr size_t kIndent = 2;
/// yaml-cpp writes keys longer than this as `? key`; kept for identical output.
constexpr size_t kLongKey = 1024;
constexpr uint32_t kReplacement = 0xFFFD;

/// Decodes one UTF-8 sequence at `p`. Malformed input decodes to U+FFFD the
/// way the previous emitter did (a bad lead byte is skipped alone, a
/// truncated sequence stops before the offending byte), so that text which
/// is not valid UTF-8 still comes out as the same bytes as before.
uint32_t next_code_point(const char*& p, const char* end) {
  unsigned char lead = static_cast<unsigned char>(*p++);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 4) == 0xF ? 4 : 0;
  if (length == 1) return lead;
  if (length == 0) return kReplacement;
  uint32_t cp = lead & (0xFFu >> (length + 1));
  for (int i = 1; i < length; ++i) {
    if (p == end || (static_cast<unsigned char>(*p) & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (static_cast<unsigned char>(*p++) & 0x3F);
  }
  bool bad = cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp & 0xFFFE) == 0xFFFE ||
             (cp >= 0xFDD0 && cp <= 0xFDEF);
  return bad ? kReplacement : cp;
}

void put_code_point(std::string& out, uint32_t cp) {
  if (cp <= 0x7F) {
    out += static_cast<char>(cp);
  } else if (cp <= 0x7FF) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp <= 0xFFFF) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void put_escape(std::string& out, uint32_t cp) {
  static constexpr char kHex[] = "0123456789abcdef";
  int digits = cp < 0xFF ? 2 : cp < 0xFFFF ? 4 : 8;
  out += '\\';
  out += digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
  for (int d = digits - 1; d >= 0; --d) out += kHex[(cp >> (4 * d)) & 0xF];
}

bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

void YamlWriter::newline() {
  out_ += '\n';
  line_start_ = out_.size();
  comment_ = false;
}

void YamlWriter::pad_to(size_t column) {
  if (col() < column) out_.append(column - col(), ' ');
}

void YamlWriter::space_or_pad(bool space, size_t column) {
  if (comment_) newline();
  if (space && col() > 0) out_ += ' ';
  pad_to(column);
}

void YamlWriter::append(std::string_view text) {
  out_ += text;
  size_t nl = text.rfind('\n');
  if (nl != std::string_view::npos) line_start_ = out_.size() - (text.size() - nl - 1);
}

// Writes what goes before a node: the `- ` of a list item, the `key: ` of an
// entry, the `[`/`, ` of a flow list, or the line break before a nested
// block group. `tagged_` means the node's `- `/`: ` is already out.
void YamlWriter::prepare(Node child, bool long_scalar) {
  if (frames_.empty()) return;  // the root map starts the document
  Frame& f = frames_.back();
  if (f.flow) {
    assert(child == Node::Scalar);
    out_ += f.count == 0 ? "[" : ", ";
    return;
  }
  if (f.map) prepare_block_map_entry(f, child, long_scalar);
  else prepare_block_seq_item(f, child);
}

void YamlWriter::prepare_block_seq_item(Frame& f, Node child) {
  if (!tagged_) {
    if (f.count > 0 || comment_) newline();
    pad_to(f.indent);
    out_ += '-';
  }
  switch (child) {
    case Node::Scalar:
    case Node::FlowSeq:
    case Node::Tag: space_or_pad(tagged_, f.indent + kIndent); break;
    case Node::BlockSeq: newline(); break;
    case Node::BlockMap:
      // The map's first key goes on the `- ` line.
      if (tagged_ || comment_) newline();
      break;
  }
}

void YamlWriter::prepare_block_map_entry(Frame& f, Node child, bool long_scalar) {
  bool block = child == Node::BlockSeq || child == Node::BlockMap;
  if (f.count % 2 == 0) {  // key
    assert(!tagged_ && child != Node::Tag);
    f.long_key = long_scalar || block;
    if (f.count > 0) newline();
    if (f.long_key) {
      if (comment_) newline();
      pad_to(f.indent);
      out_ += '?';
      space_or_pad(true, f.indent + 1);
    } else {
      space_or_pad(false, f.indent);
    }
    return;
  }
  if (f.long_key) {  // value of a `? key`
    if (!tagged_) {
      newline();
      pad_to(f.indent);
      out_ += ':';
    }
    if (block && tagged_) newline();
    space_or_pad(true, f.indent + 1);
    return;
  }
  if (!tagged_) out_ += ':';
  if (block) newline();
  else space_or_pad(true, f.indent + kIndent);
}

void YamlWriter::node_done() {
  tagged_ = false;
  anchored_ = false;
  if (!frames_.empty()) ++frames_.back().count;
}

void YamlWriter::begin_group(bool map, bool flow) {
  prepare(flow ? Node::FlowSeq : map ? Node::BlockMap : Node::BlockSeq);
  tagged_ = false;
  size_t indent = frames_.empty() ? 0 : frames_.back().indent + kIndent;
  frames_.push_back(Frame{map, flow, indent});
}

void YamlWriter::end_group() {
  Frame f = frames_.back();
  frames_.pop_back();
  if (f.flow) {
    if (f.count == 0) out_ += '[';
    out_ += ']';
  } else if (f.count == 0) {
    // An empty block group is written in flow style on its own line.
    if (comment_) newline();
    pad_to(f.indent);
    out_ += f.map ? "{}" : "[]";
  }
  node_done();
}

void YamlWriter::begin_map() { begin_group(true, false); }
void YamlWriter::end_map() { end_group(); }
void YamlWriter::begin_seq() { begin_group(false, false); }
void YamlWriter::begin_flow_seq() { begin_group(false, true); }
void YamlWriter::end_seq() { end_group(); }

void YamlWriter::string(std::string_view text) {
  bool flow = !frames_.empty() && frames_.back().flow;
  if (is_plain_safe(text)) {
    // In a flow list a `?` anywhere needs quotes, as yaml-cpp decided.
    scalar(text, flow && text.find('?') != std::string_view::npos ? Style::DoubleQuoted : Style::Plain);
    return;
  }
  scalar(text, !flow && is_literal_safe(text) ? Style::Literal : Style::DoubleQuoted);
}

void YamlWriter::word(std::string_view text) {
  assert(frames_.empty() || !frames_.back().flow);
  if (is_plain_safe(text)) {
    scalar(text, Style::Plain);
    return;
  }
  // Rare (no backend writes one today): let yaml-cpp pick plain or quoted
  // for this one scalar, as it did when it wrote the whole file.
  YAML::Emitter one;
  one << std::string(text);
  prepare(Node::Scalar, text.size() > kLongKey);
  append(one.c_str());
  node_done();
}

void YamlWriter::boolean(bool value) { scalar(value ? "true" : "false", Style::Plain); }

void YamlWriter::integer(int64_t value) { scalar(std::to_string(value), Style::Plain); }

void YamlWriter::local_tag(std::string_view name) {
  prepare(Node::Tag);
  out_ += '!';
  out_ += name;
  tagged_ = true;
}

void YamlWriter::anchor(std::string_view name) {
  prepare(Node::Tag);
  out_ += '&';
  out_ += name;
  tagged_ = true;
  anchored_ = true;
}

void YamlWriter::alias(std::string_view name) { scalar(std::string("*").append(name), Style::Plain); }

void YamlWriter::comment(std::string_view text) {
  assert(text.find('\n') == std::string_view::npos && col() > 0);
  out_ += "  # ";
  out_ += text;
  comment_ = true;
}

void YamlWriter::scalar(std::string_view text, Style style) {
  prepare(Node::Scalar, style == Style::Literal || text.size() > kLongKey);
  if (anchored_ && style == Style::Literal) {
    // yaml-cpp 0.7 cannot read `- &name |` (it takes the block for flow
    // text); the block indicator on the next line reads the same everywhere.
    if (!out_.empty() && out_.back() == ' ') out_.pop_back();
    newline();
    pad_to(frames_.back().indent + kIndent);
  }
  switch (style) {
    case Style::Plain: out_ += text; break;
    case Style::DoubleQuoted: double_quoted(text); break;
    case Style::Literal: literal(text, frames_.back().indent + kIndent); break;
  }
  node_done();
}

// `|` then each line indented; empty lines stay empty. The text ends in one
// line break (is_literal_safe), which `|` keeps.
void YamlWriter::literal(std::string_view text, size_t indent) {
  out_ += "|\n";
  line_start_ = out_.size();
  bool ascii = is_ascii(text);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      out_.append(indent, ' ');
      std::string_view line = text.substr(start, end - start);
      if (ascii) {
        out_ += line;
      } else {
        for (const char *p = line.data(), *e = p + line.size(); p != e;) put_code_point(out_, next_code_point(p, e));
      }
    }
    if (end < text.size()) {
      out_ += '\n';
      line_start_ = out_.size();
    }
    start = end + 1;
  }
}

void YamlWriter::double_quoted(std::string_view text) {
  out_ += '"';
  for (const char *p = text.data(), *e = p + text.size(); p != e;) {
    uint32_t cp = next_code_point(p, e);
    switch (cp) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\t': out_ += "\\t"; break;
      case '\r': out_ += "\\r"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        // Control characters, C1 controls, no-break space and the BOM are escaped.
        if (cp < 0x20 || (cp >= 0x80 && cp <= 0xA0) || cp == 0xFEFF) put_escape(out_, cp);
        else put_code_point(out_, cp);
    }
  }
  out_ += '"';
}

}  // namespace slipway::backends
