#pragma once
// Slurm's command-line output, parsed: squeue rows, sacct rows (`--parsable2`, never `--json`,
// whose exit codes are wrong in Slurm 22.05), and the meaning of each job state for vcoord.
// Pure functions, tested without a cluster; the Slurm executor and `vcoord report` use them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exec/executor.hpp"

namespace vseal::coord::slurm {

// A Slurm job id as vcoord keeps it: "123", or "123_4" for element 4 of job array 123.
bool is_job_id(std::string_view s);

// `squeue -h -r -o '%i|%T|%r'`: job id -> (state, reason); -r lists every pending array element
// on its own line ("123_4"), never the folded "123_[4-7]".
struct QueueRow {
  std::string state, reason;
};
std::map<std::string, QueueRow> parse_squeue(const std::string& out);

// One line of `sacct -n -P --format=JobID,State,ExitCode,ElapsedRaw,TotalCPU,MaxRSS,AllocTRES,
// Start,End` (the fields kAccountingFormat names, in that order). step is empty for the job's
// own line, else "batch", "extern" or the step number.
struct AccountingRow {
  std::string job_id, step;
  std::string state;  // first word: "CANCELLED by 0" -> "CANCELLED"
  int exit_code = 0, signal = 0;
  std::int64_t elapsed_s = 0;
  double cpu_s = 0;                 // TotalCPU: user + system time really used
  std::uint64_t max_rss_bytes = 0;  // steps only; empty on the job's line
  unsigned gpus = 0;                // gres/gpu in AllocTRES
  std::string start, end;           // ISO times as sacct prints them ("Unknown" while running)
};
inline constexpr const char* kAccountingFormat =
    "JobID,State,ExitCode,ElapsedRaw,TotalCPU,MaxRSS,AllocTRES,Start,End";
std::vector<AccountingRow> parse_sacct(const std::string& out);

// "[D-][HH:]MM:SS[.mmm]" -> seconds; "1234K"/"1.5G"/"0" -> bytes. Throw Error{BadInput} on junk.
double parse_duration(const std::string& s);
std::uint64_t parse_size(const std::string& s);

// A job state that is still in Slurm's hands (pending, running, completing, requeued).
bool is_active_state(const std::string& state);

// A final state after which the same job runs again (requeued by Slurm or by vcoord): NODE_FAIL,
// PREEMPTED, BOOT_FAIL.
bool runs_again_after(const std::string& state);

// What a job's final accounting state means for vcoord: phase, failure kind and a detail
// naming the state. NODE_FAIL, PREEMPTED and BOOT_FAIL are marked requeue (the executor asks
// Slurm to run the same job again) and never reach the pipeline as failures.
struct FinalMeaning {
  JobStatus status;
  bool requeue = false;
};
FinalMeaning final_meaning(const std::string& state, int exit_code, int signal);

// One job, all its runs (sacct -D lists a requeued job once per run), for `vcoord report`.
struct JobAccounting {
  std::string job_id;
  std::string state;  // of the last run
  int exit_code = 0, signal = 0;
  std::int64_t elapsed_s = 0;  // the last run
  std::int64_t elapsed_all_runs_s = 0;
  double cpu_s = 0;  // every step of every run
  std::uint64_t max_rss_bytes = 0;
  unsigned gpus = 0;
  unsigned requeues = 0;   // runs that ended REQUEUED (or NODE_FAIL/PREEMPTED and ran again)
  std::string start, end;  // of the last run
};
std::map<std::string, JobAccounting> summarize(const std::vector<AccountingRow>& rows);

}  // namespace vseal::coord::slurm
