#pragma once
// A file read and written at explicit offsets (pread/pwrite), for outputs that several workers
// fill in disjoint pieces: tree files and the sealed replica, where each MPI rank writes its own
// sub-trees into one shared file. Writes land in a "<final>.partial" file; commit() makes it
// durable and renames it to its final name, so the final name only ever holds a complete file.
// Short reads and writes are retried; failures are Error{Io} naming the path.
#include <cstdint>
#include <filesystem>
#include <span>

namespace vseal::io {

class PositionalFile {
 public:
  // Opens an existing file read-only.
  static PositionalFile open_read(const std::filesystem::path& path);
  // Opens (creating if needed) read-write; the file keeps its contents.
  static PositionalFile open_write(const std::filesystem::path& path);
  ~PositionalFile();
  PositionalFile(PositionalFile&& other) noexcept;
  PositionalFile& operator=(PositionalFile&& other) noexcept;
  PositionalFile(const PositionalFile&) = delete;
  PositionalFile& operator=(const PositionalFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t size() const;
  void resize(std::uint64_t bytes);
  // Exactly out.size() bytes from `offset`; reading past the end is Error{Io}.
  void read_at(std::uint64_t offset, std::span<std::uint8_t> out) const;
  void write_at(std::uint64_t offset, std::span<const std::uint8_t> bytes);
  void sync();

 private:
  PositionalFile(std::filesystem::path path, int fd);
  std::filesystem::path path_;
  int fd_ = -1;
};

// "<path>.partial": where a file is built before commit_partial_file renames it into place.
std::filesystem::path partial_path(const std::filesystem::path& path);
// fsyncs "<path>.partial", renames it to `path` and fsyncs the directory.
void commit_partial_file(const std::filesystem::path& path);

}  // namespace vseal::io
