#pragma once
// Files that appear whole or not at all: data goes to "<path>.tmp-<pid>", is fsync'ed, then
// renamed over <path> and the directory fsync'ed. A crash leaves the old file (or none) plus at
// most a stray temporary, never a truncated <path>. Errors are Error{Io} naming the path.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace vseal::io {

class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path);
  ~AtomicFileWriter();  // removes the temporary if commit() was not reached
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::span<const std::uint8_t> bytes);
  // fsync, rename into place, fsync the directory.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path tmp_;
  int fd_ = -1;
};

void write_file_atomic(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
void write_file_atomic(const std::filesystem::path& path, const std::string& text);
std::string read_text_file(const std::filesystem::path& path);
// The whole file as bytes (keys, proofs); Error{Io} naming the path when it cannot be read.
std::vector<std::uint8_t> read_binary_file(const std::filesystem::path& path);

}  // namespace vseal::io
