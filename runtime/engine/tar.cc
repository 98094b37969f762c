#include "runtime/engine/tar.h"

#include <cstring>

namespace slipway::runtime::engine {
namespace {

constexpr size_t kBlock = 512;

void put_octal(char* field, size_t width, uint64_t value) {
  // width-1 digits then NUL
  std::string digits(width - 1, '0');
  for (size_t i = width - 1; i-- > 0 && value;) {
    digits[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

void put_text(char* field, size_t width, std::string_view text) {
  std::memcpy(field, text.data(), std::min(width, text.size()));
}

uint64_t get_octal(const char* field, size_t width) {
  uint64_t value = 0;
  size_t i = 0;
  while (i < width && (field[i] == ' ' || field[i] == '\0')) ++i;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) value = value * 8 + static_cast<uint64_t>(field[i] - '0');
  return value;
}

std::string get_text(const char* field, size_t width) {
  size_t n = 0;
  while (n < width && field[n]) ++n;
  return std::string(field, n);
}

void pad(std::string& data) {
  if (size_t rest = data.size() % kBlock) data.append(kBlock - rest, '\0');
}

std::string clean_path(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (!path.empty() && path[0] == '/') path.erase(0, 1);
  return path;
}

/// A PAX record: "LEN key=value\n", LEN counting itself.
std::string pax_record(const std::string& key, const std::string& value) {
  size_t body = key.size() + value.size() + 3;  // space, '=', newline
  size_t len = body + 1;
  while (std::to_string(len).size() + body != len) ++len;
  return std::to_string(len) + " " + key + "=" + value + "\n";
}

}  // namespace

void TarWriter::header(const std::string& name, char type, uint64_t size, uint32_t mode, int64_t mtime,
                       const std::string& link) {
  char block[kBlock] = {0};
  put_text(block, 100, name);
  put_octal(block + 100, 8, mode);
  put_octal(block + 108, 8, 0);  // uid
  put_octal(block + 116, 8, 0);  // gid
  put_octal(block + 124, 12, size);
  put_octal(block + 136, 12, static_cast<uint64_t>(mtime < 0 ? 0 : mtime));
  std::memset(block + 148, ' ', 8);
  block[156] = type;
  put_text(block + 157, 100, link);
  std::memcpy(block + 257, "ustar\0" "00", 8);
  unsigned sum = 0;
  for (unsigned char c : block) sum += c;
  put_octal(block + 148, 7, sum);
  block[155] = ' ';
  data_.append(block, kBlock);
}

void TarWriter::add(const TarEntry& entry) {
  std::string path = clean_path(entry.path);
  if (entry.type == TarEntry::Type::Directory && (path.empty() || path.back() != '/')) path += '/';
  char type = entry.type == TarEntry::Type::File ? '0' : entry.type == TarEntry::Type::Directory ? '5' : '2';
  std::string name = path;
  if (path.size() > 100 || entry.link.size() > 100) {
    std::string pax;
    if (path.size() > 100) pax += pax_record("path", path);
    if (entry.link.size() > 100) pax += pax_record("linkpath", entry.link);
    header("PaxHeader/" + path.substr(0, 80), 'x', pax.size(), 0644, entry.mtime, "");
    data_ += pax;
    pad(data_);
    name = path.substr(0, 100);
  }
  uint64_t size = entry.type == TarEntry::Type::File ? entry.content.size() : 0;
  header(name, type, size, entry.mode, entry.mtime, entry.link.substr(0, 100));
  if (size) {
    data_ += entry.content;
    pad(data_);
  }
}

void TarWriter::add_file(const std::string& path, std::string_view content, uint32_t mode, int64_t mtime) {
  add(TarEntry{TarEntry::Type::File, path, std::string(content), "", mode, mtime});
}

void TarWriter::add_directory(const std::string& path, uint32_t mode, int64_t mtime) {
  add(TarEntry{TarEntry::Type::Directory, path, "", "", mode, mtime});
}

std::string TarWriter::finish() {
  data_.append(2 * kBlock, '\0');
  return std::move(data_);
}

std::optional<std::vector<TarEntry>> read_tar(std::string_view data) {
  std::vector<TarEntry> entries;
  std::string long_name, long_link;
  size_t pos = 0;
  while (pos + kBlock <= data.size()) {
    const char* h = data.data() + pos;
    bool zero = true;
    for (size_t i = 0; i < kBlock && zero; ++i) zero = h[i] == 0;
    if (zero) break;
    unsigned sum = 0;
    for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    if (sum != get_octal(h + 148, 8)) return std::nullopt;
    uint64_t size = get_octal(h + 124, 12);
    char type = h[156];
    pos += kBlock;
    if (pos + size > data.size()) return std::nullopt;
    std::string_view body = data.substr(pos, size);
    pos += (size + kBlock - 1) / kBlock * kBlock;
    if (type == 'x') {  // PAX: path and linkpath apply to the next entry
      while (!body.empty()) {
        auto space = body.find(' ');
        if (space == std::string_view::npos) break;
        size_t len = std::strtoul(std::string(body.substr(0, space)).c_str(), nullptr, 10);
        if (len == 0 || len > body.size()) break;
        std::string_view record = body.substr(space + 1, len - space - 2);
        auto eq = record.find('=');
        if (eq != std::string_view::npos) {
          if (record.substr(0, eq) == "path") long_name = std::string(record.substr(eq + 1));
          if (record.substr(0, eq) == "linkpath") long_link = std::string(record.substr(eq + 1));
        }
        body.remove_prefix(len);
      }
      continue;
    }
    if (type == 'L' || type == 'K') {  // GNU long name / link
      std::string text(body);
      while (!text.empty() && text.back() == '\0') text.pop_back();
      (type == 'L' ? long_name : long_link) = text;
      continue;
    }
    TarEntry entry;
    std::string name = get_text(h, 100);
    std::string prefix = std::memcmp(h + 257, "ustar", 5) == 0 ? get_text(h + 345, 155) : "";
    entry.path = !long_name.empty() ? long_name : prefix.empty() ? name : prefix + "/" + name;
    entry.link = !long_link.empty() ? long_link : get_text(h + 157, 100);
    long_name.clear();
    long_link.clear();
    entry.mode = static_cast<uint32_t>(get_octal(h + 100, 8));
    entry.mtime = static_cast<int64_t>(get_octal(h + 136, 12));
    if (type == '0' || type == '\0' || type == '7') {
      entry.type = TarEntry::Type::File;
      entry.content = std::string(body);
    } else if (type == '5') {
      entry.type = TarEntry::Type::Directory;
    } else if (type == '2') {
      entry.type = TarEntry::Type::Symlink;
    } else {
      continue;  // hard links, devices, FIFOs: not needed here
    }
    entry.path = clean_path(entry.path);
    while (!entry.path.empty() && entry.path.back() == '/') entry.path.pop_back();
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace slipway::runtime::engine
