#pragma once
// How vcoord runs jobs: one interface for the local executor (child processes) and the Slurm
// executor (issue #6). A job has a deterministic id, a command line, a working directory and
// the stage's resources; submit() is idempotent per id (a job already known, running or
// finished is not started again), poll() reports its state and, once it ended, its exit code
// interpreted as in architecture.md §5 and its result.json. cancel() stops it and everything
// it started.
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

struct JobLaunch {
  std::string id;     // <stage>-<miner>-<number>-<attempt>
  std::string name;   // vseal-<stage>-<miner>-<number>: what an operator sees in squeue
  std::string stage;  // pc1 | pc2 | c2 | wdpost
  std::vector<std::string> argv;
  std::filesystem::path workdir;  // job.log, job.pid, exit_code and result.json live here
  std::map<std::string, std::string> env;
};

enum class JobPhase { Queued, Running, Succeeded, Failed, Cancelled, Lost };

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
  virtual void submit(const JobLaunch& job) = 0;
  virtual JobStatus poll(const JobLaunch& job) = 0;
  virtual void cancel(const JobLaunch& job) = 0;
};

// "local" or "slurm" as [Jobs] Executor says; bin_dir holds the stage binaries.
std::unique_ptr<Executor> make_executor(const JobsConfig& config,
                                        const std::filesystem::path& bin_dir);

}  // namespace vseal::coord
