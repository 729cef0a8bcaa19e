// Parsing of squeue/sacct output (see slurm_text.hpp).
#include "exec/slurm_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "base/error.hpp"

namespace vseal::coord::slurm {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

long long parse_int(const std::string& s, const std::string& what) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw Error(ErrorCode::BadInput, "slurm: " + what + " '" + s + "' is not a number");
  return std::stoll(s);
}

}  // namespace

bool is_job_id(std::string_view s) {
  const auto digits = [](std::string_view d) {
    return !d.empty() &&
           std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const auto bar = s.find('_');
  if (bar == std::string_view::npos) return digits(s);
  return digits(s.substr(0, bar)) && digits(s.substr(bar + 1));
}

std::map<std::string, QueueRow> parse_squeue(const std::string& out) {
  std::map<std::string, QueueRow> rows;
  for (const auto& line : lines(out)) {
    const auto f = split(line, '|');
    if (f.size() != 3 || f[0].empty())
      throw Error(ErrorCode::BadInput, "squeue: unexpected line '" + line + "'");
    rows[f[0]] = QueueRow{f[1], f[2]};
  }
  return rows;
}

double parse_duration(const std::string& s) {
  if (s.empty()) return 0;
  std::string rest = s;
  double days = 0;
  if (const auto dash = rest.find('-'); dash != std::string::npos) {
    days = static_cast<double>(parse_int(rest.substr(0, dash), "days"));
    rest = rest.substr(dash + 1);
  }
  double frac = 0;
  if (const auto dot = rest.find('.'); dot != std::string::npos) {
    const auto digits = rest.substr(dot + 1);
    frac = static_cast<double>(parse_int(digits, "fraction")) /
           std::pow(10.0, static_cast<double>(digits.size()));
    rest = rest.substr(0, dot);
  }
  const auto parts = split(rest, ':');
  if (parts.size() < 2 || parts.size() > 3)
    throw Error(ErrorCode::BadInput, "slurm: duration '" + s + "' is not [D-][HH:]MM:SS[.mmm]");
  double secs = 0;
  for (const auto& p : parts) secs = secs * 60 + static_cast<double>(parse_int(p, "duration"));
  return days * 86400 + secs + frac;
}

std::uint64_t parse_size(const std::string& s) {
  if (s.empty() || s == "0") return 0;
  double mult = 1;
  std::string num = s;
  switch (s.back()) {
    case 'K':
      mult = 1024.0;
      break;
    case 'M':
      mult = 1024.0 * 1024;
      break;
    case 'G':
      mult = 1024.0 * 1024 * 1024;
      break;
    case 'T':
      mult = 1024.0 * 1024 * 1024 * 1024;
      break;
    default:
      break;
  }
  if (mult != 1) num.pop_back();
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(num, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != num.size() || v < 0)
    throw Error(ErrorCode::BadInput, "slurm: size '" + s + "' is not a number with K/M/G/T");
  return static_cast<std::uint64_t>(std::llround(v * mult));
}

std::vector<AccountingRow> parse_sacct(const std::string& out) {
  std::vector<AccountingRow> rows;
  for (const auto& line : lines(out)) {
    const auto f = split(line, '|');
    if (f.size() != 9)
      throw Error(ErrorCode::BadInput, "sacct: expected 9 fields in '" + line + "'");
    AccountingRow r;
    const auto dot = f[0].find('.');
    r.job_id = f[0].substr(0, dot);
    if (dot != std::string::npos) r.step = f[0].substr(dot + 1);
    r.state = f[1].substr(0, f[1].find(' '));
    // A step cancelled before it started has no exit code at all.
    if (!f[2].empty()) {
      const auto colon = f[2].find(':');
      if (colon == std::string::npos)
        throw Error(ErrorCode::BadInput, "sacct: exit code '" + f[2] + "' is not code:signal");
      r.exit_code = static_cast<int>(parse_int(f[2].substr(0, colon), "exit code"));
      r.signal = static_cast<int>(parse_int(f[2].substr(colon + 1), "signal"));
    }
    r.elapsed_s = f[3].empty() ? 0 : parse_int(f[3], "ElapsedRaw");
    r.cpu_s = parse_duration(f[4]);
    r.max_rss_bytes = parse_size(f[5]);
    for (const auto& tres : split(f[6], ',')) {
      if (tres.rfind("gres/gpu=", 0) == 0)
        r.gpus = static_cast<unsigned>(parse_int(tres.substr(9), "gres/gpu"));
    }
    r.start = f[7];
    r.end = f[8];
    rows.push_back(std::move(r));
  }
  return rows;
}

bool is_active_state(const std::string& state) {
  static const char* const kActive[] = {
      "PENDING",      "RUNNING",     "COMPLETING",    "CONFIGURING", "REQUEUED",
      "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING",      "SUSPENDED",   "STOPPED",
      "SIGNALING",    "STAGE_OUT",   "RESV_DEL_HOLD", "SPECIAL_EXIT"};
  return std::find(std::begin(kActive), std::end(kActive), state) != std::end(kActive);
}

bool runs_again_after(const std::string& state) {
  return state == "NODE_FAIL" || state == "PREEMPTED" || state == "BOOT_FAIL";
}

FinalMeaning final_meaning(const std::string& state, int exit_code, int signal) {
  FinalMeaning m;
  JobStatus& s = m.status;
  if (state == "COMPLETED") {
    s.phase = JobPhase::Succeeded;
    s.exit_code = 0;
    return m;
  }
  if (state == "FAILED") {
    s.phase = JobPhase::Failed;
    if (signal != 0) {
      s.signal = signal;
      s.failure = FailureKind::Killed;
      s.detail = "killed by signal " + std::to_string(signal);
    } else {
      s.exit_code = exit_code;
      s.failure = failure_for_exit(exit_code);
      s.detail = "exit code " + std::to_string(exit_code) + " (" +
                 std::string(failure_kind_name(s.failure)) + ")";
    }
    return m;
  }
  if (state == "CANCELLED") {
    s.phase = JobPhase::Cancelled;
    s.failure = FailureKind::Killed;
    s.detail = "cancelled in Slurm (scancel)";
    return m;
  }
  if (state == "TIMEOUT" || state == "DEADLINE") {
    // The job resumes from its last completed step, so a longer run finishes it.
    s.phase = JobPhase::Failed;
    s.failure = FailureKind::Transient;
    s.detail = "Slurm " + state + ": the stage's TimeLimit ran out";
    return m;
  }
  if (state == "OUT_OF_MEMORY") {
    s.phase = JobPhase::Failed;
    s.failure = FailureKind::Killed;
    s.detail = "Slurm OUT_OF_MEMORY: the stage's MemoryMiB is too small for this sector size";
    return m;
  }
  if (runs_again_after(state)) {
    s.phase = JobPhase::Queued;
    s.detail = "Slurm " + state + ": requeued";
    m.requeue = true;
    return m;
  }
  s.phase = JobPhase::Lost;
  s.failure = FailureKind::Killed;
  s.detail = "unknown Slurm state " + state;
  return m;
}

std::map<std::string, JobAccounting> summarize(const std::vector<AccountingRow>& rows) {
  std::map<std::string, JobAccounting> jobs;
  for (const auto& r : rows) {
    auto& j = jobs[r.job_id];
    j.job_id = r.job_id;
    if (r.step.empty()) {
      // sacct -D lists a job's runs oldest first; the last line is the current run.
      if (j.state == "REQUEUED" || runs_again_after(j.state)) ++j.requeues;
      j.state = r.state;
      j.exit_code = r.exit_code;
      j.signal = r.signal;
      j.elapsed_s = r.elapsed_s;
      j.elapsed_all_runs_s += r.elapsed_s;
      j.gpus = std::max(j.gpus, r.gpus);
      j.start = r.start;
      j.end = r.end;
    } else {
      j.cpu_s += r.cpu_s;
      j.max_rss_bytes = std::max(j.max_rss_bytes, r.max_rss_bytes);
    }
  }
  return jobs;
}

}  // namespace vseal::coord::slurm
