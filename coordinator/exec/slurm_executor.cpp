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

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// `sbatch --parsable` answers "<id>[;<cluster>]"; a refusal is explained on stderr (or stdout).
std::string sbatch_job_id(const CommandResult& r) {
  return trim(r.out.substr(0, r.out.find(';')));
}
std::string sbatch_refusal(const CommandResult& r) {
  return trim(r.err.empty() ? r.out : r.err);
}

// The launch of the job `job` waits for, as far as finding it in Slurm needs.
JobLaunch predecessor(const JobLaunch& job) {
  JobLaunch dep;
  dep.id = job.after->id;
  dep.workdir = job.after->workdir;
  dep.stage = job.after->stage;
  dep.name = job.after->name;
  return dep;
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

std::vector<std::string> SlurmExecutor::stage_options(const JobLaunch& job) const {
  const auto it = config_.stages.find(job.stage);
  if (it == config_.stages.end())
    throw Error(ErrorCode::BadInput, "Slurm executor: no [Jobs] settings for stage " + job.stage);
  const StageResources& r = it->second;
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
      "--open-mode=append",
      "--requeue",
      "--signal=B:TERM@120",
      "--ntasks=" + std::to_string(r.ranks),
      "--cpus-per-task=" + std::to_string(r.cpus),
      "--mem-per-cpu=" + std::to_string(mem_per_cpu) + "M",
      "--time=" + std::to_string(minutes),
      "--nice=" + std::to_string(job.nice.value_or(default_nice(job.stage))),
      "--export=" + exports};
  if (r.gpus > 0) a.push_back("--gres=gpu:" + std::to_string(r.gpus));
  if (!r.partition.empty()) a.push_back("--partition=" + r.partition);
  if (!r.qos.empty()) a.push_back("--qos=" + r.qos);
  if (!r.account.empty()) a.push_back("--account=" + r.account);
  return a;
}

std::vector<std::string> SlurmExecutor::sbatch_argv(const JobLaunch& job,
                                                    const std::string& dependency) const {
  if (job.argv.size() != 2)
    throw Error(ErrorCode::BadInput, "Slurm executor: job " + job.id + " is not BINARY SPEC");
  std::vector<std::string> a = {
      "sbatch",
      "--parsable",
      "--job-name=" + (job.name.empty() ? "vseal-" + job.stage : job.name),
      "--comment=" + job.id,
      "--chdir=" + job.workdir.string(),
      "--output=" + (job.workdir / "job.log").string()};
  const auto opts = stage_options(job);
  a.insert(a.end(), opts.begin(), opts.end());
  if (!dependency.empty()) {
    a.push_back("--dependency=afterok:" + dependency);
    a.push_back("--kill-on-invalid-dep=yes");
  }
  a.push_back((options_.scripts / (job.stage + ".sbatch")).string());
  a.push_back(job.argv[1]);
  return a;
}

std::vector<std::string> SlurmExecutor::array_argv(std::span<const JobLaunch> jobs,
                                                   const std::filesystem::path& manifest,
                                                   const std::string& aftercorr) const {
  if (jobs.empty()) throw Error(ErrorCode::BadInput, "Slurm executor: an empty job array");
  const JobLaunch& first = jobs.front();
  // The array runs with the most urgent element's priority.
  JobLaunch shape = first;
  for (const auto& j : jobs) {
    if (j.stage != first.stage)
      throw Error(ErrorCode::BadInput,
                  "Slurm executor: a job array mixes stages " + first.stage + " and " + j.stage);
    if (j.nice) shape.nice = std::min(shape.nice.value_or(*j.nice), *j.nice);
  }
  const auto dir = manifest.parent_path();
  std::vector<std::string> a = {"sbatch",
                                "--parsable",
                                "--array=0-" + std::to_string(jobs.size() - 1),
                                "--job-name=vseal-" + first.stage + "-array",
                                "--comment=" + first.id + " .. " + jobs.back().id,
                                "--chdir=" + dir.string(),
                                "--output=" + (dir / "%a.log").string()};
  const auto opts = stage_options(shape);
  a.insert(a.end(), opts.begin(), opts.end());
  if (!aftercorr.empty()) {
    a.push_back("--dependency=aftercorr:" + aftercorr);
    a.push_back("--kill-on-invalid-dep=yes");
  }
  a.push_back((options_.scripts / (first.stage + ".sbatch")).string());
  a.push_back("--manifest");
  a.push_back(manifest.string());
  return a;
}

std::optional<std::string> SlurmExecutor::known_slurm_id(const std::string& id,
                                                         const std::filesystem::path& workdir) {
  if (const auto it = slurm_ids_.find(id); it != slurm_ids_.end()) return it->second;
  const auto slurm_id = read_first_line(workdir / "slurm_job_id");
  if (!slurm_id) return std::nullopt;
  if (!slurm::is_job_id(*slurm_id))
    throw Error(ErrorCode::Corrupt, (workdir / "slurm_job_id").string() + " holds '" + *slurm_id +
                                        "', not a Slurm job id");
  slurm_ids_[id] = *slurm_id;
  active_.insert(*slurm_id);
  return slurm_id;
}

void SlurmExecutor::remember(const JobLaunch& job, const std::string& slurm_id) {
  io::write_file_atomic(job.workdir / "slurm_job_id", slurm_id + "\n");
  slurm_ids_[job.id] = slurm_id;
  active_.insert(slurm_id);
}

std::optional<std::string> SlurmExecutor::find_submitted(const JobLaunch& job) {
  // slurm.submit: "<time>\n<command>\n[array <dir> <index>\n]". A job's working directory is
  // unique to it (one per vcoord job id); an array element is found by the array's directory
  // and its index. The lines are "<id>|<workdir>[|...]".
  std::string workdir = job.workdir.string(), suffix;
  std::vector<std::string> names = {job.name.empty() ? "vseal-" + job.stage : job.name};
  {
    std::ifstream in(job.workdir / "slurm.submit");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("array ", 0) != 0) continue;
      const auto sp = line.rfind(' ');
      workdir = line.substr(6, sp - 6);
      suffix = "_" + line.substr(sp + 1);
      names.push_back("vseal-" + job.stage + "-array");
    }
  }
  const auto match = [&](const std::string& out) -> std::optional<std::string> {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      const auto bar = line.find('|');
      if (bar == std::string::npos) continue;
      const auto end = line.find('|', bar + 1);
      const std::string dir = line.substr(bar + 1, end == std::string::npos ? end : end - bar - 1);
      const std::string id = line.substr(0, bar);
      const bool element_ok =
          suffix.empty() ? id.find('_') == std::string::npos
                         : id.size() > suffix.size() &&
                               id.compare(id.size() - suffix.size(), suffix.size(), suffix) == 0;
      if (dir == workdir && slurm::is_job_id(id) && element_ok) return id;
    }
    return std::nullopt;
  };
  std::string name_list;
  for (const auto& n : names) name_list += (name_list.empty() ? "" : ",") + n;
  auto found = [&]() -> std::optional<std::string> {
    const auto q = run({"squeue", "--me", "-h", "-r", "--name=" + name_list, "-o", "%i|%Z|"});
    if (q.exit_code != 0)
      throw Error(ErrorCode::Transient, "squeue failed while recovering " + job.id + ": " + q.err);
    if (auto id = match(q.out)) return id;
    const auto a = run({"sacct", "-X", "-n", "-P", "--name=" + name_list, "--starttime=now-60days",
                        "--format=JobID,WorkDir,State"});
    if (a.exit_code != 0) return std::nullopt;  // no accounting: only squeue can tell
    return match(a.out);
  }();
  if (found) remember(job, *found);
  return found;
}

std::optional<std::string> SlurmExecutor::submitted_id(const JobLaunch& job) {
  if (auto id = known_slurm_id(job.id, job.workdir)) return id;
  if (!std::filesystem::exists(job.workdir / "slurm.submit")) return std::nullopt;
  return find_submitted(job);  // sbatch ran, vcoord died before it wrote the id
}

std::string SlurmExecutor::dependency_id(const JobLaunch& job) {
  if (!job.after) return "";
  const auto id = submitted_id(predecessor(job));
  if (!id)
    throw Error(ErrorCode::Transient, "job " + job.id + " waits for " + job.after->id +
                                          ", which is not submitted to Slurm yet");
  return *id;
}

std::optional<std::string> SlurmExecutor::submit(const JobLaunch& job) {
  return submit_one(job, true);
}

std::optional<std::string> SlurmExecutor::submit_one(const JobLaunch& job, bool with_dependency) {
  if (auto id = submitted_id(job)) return id;
  std::filesystem::create_directories(job.workdir);
  const auto marker = job.workdir / "slurm.submit";
  const std::string dependency = with_dependency ? dependency_id(job) : "";
  const auto argv = sbatch_argv(job, dependency);
  io::write_file_atomic(marker, std::to_string(::time(nullptr)) + "\n" + command_text(argv) + "\n");
  const auto r = run(argv);
  const std::string id = sbatch_job_id(r);
  if (r.exit_code != 0 || !slurm::is_job_id(id)) {
    std::filesystem::remove(marker);
    const std::string why = sbatch_refusal(r);
    // The predecessor ended and Slurm forgot it (MinJobAge) before this job was submitted:
    // if it succeeded, nothing is left to wait for.
    if (!dependency.empty() && why.find("dependency") != std::string::npos) {
      if (poll(predecessor(job)).phase == JobPhase::Succeeded) return submit_one(job, false);
      throw Error(ErrorCode::Transient, "sbatch refused job " + job.id + " (waits for " +
                                            job.after->id + ", not succeeded): " + why);
    }
    throw Error(r.exit_code != 0 ? sbatch_error_kind(why) : ErrorCode::Transient,
                "sbatch refused job " + job.id + ": " + why);
  }
  remember(job, id);
  refreshed_ = {};  // the next poll asks Slurm again
  return id;
}

std::vector<std::optional<std::string>> SlurmExecutor::submit_all(std::span<const JobLaunch> jobs) {
  // Jobs already submitted (before a crash) are left alone; the rest form one array when there
  // are several of one stage whose predecessors, if any, are the same elements of one array.
  std::vector<JobLaunch> fresh;
  for (const auto& j : jobs)
    if (!submitted_id(j)) fresh.push_back(j);
  bool one_array = fresh.size() > 1;
  std::string aftercorr;
  for (std::size_t i = 0; one_array && i < fresh.size(); ++i) {
    one_array = fresh[i].stage == fresh[0].stage;
    const std::string dep = dependency_id(fresh[i]);
    if (i == 0 && !dep.empty()) aftercorr = dep.substr(0, dep.find('_'));
    if (dep.empty() != aftercorr.empty() ||
        (!dep.empty() && dep != aftercorr + "_" + std::to_string(i)))
      one_array = false;
  }
  if (one_array) {
    submit_array(fresh, aftercorr);
  } else {
    for (const auto& j : fresh) submit_one(j, true);
  }
  std::vector<std::optional<std::string>> handles;
  for (const auto& j : jobs) handles.push_back(known_slurm_id(j.id, j.workdir));
  return handles;
}

void SlurmExecutor::submit_array(std::span<const JobLaunch> jobs, const std::string& aftercorr) {
  const auto dir = jobs.front().workdir / "array";
  std::filesystem::create_directories(dir);
  std::string manifest;
  for (const auto& j : jobs) {
    if (j.argv.size() != 2)
      throw Error(ErrorCode::BadInput, "Slurm executor: job " + j.id + " is not BINARY SPEC");
    for (const auto& field : {j.id, j.workdir.string(), j.argv[1]})
      if (field.find_first_of("\t\n") != std::string::npos)
        throw Error(ErrorCode::BadInput,
                    "Slurm executor: job " + j.id + " has a tab or newline in its id or paths");
    manifest += j.id + "\t" + j.workdir.string() + "\t" + j.argv[1] + "\n";
  }
  const auto manifest_path = dir / "manifest.tsv";
  io::write_file_atomic(manifest_path, manifest);
  const auto argv = array_argv(jobs, manifest_path, aftercorr);
  const std::string when = std::to_string(::time(nullptr)) + "\n" + command_text(argv) + "\n";
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::filesystem::create_directories(jobs[i].workdir);
    io::write_file_atomic(jobs[i].workdir / "slurm.submit",
                          when + "array " + dir.string() + " " + std::to_string(i) + "\n");
  }
  const auto r = run(argv);
  const std::string id = sbatch_job_id(r);
  if (r.exit_code != 0 || !slurm::is_job_id(id) || id.find('_') != std::string::npos) {
    for (const auto& j : jobs) std::filesystem::remove(j.workdir / "slurm.submit");
    const std::string why = sbatch_refusal(r);
    throw Error(
        r.exit_code != 0 ? sbatch_error_kind(why) : ErrorCode::Transient,
        "sbatch refused the array of " + jobs.front().id + " .. " + jobs.back().id + ": " + why);
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) remember(jobs[i], id + "_" + std::to_string(i));
  refreshed_ = {};
}

void SlurmExecutor::refresh(bool force) {
  const auto now = Clock::now();
  if (!force && now - refreshed_ < options_.refresh_interval) return;
  refreshed_ = now;
  if (active_.empty()) return;
  const auto q = run({"squeue", "--me", "-h", "-r", "-o", "%i|%T|%r"});
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
  const auto id = submitted_id(job);
  if (!id) {
    const auto marker = read_first_line(job.workdir / "slurm.submit");
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
  const auto id = submitted_id(job);
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
