#include "service/metrics.hpp"

#include <charconv>
#include <sstream>

#include "chain/actor_params.hpp"

namespace vseal::coord {
namespace {

// The shortest fixed-point text that reads back as the same double: counts and epoch times
// print as integers, never with an exponent.
std::string number(double v) {
  char buf[400];  // the longest fixed-point double
  const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed).ptr;
  return std::string(buf, end);
}

// Label values are written as given, so the readers know the miner by its actor id and the
// method by its builtin-actors name.
std::string miner_method_name(std::uint64_t m) {
  namespace mm = chain::method;
  switch (m) {
    case mm::kSubmitWindowedPoSt:
      return "SubmitWindowedPoSt";
    case mm::kDeclareFaults:
      return "DeclareFaults";
    case mm::kDeclareFaultsRecovered:
      return "DeclareFaultsRecovered";
    case mm::kProveCommitAggregate:
      return "ProveCommitAggregate";
    case mm::kPreCommitSectorBatch2:
      return "PreCommitSectorBatch2";
    case mm::kProveCommitSectors3:
      return "ProveCommitSectors3";
    default:
      return "method-" + std::to_string(m);
  }
}

class Exposition {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_ << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
  }
  // `labels` is a list of name/value pairs.
  void sample(std::string_view name,
              std::initializer_list<std::pair<std::string_view, std::string>> labels,
              double value) {
    out_ << name;
    if (labels.size() > 0) {
      out_ << '{';
      bool first = true;
      for (const auto& [k, v] : labels) {
        out_ << (first ? "" : ",") << k << "=\"" << prometheus_label(v) << '"';
        first = false;
      }
      out_ << '}';
    }
    out_ << ' ' << number(value) << '\n';
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

// A deferred read transaction: every query of one scrape sees the same committed state, and
// the daemon's writers are never blocked by it (WAL).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { db_.exec("BEGIN DEFERRED"); }
  ~ReadSnapshot() {
    try {
      db_.exec("COMMIT");
    } catch (...) {
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

void state_counts(Exposition& e, Database& db, std::string_view sql, std::string_view metric,
                  std::string_view first_label, std::string_view second_label) {
  auto q = db.prepare(sql);
  while (q.step())
    e.sample(metric, {{first_label, q.text(0)}, {second_label, q.text(1)}},
             static_cast<double>(q.i64(2)));
}

void message_latency(Exposition& e, Database& db) {
  std::string sql = "SELECT method, COUNT(*), SUM(updated_at - created_at)";
  for (const auto b : kMessageLatencyBuckets)
    sql += ", SUM(updated_at - created_at <= " + std::to_string(b * 1000) + ")";
  sql += " FROM messages WHERE state = 'landed' GROUP BY method ORDER BY method";
  const std::string name = "vcoord_message_latency_seconds";
  auto q = db.prepare(sql);
  while (q.step()) {
    const std::string method = miner_method_name(q.u64(0));
    for (std::size_t i = 0; i < std::size(kMessageLatencyBuckets); ++i)
      e.sample(name + "_bucket",
               {{"method", method}, {"le", number(static_cast<double>(kMessageLatencyBuckets[i]))}},
               static_cast<double>(q.i64(static_cast<int>(3 + i))));
    e.sample(name + "_bucket", {{"method", method}, {"le", "+Inf"}}, static_cast<double>(q.i64(1)));
    e.sample(name + "_sum", {{"method", method}}, static_cast<double>(q.i64(2)) / 1000.0);
    e.sample(name + "_count", {{"method", method}}, static_cast<double>(q.i64(1)));
  }
}

void api_calls(Exposition& e, const ApiCallStats& stats) {
  const auto methods = stats.snapshot();
  e.family("vcoord_api_requests_total", "counter",
           "JSON-RPC calls answered by vcoord's API since it started, per method and result.");
  for (const auto& [name, m] : methods) {
    e.sample("vcoord_api_requests_total", {{"method", name}, {"result", "ok"}},
             static_cast<double>(m.calls - m.errors));
    e.sample("vcoord_api_requests_total", {{"method", name}, {"result", "error"}},
             static_cast<double>(m.errors));
  }
  const std::string h = "vcoord_api_request_duration_seconds";
  e.family(h, "histogram", "Time vcoord's API took to answer a call, per method.");
  for (const auto& [name, m] : methods) {
    for (std::size_t i = 0; i < std::size(ApiCallStats::kBuckets); ++i)
      e.sample(h + "_bucket", {{"method", name}, {"le", number(ApiCallStats::kBuckets[i])}},
               static_cast<double>(m.buckets[i]));
    e.sample(h + "_bucket", {{"method", name}, {"le", "+Inf"}}, static_cast<double>(m.calls));
    e.sample(h + "_sum", {{"method", name}}, m.seconds);
    e.sample(h + "_count", {{"method", name}}, static_cast<double>(m.calls));
  }
}

}  // namespace

void ApiCallStats::record(const std::string& method, std::chrono::nanoseconds took, bool error) {
  const double s = std::chrono::duration<double>(took).count();
  std::lock_guard lock(mu_);
  auto& m = methods_[method];
  ++m.calls;
  if (error) ++m.errors;
  m.seconds += s;
  for (std::size_t i = 0; i < std::size(kBuckets); ++i)
    if (s <= kBuckets[i]) ++m.buckets[i];
}

std::map<std::string, ApiCallStats::Method> ApiCallStats::snapshot() const {
  std::lock_guard lock(mu_);
  return methods_;
}

std::string prometheus_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_metrics(Database& db, const MetricsSource& source) {
  Exposition e;
  e.family("vcoord_info", "gauge", "The running vcoord: its version and the chain's network.");
  e.sample("vcoord_info", {{"version", source.version}, {"network", source.network}}, 1);
  e.family("vcoord_start_time_seconds", "gauge", "When this vcoord process started (Unix time).");
  e.sample("vcoord_start_time_seconds", {}, static_cast<double>(source.started_at_ms) / 1000.0);
  {
    const ReadSnapshot snapshot(db);
    e.family("vcoord_sectors", "gauge", "Sectors per miner and pipeline state.");
    state_counts(e, db,
                 "SELECT miner, state, COUNT(*) FROM sectors GROUP BY miner, state "
                 "ORDER BY miner, state",
                 "vcoord_sectors", "miner", "state");
    e.family("vcoord_sector_transitions_total", "counter",
             "Sector state transitions recorded, per miner and the state entered.");
    state_counts(e, db, "SELECT miner, to_state, n FROM transition_counts ORDER BY miner, to_state",
                 "vcoord_sector_transitions_total", "miner", "state");
    e.family("vcoord_jobs", "gauge",
             "Jobs per stage and state: queued and running are in flight, succeeded, failed, "
             "cancelled, lost and withdrawn are results.");
    state_counts(e, db,
                 "SELECT stage, state, COUNT(*) FROM jobs GROUP BY stage, state "
                 "ORDER BY stage, state",
                 "vcoord_jobs", "stage", "state");
    e.family("vcoord_job_turnaround_seconds", "summary",
             "Ended jobs: time from submission to vcoord recording the end, per stage and result "
             "(queueing included; `vcoord report` has the run times).");
    {
      auto q = db.prepare(
          "SELECT stage, state, COUNT(*), SUM(updated_at - created_at) FROM jobs "
          "WHERE state NOT IN ('queued', 'running') GROUP BY stage, state ORDER BY stage, state");
      while (q.step()) {
        e.sample("vcoord_job_turnaround_seconds_sum", {{"stage", q.text(0)}, {"result", q.text(1)}},
                 static_cast<double>(q.i64(3)) / 1000.0);
        e.sample("vcoord_job_turnaround_seconds_count",
                 {{"stage", q.text(0)}, {"result", q.text(1)}}, static_cast<double>(q.i64(2)));
      }
    }
    e.family("vcoord_messages", "gauge", "Chain messages per method and state.");
    {
      auto q = db.prepare(
          "SELECT method, state, COUNT(*) FROM messages GROUP BY method, state "
          "ORDER BY method, state");
      while (q.step())
        e.sample("vcoord_messages", {{"method", miner_method_name(q.u64(0))}, {"state", q.text(1)}},
                 static_cast<double>(q.i64(2)));
    }
    e.family("vcoord_message_latency_seconds", "histogram",
             "Landed messages: time from vcoord recording the message to seeing it executed "
             "with confidence, per method.");
    message_latency(e, db);
    e.family("vcoord_post_runs", "gauge",
             "WindowPoSt deadline instances per miner and state (landed, nothing, missed, ...).");
    state_counts(e, db,
                 "SELECT miner, state, COUNT(*) FROM post_runs GROUP BY miner, state "
                 "ORDER BY miner, state",
                 "vcoord_post_runs", "miner", "state");
  }
  if (source.api) api_calls(e, *source.api);
  return e.str();
}

}  // namespace vseal::coord
