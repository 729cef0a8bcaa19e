// Collecting job accounting (see job_report.hpp).
#include "report/job_report.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "exec/command.hpp"
#include "exec/slurm_text.hpp"

namespace vseal::coord {
namespace {

constexpr std::size_t kIdsPerSacctCall = 200;

std::optional<std::int64_t> mtime(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return std::nullopt;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec);
}

// sacct prints local time without a zone: "2026-11-24T20:53:02"; "Unknown" while unset.
std::optional<std::int64_t> sacct_time(const std::string& s) {
  std::tm tm{};
  std::istringstream in(s);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  if (in.fail()) return std::nullopt;
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm));
}

// The second line of the shell's `times`: the job's user and system time, "0m1.230000s
// 0m0.040000s".
std::optional<double> local_cpu_seconds(const std::filesystem::path& times) {
  std::ifstream in(times);
  std::string first, second;
  if (!std::getline(in, first) || !std::getline(in, second)) return std::nullopt;
  double total = 0;
  std::istringstream fields(second);
  std::string f;
  while (fields >> f) {
    const auto m = f.find('m');
    if (m == std::string::npos || f.back() != 's') return std::nullopt;
    try {
      total += std::stod(f.substr(0, m)) * 60 + std::stod(f.substr(m + 1, f.size() - m - 2));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return total;
}

std::optional<std::uint64_t> result_peak_rss(const std::filesystem::path& result) {
  std::ifstream in(result);
  if (!in) return std::nullopt;
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  for (const char* key : {"peak_rss_bytes", "peak_rss_bytes_rank0"})
    if (j.contains(key) && j[key].is_number_unsigned()) return j[key].get<std::uint64_t>();
  return std::nullopt;
}

void local_facts(JobFacts& f) {
  const std::filesystem::path dir = f.job.workdir;
  const auto started = mtime(dir / "job.pid");
  const auto ended = mtime(dir / "exit_code");
  if (!started) return;
  f.source = "local";
  f.start_unix = started;
  f.end_unix = ended;
  f.elapsed_s = static_cast<double>((ended ? *ended : std::time(nullptr)) - *started);
  f.cpu_s = local_cpu_seconds(dir / "job.times");
  f.gpu_s = 0;
  f.max_rss_bytes = f.job_peak_rss_bytes;  // the local executor has no sampler of its own
}

// The peak RSS the job measured itself (getrusage), from its result file.
std::optional<std::uint64_t> job_peak_rss(const JobRecord& j) {
  const std::filesystem::path dir = j.workdir;
  if (auto v = result_peak_rss(dir / "result.json")) return v;
  // PC1 and PC2 write their results next to the sector: <sector>/jobs/<id> is the job's dir.
  const auto sector = dir.parent_path().parent_path();
  return result_peak_rss(sector / (j.stage == "pc1" ? "result.json" : j.stage + ".result.json"));
}

void slurm_facts(std::vector<JobFacts>& jobs, std::vector<std::string>& warnings) {
  std::vector<JobFacts*> wanted;
  for (auto& f : jobs)
    if (f.job.executor == "slurm" && f.job.handle) wanted.push_back(&f);
  std::map<std::string, slurm::JobAccounting> acct;
  for (std::size_t i = 0; i < wanted.size(); i += kIdsPerSacctCall) {
    std::string ids;
    for (std::size_t k = i; k < std::min(wanted.size(), i + kIdsPerSacctCall); ++k)
      ids += (ids.empty() ? "" : ",") + *wanted[k]->job.handle;
    try {
      const auto r = run_command({"sacct", "-D", "-n", "-P", "-j", ids,
                                  std::string("--format=") + slurm::kAccountingFormat});
      if (r.exit_code != 0) {
        warnings.push_back("sacct failed (" + r.err.substr(0, r.err.find('\n')) +
                           "): Slurm jobs have no accounting in this report");
        break;
      }
      for (auto& [id, a] : slurm::summarize(slurm::parse_sacct(r.out))) acct[id] = a;
    } catch (const std::exception& e) {
      warnings.push_back(std::string("sacct: ") + e.what());
      break;
    }
  }
  for (JobFacts* f : wanted) {
    const auto it = acct.find(*f->job.handle);
    if (it == acct.end()) continue;
    const auto& a = it->second;
    f->source = "sacct";
    f->slurm_state = a.state;
    f->elapsed_s = static_cast<double>(a.elapsed_all_runs_s);
    f->cpu_s = a.cpu_s;
    f->gpu_s = static_cast<double>(a.elapsed_all_runs_s) * a.gpus;
    if (a.max_rss_bytes > 0) f->max_rss_bytes = a.max_rss_bytes;
    f->requeues = a.requeues;
    f->start_unix = sacct_time(a.start);
    f->end_unix = sacct_time(a.end);
  }
}

}  // namespace

void StageTotals::add(const JobFacts& f) {
  ++jobs;
  succeeded += f.job.state == "succeeded";
  failed += f.job.state == "failed" || f.job.state == "lost" || f.job.state == "cancelled";
  retries += f.requeues;
  elapsed_s += f.elapsed_s.value_or(0);
  cpu_s += f.cpu_s.value_or(0);
  gpu_s += f.gpu_s.value_or(0);
  max_rss_bytes =
      std::max({max_rss_bytes, f.max_rss_bytes.value_or(0), f.job_peak_rss_bytes.value_or(0)});
}

Report build_report(StateStore& store, std::optional<std::uint64_t> miner) {
  Report r;
  for (const auto& j : store.jobs()) {
    if (miner && j.miner != *miner) continue;
    JobFacts f;
    f.job = j;
    f.source = "none";
    r.jobs.push_back(std::move(f));
  }
  slurm_facts(r.jobs, r.warnings);
  for (auto& f : r.jobs) {
    if (f.job.state == "succeeded") f.job_peak_rss_bytes = job_peak_rss(f.job);
    if (f.source == "none" && f.job.executor == "local") local_facts(f);
  }

  std::map<std::pair<std::uint64_t, std::uint64_t>, SectorReport> sectors;
  for (const auto& s : store.sectors(miner)) {
    auto& rep = sectors[{s.miner, s.number}];
    rep.miner = s.miner;
    rep.number = s.number;
    rep.state = s.state;
  }
  for (const auto& f : r.jobs) {
    auto& rep = sectors[{f.job.miner, f.job.number}];
    rep.miner = f.job.miner;
    rep.number = f.job.number;
    // A job withdrawn because the one it waited for failed never ran: it is listed, but it is
    // neither an attempt nor a failure of its stage.
    if (f.job.state == "withdrawn") continue;
    auto& st = rep.stages[f.job.stage];
    st.add(f);
    r.miners[f.job.miner].add(f);
    r.stages[f.job.stage].add(f);
  }
  // A second job for the same stage of a sector is a retry of the first.
  for (auto& [key, rep] : sectors) {
    for (auto& [stage, st] : rep.stages) {
      const unsigned extra = st.jobs > 0 ? st.jobs - 1 : 0;
      st.retries += extra;
      r.miners[rep.miner].retries += extra;
      r.stages[stage].retries += extra;
    }
    r.sectors.push_back(rep);
  }
  return r;
}

}  // namespace vseal::coord
