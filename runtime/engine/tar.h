#pragma once
// A minimal tar (ustar + PAX long names) writer and reader: enough for the
// engine's archive API, which takes and returns tar streams. Regular files,
// directories and symlinks; everything else is skipped when reading.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::runtime::engine {

struct TarEntry {
  enum class Type { File, Directory, Symlink } type = Type::File;
  std::string path;     ///< relative, '/'-separated, no leading "./" or "/"
  std::string content;  ///< File
  std::string link;     ///< Symlink target
  uint32_t mode = 0644;
  int64_t mtime = 0;    ///< seconds since the epoch
};

/// Builds a tar stream entry by entry.
class TarWriter {
 public:
  void add(const TarEntry& entry);
  void add_file(const std::string& path, std::string_view content, uint32_t mode = 0644, int64_t mtime = 0);
  void add_directory(const std::string& path, uint32_t mode = 0755, int64_t mtime = 0);
  /// The archive, with the two terminating zero blocks.
  std::string finish();
  size_t size() const { return data_.size(); }

 private:
  void header(const std::string& name, char type, uint64_t size, uint32_t mode, int64_t mtime,
              const std::string& link);
  std::string data_;
};

/// Parses a tar stream; nullopt when a header is malformed (bad checksum,
/// truncated data).
std::optional<std::vector<TarEntry>> read_tar(std::string_view data);

}  // namespace slipway::runtime::engine
