// What every executor shares: exit-code meaning and the result of a succeeded job.
#include <fstream>

#include "exec/executor.hpp"
#include "jobs/common/job_main.hpp"

namespace vseal::coord {

std::string_view job_phase_name(JobPhase p) {
  switch (p) {
    case JobPhase::Queued:
      return "queued";
    case JobPhase::Running:
      return "running";
    case JobPhase::Succeeded:
      return "succeeded";
    case JobPhase::Failed:
      return "failed";
    case JobPhase::Cancelled:
      return "cancelled";
    case JobPhase::Lost:
      return "lost";
  }
  return "?";
}

std::string_view failure_kind_name(FailureKind k) {
  switch (k) {
    case FailureKind::None:
      return "none";
    case FailureKind::BadInput:
      return "bad-input";
    case FailureKind::Transient:
      return "transient";
    case FailureKind::Bug:
      return "bug";
    case FailureKind::Killed:
      return "killed";
  }
  return "?";
}

FailureKind failure_for_exit(int exit_code) {
  if (exit_code == jobs::kExitOk) return FailureKind::None;
  if (exit_code == jobs::kExitBadInput) return FailureKind::BadInput;
  if (exit_code == jobs::kExitTransient) return FailureKind::Transient;
  return FailureKind::Bug;
}

int default_nice(std::string_view stage) {
  if (stage == "wdpost") return 0;
  if (stage == "c2") return 100;
  if (stage == "pc2") return 200;
  return 300;
}

std::vector<std::optional<std::string>> Executor::submit_all(std::span<const JobLaunch> jobs) {
  std::vector<std::optional<std::string>> handles;
  handles.reserve(jobs.size());
  for (const auto& j : jobs) handles.push_back(submit(j));
  return handles;
}

std::optional<std::string> read_first_line(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) return std::nullopt;
  return line;
}

void attach_result(JobStatus& s, const std::filesystem::path& workdir) {
  std::ifstream in(workdir / "result.json");
  if (!in) return;
  try {
    s.result = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    s.phase = JobPhase::Failed;
    s.failure = FailureKind::Bug;
    s.detail = "exit 0 but result.json is not JSON: " + std::string(e.what());
  }
}

}  // namespace vseal::coord
