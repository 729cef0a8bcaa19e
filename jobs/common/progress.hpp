#pragma once
// Progress lines on stderr for long steps: what, % done, items/s and ETA, printed at most every
// `interval` seconds (and at the end), so a 32GiB layer logs a line a few seconds apart rather
// than millions.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

namespace vseal::jobs {

class Progress {
 public:
  Progress(std::string what, std::uint64_t total, std::string unit, double interval_s = 5.0,
           std::ostream& out = std::cerr);
  void update(std::uint64_t done);
  void finish();

 private:
  void print(std::uint64_t done);
  std::string what_, unit_;
  std::uint64_t total_;
  double interval_s_;
  std::ostream& out_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace vseal::jobs
