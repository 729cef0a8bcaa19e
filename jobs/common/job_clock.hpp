#pragma once
// What every job reports about itself in result.json: elapsed seconds of a step and the
// process's peak resident memory.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>

namespace vseal::jobs {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

inline std::uint64_t peak_rss_bytes() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<std::uint64_t>(ru.ru_maxrss) * 1024;  // ru_maxrss is in KiB on Linux
}

}  // namespace vseal::jobs
