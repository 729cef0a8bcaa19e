// Slurm executor (see slurm_executor.hpp).
#include "exec/slurm_executor.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "io/atomic_file.hpp"

namespace vseal::coord {
namespace {

using Clock = std::chrono::steady_clock;

// A job that left squeue shows up in sacct within a fraction of a second; until then (and for a
// job submitted a moment ago) its absence from both is not yet a loss.
constexpr auto kAccountingLag = std::chrono::seconds(15);
constexpr long long kSubmitGraceSeconds = 120;

// Nice values from deadline slack: a WindowPoSt missed costs a fault, a late C2 a pre-commit
// deposit, PC2 and PC1 only throughput.
int stage_nice(const std::string& stage) {
  if (stage == "wdpost") return 0;
  if (stage == "c2") return 100;
  if (stage == "pc2") return 200;
  return 300;
}

bool is_job_id(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// sbatch's refusals that no retry will change (a bad partition, more than a node has) fail
// the sector with Slurm's words; a controller that does not answer is retried.
ErrorCode sbatch_error_kind(const std::string& err) {
  for (const char* transient :
       {"Unable to contact", "Socket timed out", "Zero Bytes", "temporarily", "Connection refused",
        "try again", "Resource temporarily unavailable", "communication failure"})
    if (err.find(transient) != std::string::npos) return ErrorCode::Transient;
  return ErrorCode::BadInput;
}

JobPhase queue_phase(const std::string& state) {
  if (state == "RUNNING" || state == "COMPLETING" || state == "SIGNALING" || state == "STAGE_OUT" ||
      state == "RESIZING")
    return JobPhase::Running;
  return JobPhase::Queued;
}

}  // namespace

std::filesystem::path slurm_scripts_dir(const JobsConfig& config,
                                        const std::filesystem::path& bin_dir) {
  if (!config.slurm_scripts.empty()) return config.slurm_scripts;
  return (bin_dir / ".." / "share" / "vseal" / "slurm").lexically_normal();
}

SlurmExecutor::SlurmExecutor(const JobsConfig& config, SlurmOptions options)
    : config_(config), options_(std::move(options)) {
  for (const char* stage : {"pc1", "pc2"}) {
    const auto script = options_.scripts / (std::string(stage) + ".sbatch");
    if (!std::filesystem::exists(script))
      throw Error(
          ErrorCode::BadInput,
          "Slurm executor: " + script.string() +
              " not found; set [Jobs] SlurmScripts to the directory of vseal's sbatch files");
  }
}

CommandResult SlurmExecutor::run(const std::vector<std::string>& argv) const {
  return run_command(argv, options_.command_timeout);
}

std::vector<std::string> SlurmExecutor::sbatch_argv(const JobLaunch& job) const {
  const auto it = config_.stages.find(job.stage);
  if (it == config_.stages.end())
    throw Error(ErrorCode::BadInput, "Slurm executor: no [Jobs] settings for stage " + job.stage);
  const StageResources& r = it->second;
  if (job.argv.size() != 2)
    throw Error(ErrorCode::BadInput, "Slurm executor: job " + job.id + " is not BINARY SPEC");
  const auto minutes = std::max<long long>(
      1, (std::chrono::duration_cast<std::chrono::seconds>(r.time_limit).count() + 59) / 60);
  const auto mem_per_cpu = (r.memory_mib + r.cpus - 1) / std::max(1u, r.cpus);
  std::string exports = "ALL,VSEAL_BIN=" + options_.bin_dir.string();
  for (const auto& [k, v] : job.env) {
    if (v.find(',') != std::string::npos)
      throw Error(ErrorCode::BadInput, "Slurm executor: environment value of " + k +
                                           " holds a comma, which sbatch --export cannot pass");
    exports += "," + k + "=" + v;
  }
  std::vector<std::string> a = {
      "sbatch",
      "--parsable",
      "--job-name=" + (job.name.empty() ? "vseal-" + job.stage : job.name),
      "--comment=" + job.id,
      "--chdir=" + job.workdir.string(),
      "--output=" + (job.workdir / "job.log").string(),
      "--open-mode=append",
      "--requeue",
      "--signal=B:TERM@120",
      "--ntasks=" + std::to_string(r.ranks),
      "--cpus-per-task=" + std::to_string(r.cpus),
      "--mem-per-cpu=" + std::to_string(mem_per_cpu) + "M",
      "--time=" + std::to_string(minutes),
      "--nice=" + std::to_string(stage_nice(job.stage)),
      "--export=" + exports};
  if (r.gpus > 0) a.push_back("--gres=gpu:" + std::to_string(r.gpus));
  if (!r.partition.empty()) a.push_back("--partition=" + r.partition);
  if (!r.qos.empty()) a.push_back("--qos=" + r.qos);
  if (!r.account.empty()) a.push_back("--account=" + r.account);
  a.push_back((options_.scripts / (job.stage + ".sbatch")).string());
  a.push_back(job.argv[1]);
  return a;
}

std::optional<std::string> SlurmExecutor::known_slurm_id(const JobLaunch& job) {
  if (const auto it = slurm_ids_.find(job.id); it != slurm_ids_.end()) return it->second;
  const auto id = read_first_line(job.workdir / "slurm_job_id");
  if (!id) return std::nullopt;
  if (!is_job_id(*id))
    throw Error(ErrorCode::Corrupt, (job.workdir / "slurm_job_id").string() + " holds '" + *id +
                                        "', not a Slurm job id");
  slurm_ids_[job.id] = *id;
  active_.insert(*id);
  return id;
}

std::optional<std::string> SlurmExecutor::find_submitted(const JobLaunch& job) {
  // The job's working directory is unique to it (one per vcoord job id and attempt); the
  // lines are "<id>|<workdir>[|...]".
  const auto match = [&](const std::string& out) -> std::optional<std::string> {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      const auto bar = line.find('|');
      if (bar == std::string::npos) continue;
      const auto end = line.find('|', bar + 1);
      const std::string dir = line.substr(bar + 1, end == std::string::npos ? end : end - bar - 1);
      if (dir == job.workdir.string() && is_job_id(line.substr(0, bar))) return line.substr(0, bar);
    }
    return std::nullopt;
  };
  const std::string name = job.name.empty() ? "vseal-" + job.stage : job.name;
  auto found = [&]() -> std::optional<std::string> {
    const auto q = run({"squeue", "--me", "-h", "--name=" + name, "-o", "%i|%Z|"});
    if (q.exit_code != 0)
      throw Error(ErrorCode::Transient, "squeue failed while recovering " + job.id + ": " + q.err);
    if (auto id = match(q.out)) return id;
    const auto a = run({"sacct", "-X", "-n", "-P", "--name=" + name, "--starttime=now-60days",
                        "--format=JobID,WorkDir,State"});
    if (a.exit_code != 0) return std::nullopt;  // no accounting: only squeue can tell
    return match(a.out);
  }();
  if (!found) return std::nullopt;
  io::write_file_atomic(job.workdir / "slurm_job_id", *found + "\n");
  slurm_ids_[job.id] = *found;
  active_.insert(*found);
  return found;
}

void SlurmExecutor::submit(const JobLaunch& job) {
  if (known_slurm_id(job)) return;
  std::filesystem::create_directories(job.workdir);
  const auto marker = job.workdir / "slurm.submit";
  if (std::filesystem::exists(marker) && find_submitted(job)) return;  // crashed after sbatch
  const auto argv = sbatch_argv(job);
  io::write_file_atomic(marker, std::to_string(::time(nullptr)) + "\n" + command_text(argv) + "\n");
  const auto r = run(argv);
  const std::string id = trim(r.out.substr(0, r.out.find(';')));
  if (r.exit_code != 0 || !is_job_id(id)) {
    std::filesystem::remove(marker);
    const std::string why = trim(r.err.empty() ? r.out : r.err);
    throw Error(r.exit_code != 0 ? sbatch_error_kind(why) : ErrorCode::Transient,
                "sbatch refused job " + job.id + ": " + why);
  }
  io::write_file_atomic(job.workdir / "slurm_job_id", id + "\n");
  slurm_ids_[job.id] = id;
  active_.insert(id);
  refreshed_ = {};  // the next poll asks Slurm again
}

void SlurmExecutor::refresh(bool force) {
  const auto now = Clock::now();
  if (!force && now - refreshed_ < options_.refresh_interval) return;
  refreshed_ = now;
  if (active_.empty()) return;
  const auto q = run({"squeue", "--me", "-h", "-o", "%i|%T|%r"});
  if (q.exit_code != 0) throw Error(ErrorCode::Transient, "squeue failed: " + trim(q.err));
  queue_ = slurm::parse_squeue(q.out);
  std::string gone;
  for (const auto& id : active_) {
    if (queue_.count(id)) {
      seen_[id] = now;
    } else {
      gone += (gone.empty() ? "" : ",") + id;
    }
  }
  if (gone.empty()) return;
  const auto a = run(
      {"sacct", "-X", "-n", "-P", "-j", gone, std::string("--format=") + slurm::kAccountingFormat});
  if (a.exit_code != 0) return;  // accounting down or disabled: scontrol is asked per job
  for (const auto& row : slurm::parse_sacct(a.out))
    if (!slurm::is_active_state(row.state)) ended_[row.job_id] = row;
}

JobStatus SlurmExecutor::finished(const JobLaunch& job, const std::string& slurm_id,
                                  const slurm::AccountingRow& final_row) {
  const slurm::AccountingRow row = final_row;  // a copy: the entry in ended_ is dropped below
  auto meaning = slurm::final_meaning(row.state, row.exit_code, row.signal);
  JobStatus s = meaning.status;
  s.handle = slurm_id;
  if (meaning.requeue) {
    const auto r = run({"scontrol", "requeue", slurm_id});
    if (r.exit_code == 0) {
      ended_.erase(slurm_id);
      refreshed_ = {};
      return s;
    }
    s.phase = JobPhase::Lost;
    s.failure = FailureKind::Killed;
    s.detail = "Slurm " + row.state + " and scontrol requeue failed: " + trim(r.err);
  }
  // Reported once and forgotten, so memory stays bounded over 100 000s of jobs; a later poll
  // of the same job asks Slurm again.
  active_.erase(slurm_id);
  ended_.erase(slurm_id);
  seen_.erase(slurm_id);
  slurm_ids_.erase(job.id);
  if (s.phase == JobPhase::Cancelled && std::filesystem::exists(job.workdir / "cancelled"))
    s.detail = "cancelled by vcoord";
  if (s.phase == JobPhase::Succeeded) attach_result(s, job.workdir);
  return s;
}

JobStatus SlurmExecutor::poll(const JobLaunch& job) {
  JobStatus s;
  auto id = known_slurm_id(job);
  if (!id) {
    const auto marker = read_first_line(job.workdir / "slurm.submit");
    if (marker) id = find_submitted(job);
    if (!id) {
      const bool recent =
          marker && ::time(nullptr) - std::atoll(marker->c_str()) < kSubmitGraceSeconds;
      s.phase = recent ? JobPhase::Queued : JobPhase::Lost;
      s.failure = recent ? FailureKind::None : FailureKind::Killed;
      s.detail = recent   ? "being submitted"
                 : marker ? "sbatch was run but Slurm knows no job " + job.name + " in " +
                                job.workdir.string()
                          : "never submitted to Slurm";
      return s;
    }
  }
  s.handle = *id;
  if (const auto e = ended_.find(*id); e != ended_.end()) return finished(job, *id, e->second);
  active_.insert(*id);
  const bool fresh = queue_.count(*id) || seen_.count(*id);
  refresh(!fresh);
  if (const auto q = queue_.find(*id); q != queue_.end()) {
    s.phase = queue_phase(q->second.state);
    s.detail =
        "Slurm " + q->second.state +
        (q->second.reason.empty() || q->second.reason == "None" ? ""
                                                                : " (" + q->second.reason + ")");
    return s;
  }
  if (const auto e = ended_.find(*id); e != ended_.end()) return finished(job, *id, e->second);
  // Neither queued nor in accounting: sacct lags a moment behind squeue, or accounting is off.
  const auto c = run({"scontrol", "show", "job", "-o", *id});
  if (c.exit_code == 0) {
    const auto field = [&](const std::string& key) -> std::string {
      const auto at = c.out.find(" " + key + "=");
      if (at == std::string::npos) return "";
      const auto from = at + key.size() + 2;
      return c.out.substr(from, c.out.find(' ', from) - from);
    };
    const std::string state = field("JobState");
    const std::string code = field("ExitCode");
    const auto colon = code.find(':');
    if (!state.empty() && !slurm::is_active_state(state) && colon != std::string::npos) {
      slurm::AccountingRow row;
      row.job_id = *id;
      row.state = state;
      row.exit_code = std::atoi(code.substr(0, colon).c_str());
      row.signal = std::atoi(code.substr(colon + 1).c_str());
      return finished(job, *id, row);
    }
  }
  const auto last = seen_.find(*id);
  const auto since = last == seen_.end() ? Clock::duration::max() : Clock::now() - last->second;
  if (last == seen_.end() || since < kAccountingLag) {
    s.phase = JobPhase::Running;
    s.detail = "left the queue; waiting for Slurm accounting";
    if (last == seen_.end()) seen_[*id] = Clock::now();
    return s;
  }
  s.phase = JobPhase::Lost;
  s.failure = FailureKind::Killed;
  s.detail = "Slurm job " + *id + " is neither queued nor in sacct or scontrol";
  active_.erase(*id);
  seen_.erase(*id);
  return s;
}

void SlurmExecutor::cancel(const JobLaunch& job) {
  auto id = known_slurm_id(job);
  if (!id && std::filesystem::exists(job.workdir / "slurm.submit")) id = find_submitted(job);
  std::filesystem::create_directories(job.workdir);
  io::write_file_atomic(job.workdir / "cancelled", "cancelled by vcoord\n");
  if (!id) return;
  const auto r = run({"scancel", *id});
  if (r.exit_code != 0 && r.err.find("already completed") == std::string::npos &&
      r.err.find("Invalid job id") == std::string::npos)
    throw Error(ErrorCode::Transient, "scancel " + *id + " failed: " + trim(r.err));
  refreshed_ = {};
}

}  // namespace vseal::coord
