#pragma once
// A fresh, empty directory per test process under the system temp dir.
#include <unistd.h>

#include <filesystem>
#include <string>

namespace vseal::testing {

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() / ("vseal-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace vseal::testing
