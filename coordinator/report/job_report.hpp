#pragma once
// Job accounting for `vcoord report`: every job vcoord recorded, joined with what the executor
// measured. Slurm jobs take wall time, CPU time, GPU count, peak RSS (the largest of the job's
// steps) and requeues from sacct (one call per 200 jobs, all runs of a requeued job); local
// jobs take them from their working directory (job.pid and exit_code times, the shell's
// `times`). Every job's own peak RSS (result.json) is kept beside sacct's, which samples once
// a second and misses short peaks; totals take the larger. Totals per sector and stage, per miner
// and per stage. A source that cannot answer (sacct down, a directory removed) leaves the fields
// empty and adds a warning; it never fails the report.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "state/store.hpp"

namespace vseal::coord {

struct JobFacts {
  JobRecord job;
  std::string source;  // "sacct", "local" or "none"
  std::string slurm_state;
  std::optional<double> elapsed_s, cpu_s, gpu_s;
  std::optional<std::uint64_t> max_rss_bytes;       // sacct's sampled peak (local: the job's own)
  std::optional<std::uint64_t> job_peak_rss_bytes;  // the job's own getrusage peak, result.json
  unsigned requeues = 0;
  std::optional<std::int64_t> start_unix, end_unix;
};

struct StageTotals {
  unsigned jobs = 0, succeeded = 0, failed = 0, retries = 0;
  double elapsed_s = 0, cpu_s = 0, gpu_s = 0;
  std::uint64_t max_rss_bytes = 0;
  void add(const JobFacts& f);
};

struct SectorReport {
  std::uint64_t miner = 0, number = 0;
  std::string state;
  std::map<std::string, StageTotals> stages;  // pc1, pc2, ...
};

struct Report {
  std::vector<JobFacts> jobs;
  std::vector<SectorReport> sectors;
  std::map<std::uint64_t, StageTotals> miners;  // all stages of the miner
  std::map<std::string, StageTotals> stages;    // all miners
  std::vector<std::string> warnings;
};

Report build_report(StateStore& store, std::optional<std::uint64_t> miner);

// Renderings: a plain table, JSON, CSV (one row per job) and a standalone HTML page with SVG
// charts (stage time distribution, jobs finished over time).
std::string report_table(const Report& r);
std::string report_json(const Report& r);
std::string report_csv(const Report& r);
std::string report_html(const Report& r);

}  // namespace vseal::coord
