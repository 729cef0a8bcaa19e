#pragma once
// One daemon per home: `vcoord daemon run` holds an exclusive flock on <home>/daemon.lock for
// its lifetime (the kernel drops it when the process dies, kill -9 included), so a second
// daemon on the same state database and dev chain is refused instead of racing the first.
#include <filesystem>

namespace vseal::coord {

class HomeLock {
 public:
  // Throws Error{BadInput} naming the holder's pid when another daemon holds the lock.
  explicit HomeLock(const std::filesystem::path& file);
  ~HomeLock();
  HomeLock(const HomeLock&) = delete;
  HomeLock& operator=(const HomeLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace vseal::coord
