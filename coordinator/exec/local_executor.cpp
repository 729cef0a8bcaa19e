// Local executor (see local_executor.hpp).
#include "exec/local_executor.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "exec/command.hpp"
#include "jobs/common/job_main.hpp"

namespace vseal::coord {
namespace {

// The fields of <proc_dir>/stat after the command name (which may hold spaces and
// parentheses): proc(5)'s field k is at index k - 3. Empty when the process is gone.
std::vector<std::string> stat_fields(const std::filesystem::path& proc_dir) {
  std::ifstream in(proc_dir / "stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto close = line.rfind(')');
  if (close == std::string::npos || close + 2 > line.size()) return {};
  std::istringstream rest(line.substr(close + 2));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

// Field 22: the start time in clock ticks, which tells a recycled pid from the process we
// started.
std::optional<std::string> process_start_time(pid_t pid) {
  const auto f = stat_fields("/proc/" + std::to_string(pid));
  if (f.size() < 20) return std::nullopt;
  return f[19];
}

struct PidFile {
  pid_t pid = 0;
  std::string start_time;
};

std::optional<PidFile> read_pid_file(const std::filesystem::path& workdir) {
  std::ifstream in(workdir / "job.pid");
  PidFile f;
  if (!(in >> f.pid >> f.start_time)) return std::nullopt;
  return f;
}

bool alive(const PidFile& f) {
  const auto now = process_start_time(f.pid);
  return now && *now == f.start_time;
}

// A launched job whose wrapper has not written job.pid after this long never started.
constexpr long long kLaunchGraceSeconds = 30;

long long now_seconds() {
  return static_cast<long long>(::time(nullptr));
}

// The anonymous resident memory (heap, stacks, private mappings; not file pages such as the
// mapped parent cache, which belong to the page cache) of every process in a process group,
// and those processes.
struct GroupMemory {
  std::uint64_t anon_bytes = 0;
  std::vector<pid_t> pids;
};

GroupMemory group_memory(pid_t pgid) {
  GroupMemory g;
  const std::string group = std::to_string(pgid);
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto f = stat_fields(e.path());
    if (f.size() < 3 || f[2] != group) continue;  // field 5: process group
    g.pids.push_back(static_cast<pid_t>(std::stol(name)));
    std::ifstream status(e.path() / "status");
    for (std::string line; std::getline(status, line);)
      if (line.rfind("RssAnon:", 0) == 0) g.anon_bytes += std::stoull(line.substr(8)) * 1024;
  }
  return g;
}

void reap_children() {
  // Our direct children are the wrappers; reap them so they do not linger as zombies. Their
  // status is read from exit_code, which also works after a restart.
  while (waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}

}  // namespace

LocalExecutor::LocalExecutor(const JobsConfig& config) : config_(config) {}

std::map<std::string, unsigned> LocalExecutor::running_per_stage() {
  std::map<std::string, unsigned> counts;
  for (auto it = running_stage_.begin(); it != running_stage_.end();) {
    if (status_of(known_.at(it->first)).phase != JobPhase::Running) {
      it = running_stage_.erase(it);
      continue;
    }
    ++counts[it->second];
    ++it;
  }
  return counts;
}

std::optional<std::string> LocalExecutor::submit(const JobLaunch& job) {
  // The pid is known only once the wrapper wrote job.pid: poll() reports it.
  if (known_.count(job.id)) return std::nullopt;
  known_[job.id] = job;
  // Already started (by us before a restart, or finished): nothing to do.
  if (std::filesystem::exists(job.workdir / "exit_code") ||
      std::filesystem::exists(job.workdir / "job.pid") ||
      std::filesystem::exists(job.workdir / "job.launch"))
    return std::nullopt;
  queue_.push_back(job);
  queued_ids_.insert(job.id);
  start_queued();
  return std::nullopt;
}

void LocalExecutor::start_queued() {
  reap_children();
  // Counted once (each count polls the job's files), then kept up to date as jobs start.
  auto running = running_per_stage();
  for (auto it = queue_.begin(); it != queue_.end();) {
    const auto stage = config_.stages.find(it->stage);
    const unsigned limit = stage == config_.stages.end() ? 1 : stage->second.concurrency;
    if (running[it->stage] < limit) {
      const JobLaunch job = *it;
      queued_ids_.erase(job.id);
      it = queue_.erase(it);
      start(job);
      ++running[job.stage];
    } else {
      ++it;
    }
  }
}

std::vector<int> LocalExecutor::choose_cores(unsigned wanted) {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  std::vector<int> available;
  if (sched_getaffinity(0, sizeof mine, &mine) == 0)
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(static_cast<std::size_t>(c), &mine)) available.push_back(c);
  if (available.empty()) return {};
  // Least-used cores first among the jobs this process runs; jobs share cores only when
  // the stages ask for more than the machine has.
  std::map<int, unsigned> use;
  for (const auto& [id, stage] : running_stage_)
    for (const int c : cores_[id]) ++use[c];
  std::stable_sort(available.begin(), available.end(),
                   [&use](int a, int b) { return use[a] < use[b]; });
  available.resize(std::min<std::size_t>(std::max(1u, wanted), available.size()));
  std::sort(available.begin(), available.end());
  return available;
}

void LocalExecutor::start(const JobLaunch& job) {
  std::filesystem::create_directories(job.workdir);
  const auto stage = config_.stages.find(job.stage);
  const std::vector<int> cores =
      choose_cores(stage == config_.stages.end() ? 1 : stage->second.cpus);
  {
    std::ofstream f(job.workdir / "job.cpus");
    for (std::size_t i = 0; i < cores.size(); ++i) f << (i ? "," : "") << cores[i];
    f << "\n";
  }
  // Marks the job as launched before the fork: a vcoord that restarts before the wrapper has
  // written job.pid must not start a second copy in the same directory.
  {
    std::ofstream(job.workdir / "job.launch.tmp") << now_seconds() << "\n";
    std::filesystem::rename(job.workdir / "job.launch.tmp", job.workdir / "job.launch");
  }
  // The wrapper writes job.pid itself (pid and kernel start time) before the job runs, so the
  // record exists even if vcoord dies right after fork.
  std::string script =
      "cd " + shell_quote(job.workdir.string()) +
      " && echo \"$$ $(cut -d' ' -f22 /proc/$$/stat)\" > job.pid.$$ && mv job.pid.$$ job.pid && ";
  for (const auto& a : job.argv) {
    script += shell_quote(a);
    script += ' ';
  }
  // The wrapper records the status atomically; "$?" > 128 means the job died of a signal.
  // `times` leaves the job's CPU time (its second line: children's user and system time) for
  // `vcoord report`, before exit_code marks the end.
  script +=
      ">>job.log 2>&1; s=$?; times > job.times 2>/dev/null; echo $s > exit_code.tmp && "
      "mv exit_code.tmp exit_code";
  const pid_t pid = fork();
  if (pid < 0)
    throw Error(ErrorCode::Transient,
                "fork failed for job " + job.id + ": " + std::strerror(errno));
  if (pid == 0) {
    setsid();
    if (!cores.empty()) {
      // Pinned to its cores (inherited by everything the job starts); a refusal leaves it
      // unpinned rather than failing the job.
      cpu_set_t set;
      CPU_ZERO(&set);
      for (const int c : cores) CPU_SET(static_cast<std::size_t>(c), &set);
      sched_setaffinity(0, sizeof set, &set);
    }
    for (const auto& [k, v] : job.env) setenv(k.c_str(), v.c_str(), 1);
    const int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  running_stage_[job.id] = job.stage;
  started_pids_[job.id] = pid;
  cores_[job.id] = cores;
}

JobStatus LocalExecutor::poll(const JobLaunch& job) {
  // A slot freed by a job that ended is filled whenever any job is looked at, not only at the
  // next submission.
  if (!queue_.empty()) start_queued();
  return status_of(job);
}

void LocalExecutor::enforce_memory(const JobLaunch& job, pid_t wrapper) {
  const auto stage = config_.stages.find(job.stage);
  if (stage == config_.stages.end() || stage->second.memory_mib == 0) return;
  // Looked at no more than once a second per job: a scan of /proc costs about a millisecond.
  const auto now = std::chrono::steady_clock::now();
  auto& last = memory_checked_[job.id];
  if (now - last < std::chrono::seconds(1)) return;
  last = now;
  const std::uint64_t limit = stage->second.memory_mib << 20;
  const auto g = group_memory(wrapper);
  if (g.anon_bytes <= limit) return;
  // The job's processes are killed, not the wrapper, which then records the exit (137) as for
  // any killed job; the file says why.
  std::ofstream(job.workdir / "memory_exceeded")
      << "exceeded [Jobs." << job.stage << "] MemoryMiB = " << stage->second.memory_mib
      << ": its processes held " << (g.anon_bytes >> 20) << " MiB of anonymous memory\n";
  for (const pid_t p : g.pids)
    if (p != wrapper) ::kill(p, SIGKILL);
}

JobStatus LocalExecutor::status_of(const JobLaunch& job) {
  reap_children();
  JobStatus s;
  if (queued_ids_.count(job.id)) {
    s.phase = JobPhase::Queued;
    s.detail = "waiting for a " + job.stage + " slot";
    return s;
  }
  const auto pid = read_pid_file(job.workdir);
  if (pid) s.handle = std::to_string(pid->pid);
  if (const auto code = read_first_line(job.workdir / "exit_code")) {
    memory_checked_.erase(job.id);
    const int status = std::atoi(code->c_str());
    if (std::filesystem::exists(job.workdir / "cancelled")) {
      s.phase = JobPhase::Cancelled;
      s.failure = FailureKind::Killed;
      s.detail = "cancelled";
      return s;
    }
    if (status > 128) {
      s.signal = status - 128;
      s.phase = JobPhase::Failed;
      s.failure = FailureKind::Killed;
      s.detail = "killed by signal " + std::to_string(status - 128);
      if (const auto why = read_first_line(job.workdir / "memory_exceeded")) s.detail = *why;
      return s;
    }
    s.exit_code = status;
    s.failure = failure_for_exit(status);
    s.phase = status == 0 ? JobPhase::Succeeded : JobPhase::Failed;
    if (status == 0) {
      attach_result(s, job.workdir);
    } else {
      s.detail = "exit code " + std::to_string(status) + " (" +
                 std::string(failure_kind_name(s.failure)) + ")";
    }
    return s;
  }
  if (pid && alive(*pid)) {
    s.phase = JobPhase::Running;
    enforce_memory(job, pid->pid);
    return s;
  }
  if (!pid) {
    // Launched a moment ago: the wrapper has not written job.pid yet.
    const auto it = started_pids_.find(job.id);
    if (it != started_pids_.end() && ::kill(it->second, 0) == 0) {
      s.phase = JobPhase::Running;
      s.handle = std::to_string(it->second);
      return s;
    }
    if (const auto launched = read_first_line(job.workdir / "job.launch");
        launched && now_seconds() - std::atoll(launched->c_str()) < kLaunchGraceSeconds) {
      s.phase = JobPhase::Running;
      s.detail = "starting";
      return s;
    }
  }
  if (std::filesystem::exists(job.workdir / "cancelled")) {
    s.phase = JobPhase::Cancelled;
    s.failure = FailureKind::Killed;
    s.detail = "cancelled";
    return s;
  }
  s.phase = JobPhase::Lost;
  s.failure = FailureKind::Killed;
  s.detail =
      pid ? "process " + std::to_string(pid->pid) + " is gone and left no exit status"
          : "never started (no job.pid " + std::to_string(kLaunchGraceSeconds) + " s after launch)";
  return s;
}

void LocalExecutor::cancel(const JobLaunch& job) {
  if (queued_ids_.erase(job.id)) {
    std::erase_if(queue_, [&](const JobLaunch& j) { return j.id == job.id; });
    std::filesystem::create_directories(job.workdir);
    std::ofstream(job.workdir / "cancelled") << "cancelled while queued\n";
    return;
  }
  std::filesystem::create_directories(job.workdir);
  std::ofstream(job.workdir / "cancelled") << "cancelled\n";
  auto pid = read_pid_file(job.workdir);
  if (!pid) {
    const auto it = started_pids_.find(job.id);
    if (it != started_pids_.end())
      pid = PidFile{it->second, process_start_time(it->second).value_or("")};
  }
  if (pid && alive(*pid)) {
    // The wrapper leads the job's session and process group: signal all of it, then make sure.
    ::kill(-pid->pid, SIGTERM);
    for (int i = 0; i < 50 && alive(*pid); ++i) {
      reap_children();
      usleep(20000);
    }
    if (alive(*pid)) ::kill(-pid->pid, SIGKILL);
    reap_children();
  }
  running_stage_.erase(job.id);
  start_queued();
}

}  // namespace vseal::coord
