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

// The command line as a shell would show it (for logs and error messages).
std::string command_text(const std::vector<std::string>& argv);

}  // namespace vseal::coord
