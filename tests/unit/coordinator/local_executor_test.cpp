// The local executor with real child processes: exit codes mapped per architecture.md §5,
// result.json read, per-stage concurrency, cancel reaching the job's children, and a new
// executor (a restarted vcoord) re-attaching to a running job, reading the status of one that
// ended meanwhile, and reporting a vanished one as lost.
#include "exec/local_executor.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

// A process that exists and is not a zombie (orphans may wait for init to reap them).
bool process_running(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

JobsConfig config_with(unsigned pc1_slots) {
  JobsConfig c;
  for (const auto stage : kStages) c.stages[std::string(stage)] = StageResources{};
  c.stages["pc1"].concurrency = pc1_slots;
  return c;
}

JobLaunch shell_job(const std::filesystem::path& root, const std::string& id,
                    const std::string& script, const std::string& stage = "pc1") {
  return {id, "vseal-" + id, stage, {"/bin/sh", "-c", script}, root / id, {}, {}, {}};
}

JobStatus wait_done(LocalExecutor& ex, const JobLaunch& job, int max_ms = 10000) {
  JobStatus s;
  for (int waited = 0; waited < max_ms; waited += 10) {
    s = ex.poll(job);
    if (s.phase != JobPhase::Running && s.phase != JobPhase::Queued) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return s;
}

TEST(LocalExecutor, ExitCodesAndResults) {
  const auto root = vseal::testing::temp_dir("local-exec-codes");
  LocalExecutor ex(config_with(4));
  const auto ok = shell_job(root, "ok", "echo '{\"comm_d\":\"ab\"}' > result.json; echo working");
  const auto bad = shell_job(root, "bad", "exit 2");
  const auto transient = shell_job(root, "transient", "exit 75");
  const auto bug = shell_job(root, "bug", "exit 70");
  for (const auto& j : {ok, bad, transient, bug}) ex.submit(j);
  auto s = wait_done(ex, ok);
  EXPECT_EQ(s.phase, JobPhase::Succeeded) << s.detail;
  ASSERT_TRUE(s.result.has_value());
  EXPECT_EQ((*s.result)["comm_d"], "ab");
  EXPECT_FALSE(s.handle.empty());
  std::ifstream log(root / "ok" / "job.log");
  std::string line;
  std::getline(log, line);
  EXPECT_EQ(line, "working");
  s = wait_done(ex, bad);
  EXPECT_EQ(s.phase, JobPhase::Failed);
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_EQ(s.failure, FailureKind::BadInput);
  EXPECT_EQ(wait_done(ex, transient).failure, FailureKind::Transient);
  EXPECT_EQ(wait_done(ex, bug).failure, FailureKind::Bug);
  // A job killed by a signal (here it kills itself).
  const auto killed = shell_job(root, "killed", "kill -9 $$");
  ex.submit(killed);
  s = wait_done(ex, killed);
  EXPECT_EQ(s.failure, FailureKind::Killed);
  EXPECT_EQ(s.signal, 9);
  // Exit 0 with a broken result.json is not a success.
  const auto broken = shell_job(root, "broken", "echo '{' > result.json");
  ex.submit(broken);
  EXPECT_EQ(wait_done(ex, broken).phase, JobPhase::Failed);
  // Submitting a finished job again does not rerun it.
  const auto count = shell_job(root, "count", "echo x >> runs");
  ex.submit(count);
  wait_done(ex, count);
  LocalExecutor again(config_with(4));
  again.submit(count);
  EXPECT_EQ(wait_done(again, count).phase, JobPhase::Succeeded);
  std::ifstream runs(root / "count" / "runs");
  int n = 0;
  while (std::getline(runs, line)) ++n;
  EXPECT_EQ(n, 1);
  std::filesystem::remove_all(root);
}

TEST(LocalExecutor, JobsArePinnedToTheirStagesCpus) {
  const auto root = vseal::testing::temp_dir("local-exec-cpus");
  auto cfg = config_with(2);
  cfg.stages["pc1"].cpus = 1;
  LocalExecutor ex(cfg);
  const std::string script =
      "grep Cpus_allowed_list /proc/self/status | tr -d '\\t' | cut -d: -f2 > cpus.txt; sleep 0.5";
  const auto a = shell_job(root, "a", script);
  const auto b = shell_job(root, "b", script);
  ex.submit(a);
  ex.submit(b);
  ASSERT_EQ(wait_done(ex, a).phase, JobPhase::Succeeded);
  ASSERT_EQ(wait_done(ex, b).phase, JobPhase::Succeeded);
  auto first_line = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return line;
  };
  const auto ca = first_line(root / "a" / "cpus.txt");
  EXPECT_EQ(ca, first_line(root / "a" / "job.cpus"));  // the kernel's view = what was chosen
  EXPECT_EQ(ca.find_first_of(",-"), std::string::npos) << "one core expected, got " << ca;
  if (std::thread::hardware_concurrency() >= 2) {  // two 1-core jobs at once: different cores
    EXPECT_NE(ca, first_line(root / "b" / "cpus.txt"));
  }
}

TEST(LocalExecutor, ConcurrencyLimitQueuesJobs) {
  const auto root = vseal::testing::temp_dir("local-exec-slots");
  LocalExecutor ex(config_with(1));
  const auto a = shell_job(root, "a", "sleep 0.3");
  const auto b = shell_job(root, "b", "sleep 0.1");
  const auto c = shell_job(root, "c", "sleep 0.1", "pc2");  // another stage, own slots
  ex.submit(a);
  ex.submit(b);
  ex.submit(c);
  EXPECT_EQ(ex.poll(a).phase, JobPhase::Running);
  EXPECT_EQ(ex.poll(b).phase, JobPhase::Queued);
  EXPECT_EQ(ex.poll(c).phase, JobPhase::Running);
  EXPECT_EQ(wait_done(ex, a).phase, JobPhase::Succeeded);
  // b starts when a's slot frees: looking at any job fills free slots, no new submission needed
  // (a daemon with nothing left to submit would otherwise leave b queued for ever).
  EXPECT_NE(ex.poll(b).phase, JobPhase::Queued);
  EXPECT_EQ(wait_done(ex, b).phase, JobPhase::Succeeded);
  std::filesystem::remove_all(root);
}

TEST(LocalExecutor, AJobAboveItsMemoryLimitIsKilledAndSaysWhy) {
  const auto root = vseal::testing::temp_dir("local-exec-memory");
  auto config = config_with(2);
  config.stages["pc1"].memory_mib = 64;
  LocalExecutor ex(config);
  // A child of the job's shell holds ~150 MB (the limit covers the whole process group); a
  // job under the limit runs to its end.
  const auto hog =
      shell_job(root, "hog", "x=$(head -c 150000000 /dev/zero | tr '\\0' a); sleep 20; echo ${#x}");
  const auto small = shell_job(root, "small", "x=$(head -c 1000000 /dev/zero | tr '\\0' a)");
  ex.submit(hog);
  ex.submit(small);
  const auto start = std::chrono::steady_clock::now();
  const auto s = wait_done(ex, hog, 15000);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  EXPECT_EQ(s.phase, JobPhase::Failed);
  EXPECT_EQ(s.failure, FailureKind::Killed);
  EXPECT_NE(s.detail.find("exceeded [Jobs.pc1] MemoryMiB = 64"), std::string::npos) << s.detail;
  EXPECT_EQ(wait_done(ex, small).phase, JobPhase::Succeeded);
  std::filesystem::remove_all(root);
}

TEST(LocalExecutor, CancelStopsTheJobAndItsChildren) {
  const auto root = vseal::testing::temp_dir("local-exec-cancel");
  LocalExecutor ex(config_with(1));
  // The job starts a grandchild that would outlive a naive kill of the direct child.
  const auto long_job = shell_job(root, "long", "sleep 30 & echo $! > grandchild; wait");
  const auto queued = shell_job(root, "queued", "true");
  ex.submit(long_job);
  ex.submit(queued);
  for (int i = 0; i < 200 && !std::filesystem::exists(root / "long" / "grandchild"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  int grandchild = 0;
  std::ifstream(root / "long" / "grandchild") >> grandchild;
  ASSERT_GT(grandchild, 0);
  ex.cancel(queued);
  EXPECT_EQ(ex.poll(queued).phase, JobPhase::Cancelled);
  ex.cancel(long_job);
  EXPECT_EQ(ex.poll(long_job).phase, JobPhase::Cancelled);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(process_running(grandchild))
      << "grandchild " << grandchild << " survived the cancel";
  std::filesystem::remove_all(root);
}

TEST(LocalExecutor, RestartReattachesReadsLateStatusAndDetectsLostJobs) {
  const auto root = vseal::testing::temp_dir("local-exec-restart");
  const auto running = shell_job(root, "running", "sleep 0.5; exit 75");
  {
    LocalExecutor first(config_with(2));
    first.submit(running);
    EXPECT_EQ(first.poll(running).phase, JobPhase::Running);
  }  // "vcoord restarts": the executor object is gone, the job keeps running
  LocalExecutor second(config_with(2));
  second.submit(running);  // re-submission after restart: re-attach, do not start again
  EXPECT_EQ(second.poll(running).phase, JobPhase::Running);
  const auto s = wait_done(second, running);
  std::ifstream log(running.workdir / "job.log");
  const std::string log_text((std::istreambuf_iterator<char>(log)),
                             std::istreambuf_iterator<char>());
  EXPECT_EQ(s.exit_code, 75) << s.detail << "\njob.log: " << log_text;
  EXPECT_EQ(s.failure, FailureKind::Transient);
  // A job whose process is gone without a status (e.g. the machine rebooted).
  const auto lost = shell_job(root, "lost", "true");
  std::filesystem::create_directories(lost.workdir);
  std::ofstream(lost.workdir / "job.pid") << "999999 12345\n";
  second.submit(lost);
  const auto l = second.poll(lost);
  EXPECT_EQ(l.phase, JobPhase::Lost);
  EXPECT_NE(l.detail.find("999999"), std::string::npos);
  // Launched long ago (vcoord died between marking the launch and the fork): never started.
  const auto never = shell_job(root, "never", "true");
  std::filesystem::create_directories(never.workdir);
  std::ofstream(never.workdir / "job.launch") << "1000\n";
  second.submit(never);
  const auto n = second.poll(never);
  EXPECT_EQ(n.phase, JobPhase::Lost);
  EXPECT_NE(n.detail.find("never started"), std::string::npos) << n.detail;
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace vseal::coord
