#pragma once
// The local executor: jobs run as child processes of vcoord, each in its own session (so a
// cancel reaches every process it started), with per-stage concurrency limits from [Jobs].
// A small shell wrapper writes <workdir>/job.pid (its pid and kernel start time) before the
// job runs and the exit status to <workdir>/exit_code when it ends, so a restarted vcoord
// re-attaches to a running job, reads the status of one that ended while it was down, and reports a
// job whose process vanished without a status as Lost (to be rerun: jobs are idempotent).
// Each job is pinned (sched_setaffinity) to [Jobs.<stage>] Cpus cores, the least used among the
// jobs running. [Jobs.<stage>] MemoryMiB bounds the anonymous resident memory of the job's
// whole process group (file pages such as the mapped parent cache are not the job's): checked
// whenever the job is polled (at most once a second), a job above it is killed and reported
// with both figures. No privileges or cgroups are needed; under Slurm, cgroups enforce
// --mem-per-cpu instead.
#include <sys/types.h>
#include <chrono>

#include <deque>
#include <map>
#include <set>

#include "exec/executor.hpp"

namespace vseal::coord {

class LocalExecutor final : public Executor {
 public:
  explicit LocalExecutor(const JobsConfig& config);
  std::string name() const override { return "local"; }
  std::optional<std::string> submit(const JobLaunch& job) override;
  JobStatus poll(const JobLaunch& job) override;
  void cancel(const JobLaunch& job) override;

 private:
  void start(const JobLaunch& job);
  // poll() without filling free slots (which itself needs every running job's status).
  JobStatus status_of(const JobLaunch& job);
  void enforce_memory(const JobLaunch& job, pid_t wrapper);
  // [Jobs.<stage>] Cpus cores for a new job, least used first (written to <workdir>/job.cpus).
  std::vector<int> choose_cores(unsigned wanted);
  void start_queued();
  // Jobs this process started that are still running, per stage (finished ones are dropped).
  std::map<std::string, unsigned> running_per_stage();
  JobsConfig config_;
  std::deque<JobLaunch> queue_;
  std::set<std::string> queued_ids_;
  std::map<std::string, std::string> running_stage_;  // id -> stage, started by this process
  std::map<std::string, JobLaunch> known_;
  std::map<std::string, std::vector<int>> cores_;  // id -> CPU cores it is pinned to
  std::map<std::string, int>
      started_pids_;  // id -> wrapper pid, for the moment before job.pid exists
  std::map<std::string, std::chrono::steady_clock::time_point> memory_checked_;
};

}  // namespace vseal::coord
