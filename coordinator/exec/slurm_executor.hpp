#pragma once
// The Slurm executor: each job is `sbatch <scripts>/<stage>.sbatch SPEC` with the stage's
// [Jobs.*] resources as sbatch options, named vseal-<stage>-<miner>-<sector>, with vcoord's
// job id as its comment and its working directory as --chdir. Guarantees:
// - submit() is idempotent across crashes: <workdir>/slurm.submit is written before sbatch
//   runs and <workdir>/slurm_job_id after it answered; a restart that finds the first without
//   the second looks the job up in squeue/sacct by name and working directory before it
//   would submit again;
// - state comes from one squeue call for all of vcoord's jobs and one sacct call for those
//   that left the queue, at most once per refresh interval, never one call per job;
// - NODE_FAIL, PREEMPTED and BOOT_FAIL are requeued (`scontrol requeue`), the same job id
//   running again; CANCELLED, TIMEOUT and OUT_OF_MEMORY reach the pipeline as failures to
//   retry, exit codes map as in architecture.md §5;
// - cancel() is scancel, recorded in <workdir>/cancelled;
// - a job with JobLaunch::after is submitted with --dependency=afterok on that job's Slurm id
//   and --kill-on-invalid-dep=yes, so it starts the moment its predecessor succeeds and Slurm
//   drops it if the predecessor fails;
// - submit_all() of several jobs submits one job array (--array=0-<n-1>): a manifest in
//   <first job's workdir>/array/ tells each element its job's id, working directory and spec;
//   element i is job "<array id>_i". Elements whose predecessors are the same elements of one
//   array wait with --dependency=aftercorr. Each element's slurm.submit names the array
//   directory and index, so crash recovery finds elements like single jobs.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "exec/command.hpp"
#include "exec/executor.hpp"
#include "exec/slurm_text.hpp"

namespace vseal::coord {

struct SlurmOptions {
  std::filesystem::path scripts;  // pc1.sbatch, pc2.sbatch, ...
  std::filesystem::path bin_dir;  // exported to jobs as VSEAL_BIN
  std::chrono::milliseconds command_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds refresh_interval = std::chrono::seconds(1);
};

// The directory of the sbatch files: [Jobs] SlurmScripts, else <bin_dir>/../share/vseal/slurm.
std::filesystem::path slurm_scripts_dir(const JobsConfig& config,
                                        const std::filesystem::path& bin_dir);

class SlurmExecutor final : public Executor {
 public:
  SlurmExecutor(const JobsConfig& config, SlurmOptions options);
  std::string name() const override { return "slurm"; }
  std::optional<std::string> submit(const JobLaunch& job) override;
  std::vector<std::optional<std::string>> submit_all(std::span<const JobLaunch> jobs) override;
  bool supports_dependencies() const override { return true; }
  JobStatus poll(const JobLaunch& job) override;
  void cancel(const JobLaunch& job) override;

  // The sbatch command line for a job (shown by logs and checked by tests); `dependency` is
  // the Slurm id of the job it waits for, if any.
  std::vector<std::string> sbatch_argv(const JobLaunch& job,
                                       const std::string& dependency = "") const;
  // The sbatch command line for an array of jobs of one stage whose manifest is `manifest`;
  // `aftercorr` is the array whose elements they wait for, element by element, if any.
  std::vector<std::string> array_argv(std::span<const JobLaunch> jobs,
                                      const std::filesystem::path& manifest,
                                      const std::string& aftercorr = "") const;

 private:
  std::vector<std::string> stage_options(const JobLaunch& job) const;
  std::optional<std::string> known_slurm_id(const std::string& id,
                                            const std::filesystem::path& workdir);
  std::optional<std::string> find_submitted(const JobLaunch& job);
  // The job's Slurm id: known, or found after a crash between sbatch and recording it.
  std::optional<std::string> submitted_id(const JobLaunch& job);
  std::string dependency_id(const JobLaunch& job);
  std::optional<std::string> submit_one(const JobLaunch& job, bool with_dependency);
  void submit_array(std::span<const JobLaunch> jobs, const std::string& aftercorr);
  void remember(const JobLaunch& job, const std::string& slurm_id);
  void refresh(bool force);
  JobStatus finished(const JobLaunch& job, const std::string& slurm_id,
                     const slurm::AccountingRow& row);
  CommandResult run(const std::vector<std::string>& argv) const;

  JobsConfig config_;
  SlurmOptions options_;
  std::map<std::string, std::string> slurm_ids_;       // vcoord job id -> Slurm job id
  std::set<std::string> active_;                       // Slurm ids not yet seen final
  std::map<std::string, slurm::QueueRow> queue_;       // from the last squeue
  std::map<std::string, slurm::AccountingRow> ended_;  // final job lines from sacct
  std::map<std::string, std::chrono::steady_clock::time_point> seen_;  // last seen in squeue
  std::chrono::steady_clock::time_point refreshed_{};
};

}  // namespace vseal::coord
