#pragma once
// UTC timestamps as vcoord's logs, listings and reports print them: "2026-11-24T20:53:02Z".
#include <cstdint>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>

namespace vseal {

inline std::string utc_iso8601(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

}  // namespace vseal
