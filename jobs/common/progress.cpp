// Rate-limited progress lines (see progress.hpp).
#include "jobs/common/progress.hpp"

#include <cstdio>

namespace vseal::jobs {

Progress::Progress(std::string what, std::uint64_t total, std::string unit, double interval_s,
                   std::ostream& out)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      total_(total),
      interval_s_(interval_s),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(std::uint64_t done) {
  const auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - last_).count() < interval_s_) return;
  last_ = now;
  print(done);
}

void Progress::finish() {
  print(total_);
}

void Progress::print(std::uint64_t done) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  char line[256];
  std::snprintf(line, sizeof line,
                "%s: %5.1f%% (%llu/%llu %s), %.0f %s/s, elapsed %.1fs, ETA %.1fs", what_.c_str(),
                total_ ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100.0,
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                unit_.c_str(), rate, unit_.c_str(), elapsed, eta);
  out_ << line << std::endl;
}

}  // namespace vseal::jobs
