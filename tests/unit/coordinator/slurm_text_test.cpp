// Slurm output parsing, state meanings, the sbatch command line vcoord builds, and the
// command runner's timeout (no cluster needed; the real one is in vcoord_slurm_test).
#include <gtest/gtest.h>

#include <fstream>

#include "base/error.hpp"
#include "exec/command.hpp"
#include "exec/slurm_executor.hpp"
#include "exec/slurm_text.hpp"
#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

TEST(SlurmText, SqueueRows) {
  const auto rows = slurm::parse_squeue("12|PENDING|BeginTime\n13|RUNNING|None\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.at("12").state, "PENDING");
  EXPECT_EQ(rows.at("12").reason, "BeginTime");
  EXPECT_EQ(rows.at("13").state, "RUNNING");
  EXPECT_TRUE(slurm::parse_squeue("").empty());
  EXPECT_THROW(slurm::parse_squeue("12 RUNNING\n"), Error);
  // squeue -r: array elements one per line, pending ones with their dependency reason.
  const auto arr =
      slurm::parse_squeue("40_0|RUNNING|None\n40_1|PENDING|Resources\n41|PENDING|Dependency\n");
  EXPECT_EQ(arr.at("40_1").reason, "Resources");
  EXPECT_EQ(arr.at("41").reason, "Dependency");
  for (const char* ok : {"1", "40_0", "123456_789"}) EXPECT_TRUE(slurm::is_job_id(ok)) << ok;
  for (const char* bad : {"", "_1", "40_", "40_[0-3]", "4a", "40_1_2", "40.batch"})
    EXPECT_FALSE(slurm::is_job_id(bad)) << bad;
}

// Lines as sacct -D -n -P printed them on the dev cluster: a job cancelled by requeue, its
// second run, the steps with MaxRSS, and a GPU job's AllocTRES.
// (The steps of job 5 were cancelled before they started: no exit code.)
constexpr const char* kSacct =
    R"(3|REQUEUED|0:0|1|00:00.020||billing=1,cpu=1,mem=4G,node=1|2026-11-24T20:42:28|2026-11-24T20:42:29
3.batch|CANCELLED by 0|0:15|1|00:00.108|63788K|cpu=1,mem=4G,node=1|2026-11-24T20:42:28|2026-11-24T20:42:29
3|COMPLETED|0:0|3|00:01.500||billing=1,cpu=1,mem=4G,node=1|2026-11-24T20:45:18|2026-11-24T20:45:21
3.batch|COMPLETED|0:0|3|00:00.016|1264K|cpu=1,mem=4G,node=1|2026-11-24T20:45:18|2026-11-24T20:45:21
3.0|COMPLETED|0:0|3|01:02:03|1.5G|cpu=1,mem=4G,node=1|2026-11-24T20:45:18|2026-11-24T20:45:21
4|FAILED|75:0|120|1-00:00:01||billing=2,cpu=2,gres/gpu=2,mem=8G,node=1|2026-11-24T21:00:00|2026-11-24T21:02:00
5|CANCELLED by 0|0:0|0|00:00:00||billing=1,cpu=1,mem=4G,node=1|2026-11-24T21:00:39|2026-11-24T21:00:39
5.batch|CANCELLED||0|00:00:00||cpu=1,mem=4G,node=1|2026-11-24T21:00:39|2026-11-24T21:00:39
)";

TEST(SlurmText, SacctRowsAndSummary) {
  const auto rows = slurm::parse_sacct(kSacct);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[7].exit_code, 0);  // a step cancelled before it started: no exit code
  EXPECT_EQ(rows[7].state, "CANCELLED");
  EXPECT_EQ(rows[1].job_id, "3");
  EXPECT_EQ(rows[1].step, "batch");
  EXPECT_EQ(rows[1].state, "CANCELLED");
  EXPECT_EQ(rows[1].signal, 15);
  EXPECT_EQ(rows[1].max_rss_bytes, 63788u * 1024);
  EXPECT_EQ(rows[5].exit_code, 75);
  EXPECT_EQ(rows[5].gpus, 2u);
  EXPECT_DOUBLE_EQ(rows[5].cpu_s, 86401);

  const auto jobs = slurm::summarize(rows);
  const auto& j3 = jobs.at("3");
  EXPECT_EQ(j3.state, "COMPLETED");
  EXPECT_EQ(j3.requeues, 1u);
  EXPECT_EQ(j3.elapsed_s, 3);
  EXPECT_EQ(j3.elapsed_all_runs_s, 4);
  EXPECT_EQ(j3.max_rss_bytes, 1610612736u);  // 1.5G, the largest step of any run
  EXPECT_NEAR(j3.cpu_s, 0.108 + 0.016 + 3723, 1e-9);
  EXPECT_EQ(j3.start, "2026-11-24T20:45:18");
  const auto& j4 = jobs.at("4");
  EXPECT_EQ(j4.requeues, 0u);
  EXPECT_EQ(j4.gpus, 2u);
  EXPECT_EQ(j4.exit_code, 75);
}

TEST(SlurmText, MalformedAccountingIsRefused) {
  EXPECT_THROW(slurm::parse_sacct("3|COMPLETED|0:0\n"), Error);
  EXPECT_THROW(slurm::parse_sacct("3|COMPLETED|zero|1|00:01||||\n"), Error);
  EXPECT_THROW(slurm::parse_sacct("3|COMPLETED|0:0|x|00:01||||\n"), Error);
  EXPECT_THROW(slurm::parse_duration("1:2:3:4"), Error);
  EXPECT_THROW(slurm::parse_duration("ab:cd"), Error);
  EXPECT_THROW(slurm::parse_size("12Q"), Error);
  EXPECT_THROW(slurm::parse_size("-1K"), Error);
  EXPECT_DOUBLE_EQ(slurm::parse_duration("00:00.250"), 0.25);
  EXPECT_DOUBLE_EQ(slurm::parse_duration("2-01:00:00"), 2 * 86400 + 3600);
  EXPECT_EQ(slurm::parse_size("0"), 0u);
  EXPECT_EQ(slurm::parse_size("100M"), 100u << 20);
  EXPECT_EQ(slurm::parse_size("4096"), 4096u);
}

TEST(SlurmText, StateMeanings) {
  EXPECT_EQ(slurm::final_meaning("COMPLETED", 0, 0).status.phase, JobPhase::Succeeded);
  const auto bad = slurm::final_meaning("FAILED", 2, 0).status;
  EXPECT_EQ(bad.phase, JobPhase::Failed);
  EXPECT_EQ(bad.failure, FailureKind::BadInput);
  EXPECT_EQ(slurm::final_meaning("FAILED", 75, 0).status.failure, FailureKind::Transient);
  EXPECT_EQ(slurm::final_meaning("FAILED", 70, 0).status.failure, FailureKind::Bug);
  EXPECT_EQ(slurm::final_meaning("FAILED", 0, 9).status.failure, FailureKind::Killed);
  EXPECT_EQ(slurm::final_meaning("CANCELLED", 0, 15).status.phase, JobPhase::Cancelled);
  EXPECT_EQ(slurm::final_meaning("TIMEOUT", 0, 0).status.failure, FailureKind::Transient);
  EXPECT_EQ(slurm::final_meaning("OUT_OF_MEMORY", 0, 125).status.failure, FailureKind::Killed);
  for (const char* s : {"NODE_FAIL", "PREEMPTED", "BOOT_FAIL"}) {
    const auto m = slurm::final_meaning(s, 0, 0);
    EXPECT_TRUE(m.requeue) << s;
    EXPECT_EQ(m.status.phase, JobPhase::Queued) << s;
  }
  EXPECT_EQ(slurm::final_meaning("SOMETHING_NEW", 0, 0).status.phase, JobPhase::Lost);
  EXPECT_TRUE(slurm::is_active_state("PENDING"));
  EXPECT_TRUE(slurm::is_active_state("REQUEUED"));
  EXPECT_FALSE(slurm::is_active_state("COMPLETED"));
}

TEST(SlurmExecutor, SbatchCommandLineCarriesTheStageSettings) {
  const auto dir = vseal::testing::temp_dir("slurm-argv");
  for (const char* s : {"pc1", "pc2"})
    std::ofstream(dir / (std::string(s) + ".sbatch")) << "#!/bin/sh\n";
  JobsConfig jobs;
  jobs.executor = "slurm";
  StageResources pc2;
  pc2.cpus = 4;
  pc2.memory_mib = 10000;
  pc2.gpus = 1;
  pc2.ranks = 2;
  pc2.partition = "gpu";
  pc2.qos = "seal";
  pc2.account = "miner1000";
  pc2.time_limit = std::chrono::minutes(90) + std::chrono::seconds(1);
  jobs.stages["pc2"] = pc2;
  SlurmExecutor exec(jobs, SlurmOptions{dir, "/opt/vseal/bin"});
  JobLaunch job{"pc2-1000-7-2",
                "vseal-pc2-1000-7",
                "pc2",
                {"/opt/vseal/bin/vseal-pc2", "/s/spec.json"},
                "/s/jobs/pc2-1000-7-2",
                {},
                {},
                {}};
  const auto a = exec.sbatch_argv(job);
  const std::vector<std::string> want = {"sbatch",
                                         "--parsable",
                                         "--job-name=vseal-pc2-1000-7",
                                         "--comment=pc2-1000-7-2",
                                         "--chdir=/s/jobs/pc2-1000-7-2",
                                         "--output=/s/jobs/pc2-1000-7-2/job.log",
                                         "--open-mode=append",
                                         "--requeue",
                                         "--signal=B:TERM@120",
                                         "--ntasks=2",
                                         "--cpus-per-task=4",
                                         "--mem-per-cpu=2500M",
                                         "--time=91",
                                         "--nice=200",
                                         "--export=ALL,VSEAL_BIN=/opt/vseal/bin",
                                         "--gres=gpu:1",
                                         "--partition=gpu",
                                         "--qos=seal",
                                         "--account=miner1000",
                                         (dir / "pc2.sbatch").string(),
                                         "/s/spec.json"};
  EXPECT_EQ(a, want);

  // Waiting for another job: afterok on its Slurm id, dropped by Slurm if that one fails; a
  // nice from the pipeline replaces the stage's default.
  job.nice = 231;
  auto chained = exec.sbatch_argv(job, "4711_3");
  auto expect = want;
  expect[13] = "--nice=231";
  expect.insert(expect.end() - 2, {"--dependency=afterok:4711_3", "--kill-on-invalid-dep=yes"});
  EXPECT_EQ(chained, expect);
  job.nice.reset();

  // An array: one sbatch for several jobs of the stage; each element finds its job in the
  // manifest, the array runs at its most urgent element's priority.
  std::vector<JobLaunch> jobs_of_array = {job, job};
  jobs_of_array[1].id = "pc2-1000-8-1";
  jobs_of_array[0].nice = 250;
  jobs_of_array[1].nice = 210;
  const auto arr = exec.array_argv(jobs_of_array, "/s/jobs/pc2-1000-7-2/array/manifest.tsv", "99");
  std::vector<std::string> want_array = {"sbatch",
                                         "--parsable",
                                         "--array=0-1",
                                         "--job-name=vseal-pc2-array",
                                         "--comment=pc2-1000-7-2 .. pc2-1000-8-1",
                                         "--chdir=/s/jobs/pc2-1000-7-2/array",
                                         "--output=/s/jobs/pc2-1000-7-2/array/%a.log"};
  want_array.insert(want_array.end(), want.begin() + 6, want.end() - 2);
  want_array[14] = "--nice=210";
  want_array.insert(want_array.end(), {"--dependency=aftercorr:99", "--kill-on-invalid-dep=yes",
                                       (dir / "pc2.sbatch").string(), "--manifest",
                                       "/s/jobs/pc2-1000-7-2/array/manifest.tsv"});
  EXPECT_EQ(arr, want_array);
  jobs_of_array[1].stage = "pc1";
  EXPECT_THROW(exec.array_argv(jobs_of_array, "/m", ""), Error);

  job.env["BAD"] = "a,b";
  EXPECT_THROW(exec.sbatch_argv(job), Error);
  // Without the sbatch files the executor refuses to start, naming the setting.
  try {
    SlurmExecutor missing(jobs, SlurmOptions{dir / "nowhere", "/opt/vseal/bin"});
    FAIL() << "accepted a directory without sbatch files";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("SlurmScripts"), std::string::npos);
  }
  EXPECT_EQ(slurm_scripts_dir(jobs, "/opt/vseal/bin"), "/opt/vseal/share/vseal/slurm");
}

TEST(Command, OutputExitCodeAndTimeout) {
  const auto r = run_command({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  // A program that never answers is killed, its children with it.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(run_command({"sh", "-c", "sleep 30 & sleep 30"}, std::chrono::milliseconds(300)),
               Error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  try {
    run_command({"no-such-program-vseal"});
    FAIL() << "a missing program was run";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Transient);
    EXPECT_NE(std::string(e.what()).find("no-such-program-vseal"), std::string::npos);
  }
  EXPECT_EQ(command_text({"sbatch", "--wrap", "echo hi"}), "sbatch --wrap 'echo hi'");
}

}  // namespace
}  // namespace vseal::coord
