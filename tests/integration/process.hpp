#pragma once
// Runs a program as a child process for integration tests: wait for it, or kill it after a delay.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace vseal::testing {

struct ChildResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
};

inline pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* log = std::fopen(log_path.c_str(), "a");
    if (log != nullptr) {
      dup2(fileno(log), 1);
      dup2(fileno(log), 2);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Open MPI settings for mpirun children: as root on a small machine, loopback only
// (hpc-local-cluster.md).
inline void use_local_open_mpi() {
  setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  setenv("OMPI_MCA_btl", "self,vader", 1);
  setenv("OMPI_MCA_oob_tcp_if_include", "lo", 1);
  setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);
}

inline ChildResult wait_child(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  ChildResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

inline ChildResult run(const std::vector<std::string>& argv, const std::string& log_path) {
  return wait_child(spawn(argv, log_path));
}

// Starts the program and SIGKILLs it after `delay` unless it finished first.
inline ChildResult run_and_kill_after(const std::vector<std::string>& argv,
                                      const std::string& log_path,
                                      std::chrono::milliseconds delay) {
  const pid_t pid = spawn(argv, log_path);
  const auto deadline = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      ChildResult r;
      if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, SIGKILL);
  return wait_child(pid);
}

}  // namespace vseal::testing
