#pragma once
// Runs an external program (sbatch, squeue, sacct, scancel, scontrol) and collects its output.
// The program is found on PATH, gets no stdin, and is killed (SIGKILL to its process group) when
// it outlives the timeout, so a hung Slurm controller can never stall vcoord's loop. A program
// that cannot be started, or times out, is an Error{Transient}; a non-zero exit is returned
// for the caller to interpret.
#include <chrono>
#include <string>
#include <vector>

namespace vseal::coord {

struct CommandResult {
  int exit_code = 0;
  std::string out, err;
};

CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// s as one single-quoted shell word ('it'\''s'), safe inside `sh -c`.
std::string shell_quote(const std::string& s);

// The command line as a shell would show it (for logs and error messages): plain words as
// they are, others quoted as shell_quote does.
std::string command_text(const std::vector<std::string>& argv);

}  // namespace vseal::coord
