#pragma once
// vcoord's Prometheus metrics (text exposition format 0.0.4) for /metrics. The figures about
// sectors, jobs, messages and WindowPoSt runs are read from the state database at scrape time
// (one read snapshot), so they are right after a restart and never drift from `vcoord sectors
// list`; only the API's own call counts and timings live in memory (ApiCallStats) and start
// from zero with the process, as Prometheus counters may.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "state/store.hpp"

namespace vseal::coord {

// Calls answered by vcoord's API, per method: count, errors and a latency histogram. Safe to
// record from the server's connection threads while a scrape reads it.
class ApiCallStats {
 public:
  static constexpr double kBuckets[] = {0.001, 0.005, 0.025, 0.1, 0.5, 2.5, 10};
  struct Method {
    std::uint64_t calls = 0, errors = 0;
    double seconds = 0;
    std::uint64_t buckets[std::size(kBuckets)] = {};  // calls at or under each bound
  };
  void record(const std::string& method, std::chrono::nanoseconds took, bool error);
  std::map<std::string, Method> snapshot() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Method> methods_;
};

struct MetricsSource {
  std::string version, network;
  std::int64_t started_at_ms = 0;
  const ApiCallStats* api = nullptr;  // absent: no vcoord_api_* families
};

// Bounds (seconds) of the message latency histogram: from the message being recorded to vcoord
// seeing it executed with confidence.
inline constexpr std::int64_t kMessageLatencyBuckets[] = {30, 60, 120, 300, 600, 1800, 3600, 14400};

std::string render_metrics(Database& db, const MetricsSource& source);

// A Prometheus label value with \, " and newline escaped.
std::string prometheus_label(std::string_view value);

}  // namespace vseal::coord
