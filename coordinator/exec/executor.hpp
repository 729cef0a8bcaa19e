#pragma once
// How vcoord runs jobs: one interface for the local executor (child processes) and the Slurm
// executor (issue #6). A job has a deterministic id, a command line, a working directory and
// the stage's resources; submit() is idempotent per id (a job already known, running or
// finished is not started again), poll() reports its state and, once it ended, its exit code
// interpreted as in architecture.md §5 and its result.json. cancel() stops it and everything
// it started. An executor that supports it also takes jobs that start only after another job
// succeeded (PC2 after PC1: Slurm's --dependency=afterok) and several jobs of one stage in one
// submission (a Slurm job array); the others run them one by one as vcoord polls.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace vseal::coord {

// A job another one waits for: enough of its launch to find it in the executor again.
struct JobRef {
  std::string id;
  std::filesystem::path workdir;
  std::string stage, name;
};

struct JobLaunch {
  std::string id;     // <stage>-<miner>-<number>-<attempt>
  std::string name;   // vseal-<stage>-<miner>-<number>: what an operator sees in squeue
  std::string stage;  // pc1 | pc2 | c2 | wdpost
  std::vector<std::string> argv;
  std::filesystem::path workdir;  // job.log, job.pid, exit_code and result.json live here
  std::map<std::string, std::string> env;
  std::optional<JobRef> after;  // start only once this job succeeded (never if it fails)
  std::optional<int> nice;      // scheduling priority (lower first); default_nice(stage) if unset
};

// Priority by what a late job costs: a missed WindowPoSt a fault, a late C2 a pre-commit
// deposit, PC2 and PC1 only throughput. Each stage owns a band of 100 nice values so that the
// pipeline can order jobs of one stage by deadline slack without crossing stages.
int default_nice(std::string_view stage);

enum class JobPhase { Queued, Running, Succeeded, Failed, Cancelled, Lost };
// "queued", "running", ...: the job states vcoord records (JobRecord::state).
std::string_view job_phase_name(JobPhase p);

// What a failed job's exit says about retrying (architecture.md §5).
enum class FailureKind { None, BadInput, Transient, Bug, Killed };

struct JobStatus {
  JobPhase phase = JobPhase::Queued;
  std::string handle;  // pid (local) or Slurm job id
  std::optional<int> exit_code;
  std::optional<int> signal;
  FailureKind failure = FailureKind::None;
  std::string detail;
  std::optional<nlohmann::json> result;  // <workdir>/result.json of a succeeded job
};

std::string_view failure_kind_name(FailureKind k);
// 0 -> None, 2 -> BadInput (never retried), 75 -> Transient (retried), anything else -> Bug.
FailureKind failure_for_exit(int exit_code);

// The first line of a small status file a job or executor wrote (exit_code, job.launch,
// slurm_job_id, ...); nullopt when the file is missing or the line empty.
std::optional<std::string> read_first_line(const std::filesystem::path& p);

// Reads <workdir>/result.json of a job that exited 0 into s.result; one that is not JSON
// turns the job into a failure (a bug in the stage).
void attach_result(JobStatus& s, const std::filesystem::path& workdir);

class Executor {
 public:
  virtual ~Executor() = default;
  virtual std::string name() const = 0;
  // Returns the job's handle (pid or Slurm job id) when it has one already.
  virtual std::optional<std::string> submit(const JobLaunch& job) = 0;
  // Several jobs of one stage at once (a Slurm job array); by default one submit() each.
  virtual std::vector<std::optional<std::string>> submit_all(std::span<const JobLaunch> jobs);
  // Whether submit() honours JobLaunch::after; without it, the pipeline submits a job only
  // once the one before it succeeded.
  virtual bool supports_dependencies() const { return false; }
  virtual JobStatus poll(const JobLaunch& job) = 0;
  virtual void cancel(const JobLaunch& job) = 0;
};

// "local" or "slurm" as [Jobs] Executor says; bin_dir holds the stage binaries.
std::unique_ptr<Executor> make_executor(const JobsConfig& config,
                                        const std::filesystem::path& bin_dir);

}  // namespace vseal::coord
