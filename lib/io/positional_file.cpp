// pread/pwrite loops and the partial-file commit.
#include "io/positional_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "base/error.hpp"

namespace vseal::io {
namespace {

[[noreturn]] void io_error(const std::string& what, const std::filesystem::path& path) {
  throw Error(ErrorCode::Io, what + " " + path.string() + ": " + std::strerror(errno));
}

void fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) io_error("cannot open", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) io_error("cannot fsync", path);
}

}  // namespace

PositionalFile::PositionalFile(std::filesystem::path path, int fd)
    : path_(std::move(path)), fd_(fd) {}

PositionalFile PositionalFile::open_read(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) io_error("cannot open", path);
  return PositionalFile(path, fd);
}

PositionalFile PositionalFile::open_write(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) io_error("cannot open for writing", path);
  return PositionalFile(path, fd);
}

PositionalFile::~PositionalFile() {
  if (fd_ >= 0) ::close(fd_);
}

PositionalFile::PositionalFile(PositionalFile&& o) noexcept
    : path_(std::move(o.path_)), fd_(std::exchange(o.fd_, -1)) {}

PositionalFile& PositionalFile::operator=(PositionalFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(o.path_);
    fd_ = std::exchange(o.fd_, -1);
  }
  return *this;
}

std::uint64_t PositionalFile::size() const {
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  if (end < 0) io_error("cannot size", path_);
  return static_cast<std::uint64_t>(end);
}

void PositionalFile::resize(std::uint64_t bytes) {
  if (::ftruncate(fd_, static_cast<off_t>(bytes)) != 0) io_error("cannot resize", path_);
}

void PositionalFile::read_at(std::uint64_t offset, std::span<std::uint8_t> out) const {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_error("cannot read", path_);
    if (n == 0) {
      throw Error(ErrorCode::Io, "unexpected end of " + path_.string() + " at byte " +
                                     std::to_string(offset + done));
    }
    done += static_cast<std::size_t>(n);
  }
}

void PositionalFile::write_at(std::uint64_t offset, std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) io_error("cannot write", path_);
    done += static_cast<std::size_t>(n);
  }
}

void PositionalFile::sync() {
  if (::fsync(fd_) != 0) io_error("cannot fsync", path_);
}

std::filesystem::path partial_path(const std::filesystem::path& path) {
  return path.string() + ".partial";
}

void commit_partial_file(const std::filesystem::path& path) {
  const auto from = partial_path(path);
  fsync_path(from, O_RDONLY);
  if (::rename(from.c_str(), path.c_str()) != 0) io_error("cannot rename into", path);
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

}  // namespace vseal::io
