// vcoord with the Slurm executor on a real one-node Slurm cluster (slurm/devcluster, started
// by the ctest fixture `slurm_devcluster_up`), the built-in dev chain and real vseal-pc1 /
// vseal-pc2 jobs submitted with sbatch. Two 2KiB CC sectors go to PreCommit landed on chain
// while an operator cancels one sector's running PC1 job (scancel), requeues the other's
// (scontrol requeue), and vcoord is killed with SIGKILL and restarted in between. The two PC1
// jobs are one job array, their PC2 jobs a second array submitted at once and waiting on the
// first element by element (aftercorr); the cancelled PC1's PC2 is dropped by Slurm, withdrawn
// by vcoord, and the retry is a new PC1 with a PC2 chained by afterok. Afterwards
// `vcoord report --json` lists every job with its wall time and peak RSS from sacct, the
// cancelled job as a retry of sector 1's PC1 and the requeue on sector 2's.
// The Slurm executor alone: two jobs submitted as one array are found again by a new executor
// when their slurm_job_id files were never written (vcoord killed right after sbatch), and a
// job chained to one that fails is dropped by Slurm and reported cancelled.
// A PC2 job started by hand with `sbatch --ntasks=2 slurm/pc2.sbatch` runs two MPI ranks under
// srun (PMIx) and writes the same bytes as a one-rank run outside Slurm.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "exec/slurm_executor.hpp"
#include "integration/process.hpp"
#include "integration/vcoord_cli.hpp"
#include "io/atomic_file.hpp"
#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;
using vseal::testing::vcoord;
using vseal::testing::wait_for;

std::string devcluster_dir() {
  const char* d = std::getenv("VSEAL_DEVCLUSTER");
  return d && *d ? d : "/var/tmp/vseal-devcluster";
}

std::string shell(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// The Slurm job id vcoord recorded for a job, once it has one.
std::string slurm_id(const std::filesystem::path& home, const std::string& job) {
  const auto r = vcoord(home, "jobs list --json");
  if (r.exit_code != 0) return "";
  for (const auto& j : json::parse(r.out))
    if (j["id"] == job && j.contains("handle") && j["handle"].is_string())
      return j["handle"].get<std::string>();
  return "";
}

bool running_in_slurm(const std::string& id) {
  return !id.empty() && shell("squeue -h -j " + id + " -o %T 2>/dev/null") == "RUNNING";
}

const json* find_job(const json& report, const std::string& id) {
  for (const auto& j : report["jobs"])
    if (j["job"] == id) return &j;
  return nullptr;
}

TEST(VcoordSlurm, SealsTwoSectorsThroughSbatchWithScancelRequeueAndRestart) {
  ::setenv("SLURM_CONF", (devcluster_dir() + "/etc/slurm.conf").c_str(), 1);
  ASSERT_EQ(shell("sinfo -h -n localhost -o %T"), "idle") << "the Slurm dev cluster is not up";
  const auto dir = vseal::testing::temp_dir("vcoord-slurm");
  const auto home = dir / "home";
  ASSERT_TRUE(vseal::testing::init_devnet_home(home));
  // The real sbatch files, PC1's made slower by a leading sleep so that an operator's scancel
  // and requeue find it running.
  const auto scripts = dir / "sbatch";
  std::filesystem::create_directories(scripts);
  const std::filesystem::path real = std::string(VSEAL_BIN_DIR) + "/../share/vseal/slurm";
  for (const char* stage : {"pc1", "pc2", "c2", "wdpost"}) {
    std::ifstream in(real / (std::string(stage) + ".sbatch"));
    ASSERT_TRUE(in) << real;
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    if (std::string(stage) == "pc1") s.insert(s.find("\nexec ") + 1, "sleep 6\n");
    std::ofstream(scripts / (std::string(stage) + ".sbatch")) << s;
  }
  ASSERT_TRUE(vseal::testing::edit_config(home, "Executor = \"local\"", "Executor = \"slurm\""));
  ASSERT_TRUE(vseal::testing::edit_config(home, "SlurmScripts = \"\"",
                                          "SlurmScripts = \"" + scripts.string() + "\""));
  ASSERT_TRUE(vseal::testing::edit_config(home, "MsgConfidence = 10", "MsgConfidence = 3"));
  ASSERT_TRUE(vseal::testing::edit_config(home, "BlockTime = \"1s\"", "BlockTime = \"200ms\""));

  const auto daemon = vseal::testing::daemon_argv(home, 300);
  const std::string log = (dir / "daemon.log").string();
  pid_t pid = vseal::testing::spawn(daemon, log);
  ASSERT_TRUE(vseal::testing::create_miner_and_pledge(home, 2)) << "see " << log;

  // Both PC1 jobs running in Slurm (the node has room for two 1-CPU jobs).
  std::string first, second;
  ASSERT_TRUE(wait_for(
      [&] {
        first = slurm_id(home, "pc1-1000-1-1");
        second = slurm_id(home, "pc1-1000-2-1");
        return running_in_slurm(first) && running_in_slurm(second);
      },
      std::chrono::seconds(60)))
      << "PC1 jobs not running: '" << first << "' '" << second << "'; see " << log;
  // One sbatch for both: elements 0 and 1 of one array.
  const std::string array = first.substr(0, first.find('_'));
  EXPECT_EQ(first, array + "_0");
  EXPECT_EQ(second, array + "_1");
  // Both PC2 jobs are in Slurm already, waiting for their PC1 element.
  const std::string pc2_first = slurm_id(home, "pc2-1000-1-1");
  const std::string pc2_second = slurm_id(home, "pc2-1000-2-1");
  const std::string pc2_array = pc2_first.substr(0, pc2_first.find('_'));
  EXPECT_EQ(pc2_first, pc2_array + "_0");
  EXPECT_EQ(pc2_second, pc2_array + "_1");
  EXPECT_EQ(shell("squeue -h -j " + pc2_second + " -o %T"), "PENDING");
  EXPECT_NE(shell("scontrol show job " + pc2_second + " | grep -o 'Dependency=[^ ]*'")
                .find("aftercorr:" + array),
            std::string::npos);
  EXPECT_EQ(shell("scancel " + first + " && echo ok"), "ok");
  EXPECT_EQ(shell("scontrol requeue " + second + " && echo ok"), "ok");
  // vcoord dies and comes back while Slurm holds its jobs: it must find them again.
  ::kill(pid, SIGKILL);
  vseal::testing::wait_child(pid);
  pid = vseal::testing::spawn(daemon, log);

  const auto landed = [&] {
    const auto s = vseal::testing::sector_states(home);
    return s == "PreCommitLanded PreCommitLanded " || s == "SeedReady SeedReady " ||
           s == "PreCommitLanded SeedReady " || s == "SeedReady PreCommitLanded ";
  };
  const bool done = wait_for(landed, std::chrono::seconds(240));
  const auto states = vseal::testing::sector_states(home);
  ::kill(pid, SIGTERM);
  vseal::testing::wait_child(pid);
  ASSERT_TRUE(done) << "states: " << states << "; see " << log;

  const auto rep = vcoord(home, "report --json");
  ASSERT_EQ(rep.exit_code, 0);
  const json report = json::parse(rep.out);
  EXPECT_TRUE(report["warnings"].empty()) << report["warnings"].dump();
  // Every job of both sectors has its accounting from sacct.
  for (const auto& j : report["jobs"]) {
    EXPECT_EQ(j["executor"], "slurm") << j.dump();
    EXPECT_EQ(j["source"], "sacct") << j.dump();
    EXPECT_TRUE(j["elapsed_s"].is_number()) << j.dump();
    if (j["state"] == "succeeded") {
      EXPECT_EQ(j["slurm_state"], "COMPLETED") << j.dump();
      EXPECT_GT(j["max_rss_bytes"].get<std::uint64_t>(), 0u) << j.dump();
      EXPECT_GE(j["elapsed_s"].get<double>(), j["stage"] == "pc1" ? 5.0 : 0.0) << j.dump();
    }
  }
  for (const char* id : {"pc2-1000-1-2", "pc2-1000-2-1"}) {
    const json* j = find_job(report, id);
    ASSERT_NE(j, nullptr) << id;
    EXPECT_EQ((*j)["state"], "succeeded");
  }
  // Sector 1's first PC2 waited for the cancelled PC1: dropped by Slurm, never ran.
  const json* dropped = find_job(report, "pc2-1000-1-1");
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ((*dropped)["state"], "withdrawn");
  EXPECT_EQ((*dropped)["slurm_state"], "CANCELLED");
  // The retry's PC2 was submitted with it, afterok on its Slurm id, and it was in Slurm's
  // hands before that PC1 ended: the chain, not vcoord's polling, started it.
  const json* retry_pc1 = find_job(report, "pc1-1000-1-2");
  const json* retry_pc2 = find_job(report, "pc2-1000-1-2");
  ASSERT_TRUE(retry_pc1 && retry_pc2);
  const auto pc2_marker = io::read_text_file(home / "scratch" / "1000" / "1" / "jobs" /
                                             "pc2-1000-1-2" / "slurm.submit");
  EXPECT_NE(pc2_marker.find("--dependency=afterok:" + (*retry_pc1)["handle"].get<std::string>()),
            std::string::npos)
      << pc2_marker;
  const long submitted = std::atol(pc2_marker.c_str());
  const long pc1_end = std::atol(shell("date -d $(sacct -n -X -P -o End -j " +
                                       (*retry_pc1)["handle"].get<std::string>() + ") +%s")
                                     .c_str());
  EXPECT_GT(pc1_end, 0);
  EXPECT_LE(submitted, pc1_end);
  // Array elements renamed themselves after their sectors when they started.
  EXPECT_EQ(shell("sacct -n -X -P -o JobName -j " + second), "vseal-pc1-1000-2");
  // Sector 1: the cancelled PC1 job and its retry.
  const json* cancelled = find_job(report, "pc1-1000-1-1");
  ASSERT_NE(cancelled, nullptr);
  EXPECT_EQ((*cancelled)["state"], "cancelled");
  EXPECT_EQ((*cancelled)["slurm_state"], "CANCELLED");
  const json* retried = find_job(report, "pc1-1000-1-2");
  ASSERT_NE(retried, nullptr) << report["jobs"].dump();
  EXPECT_EQ((*retried)["state"], "succeeded");
  // Sector 2: the same Slurm job ran twice.
  const json* requeued = find_job(report, "pc1-1000-2-1");
  ASSERT_NE(requeued, nullptr);
  EXPECT_EQ((*requeued)["state"], "succeeded");
  EXPECT_EQ((*requeued)["requeues"], 1);
  EXPECT_EQ((*requeued)["handle"], second);
  for (const auto& s : report["sectors"]) {
    const auto retries = s["stages"]["pc1"]["retries"].get<unsigned>();
    EXPECT_EQ(retries, 1u) << s.dump();
    EXPECT_EQ(s["stages"]["pc2"]["jobs"], 1) << s.dump();
  }
  // The other renderings agree on the jobs.
  const auto csv = vcoord(home, "report --csv");
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'),
            static_cast<long>(report["jobs"].size()) + 1);
  const auto html = vcoord(home, "report --html");
  EXPECT_NE(html.out.find("<svg"), std::string::npos);
  EXPECT_NE(html.out.find("pc1-1000-2-1"), std::string::npos);
}

JobStatus wait_final(SlurmExecutor& exec, const JobLaunch& job) {
  JobStatus st;
  wait_for(
      [&] {
        st = exec.poll(job);
        return st.phase != JobPhase::Queued && st.phase != JobPhase::Running;
      },
      std::chrono::seconds(90));
  return st;
}

TEST(SlurmExecutor, FindsArrayElementsAfterACrashAndDropsJobsChainedToAFailure) {
  ::setenv("SLURM_CONF", (devcluster_dir() + "/etc/slurm.conf").c_str(), 1);
  ASSERT_EQ(shell("sinfo -h -n localhost -o %T"), "idle") << "the Slurm dev cluster is not up";
  const auto dir = vseal::testing::temp_dir("slurm-exec");
  JobsConfig config;
  StageResources res;
  res.memory_mib = 256;
  res.time_limit = std::chrono::minutes(5);
  for (const char* stage : {"pc1", "pc2", "c2", "wdpost"}) config.stages[stage] = res;
  const std::string bin = VSEAL_BIN_DIR;
  const SlurmOptions options{std::string(bin) + "/../share/vseal/slurm", bin};
  // Specs the stage refuses (exit 2): the jobs end at once, as failures that are never retried.
  const auto job = [&](const std::string& id, const std::string& stage) {
    const auto workdir = dir / id;
    std::filesystem::create_directories(workdir);
    io::write_file_atomic(workdir / "spec.json", "{\"miner\": 1}\n");
    JobLaunch l;
    l.id = id;
    l.name = "vseal-" + stage + "-1-" + id;
    l.stage = stage;
    l.argv = {bin + "/vseal-" + stage, (workdir / "spec.json").string()};
    l.workdir = workdir;
    return l;
  };
  const std::vector<JobLaunch> pair = {job("a", "pc1"), job("b", "pc1")};
  std::vector<std::optional<std::string>> first;
  {
    SlurmExecutor exec(config, options);
    first = exec.submit_all(pair);
  }
  ASSERT_TRUE(first[0] && first[1]);
  const std::string array = first[0]->substr(0, first[0]->find('_'));
  EXPECT_EQ(*first[1], array + "_1");
  // vcoord died before it wrote the ids: a new executor finds both elements instead of
  // submitting them again.
  for (const auto& j : pair) std::filesystem::remove(j.workdir / "slurm_job_id");
  SlurmExecutor exec(config, options);
  const auto again = exec.submit_all(pair);
  EXPECT_EQ(again, first);
  EXPECT_EQ(io::read_text_file(pair[1].workdir / "slurm_job_id"), *first[1] + "\n");
  // A job chained to element 0.
  JobLaunch chained = job("c", "pc2");
  chained.after = JobRef{pair[0].id, pair[0].workdir, pair[0].stage, pair[0].name};
  const auto chained_id = exec.submit(chained);
  ASSERT_TRUE(chained_id.has_value());
  EXPECT_NE(io::read_text_file(chained.workdir / "slurm.submit")
                .find("--dependency=afterok:" + *first[0]),
            std::string::npos);

  const auto a = wait_final(exec, pair[0]);
  EXPECT_EQ(a.phase, JobPhase::Failed);
  EXPECT_EQ(a.failure, FailureKind::BadInput);
  EXPECT_EQ(a.handle, *first[0]);
  EXPECT_EQ(wait_final(exec, pair[1]).failure, FailureKind::BadInput);
  // Each element logged into its own job's directory.
  EXPECT_NE(io::read_text_file(pair[1].workdir / "job.log").find("pc1 job " + *first[1]),
            std::string::npos);
  const auto c = wait_final(exec, chained);
  EXPECT_EQ(c.phase, JobPhase::Cancelled) << c.detail;
  // The cancellation was Slurm's (its dependency can never be met), not an operator's: sacct
  // shows an operator's as "CANCELLED by <uid>". (The pending reason it recorded depends on
  // whether the scheduler looked at the job before, so it is not checked.)
  EXPECT_EQ(shell("sacct -n -X -P -o State -j " + *chained_id), "CANCELLED");
}

TEST(SlurmJobs, Pc2WithTwoRanksUnderSbatchMatchesOneRankOutsideSlurm) {
  ::setenv("SLURM_CONF", (devcluster_dir() + "/etc/slurm.conf").c_str(), 1);
  ASSERT_EQ(shell("sinfo -h -n localhost -o %T"), "idle") << "the Slurm dev cluster is not up";
  namespace fs = std::filesystem;
  const auto dir = vseal::testing::temp_dir("slurm-pc2");
  const std::string bin = VSEAL_BIN_DIR;
  // An 8MiB CC sector (8 work units, so two ranks really split the trees), labelled by PC1.
  const json pc1 = {
      {"miner", 1000},
      {"sector_number", 9},
      {"registered_proof", "StackedDrg8MiBV1_1"},
      {"ticket", std::string(64, '5')},
      {"cc", true},
      {"paths",
       {{"scratch", (dir / "scratch").string()}, {"parents", (dir / "parents").string()}}}};
  io::write_file_atomic(dir / "pc1.json", pc1.dump());
  const auto r1 = vseal::testing::run({bin + "/vseal-pc1", (dir / "pc1.json").string()},
                                      (dir / "pc1.log").string());
  ASSERT_EQ(r1.exit_code, 0) << io::read_text_file(dir / "pc1.log");
  const auto comm_d =
      json::parse(io::read_text_file(dir / "scratch" / "1000" / "9" / "result.json"))["comm_d"];
  const auto pc2_spec = [&](const std::string& name) {
    fs::create_directories(dir / name / "cache");
    const json s = {{"miner", 1000},
                    {"sector_number", 9},
                    {"registered_proof", "StackedDrg8MiBV1_1"},
                    {"comm_d", comm_d},
                    {"cc", true},
                    {"paths",
                     {{"scratch", (dir / "scratch").string()},
                      {"cache", (dir / name / "cache").string()},
                      {"sealed", (dir / name / "sealed").string()}}}};
    io::write_file_atomic(dir / name / "pc2.json", s.dump());
    return (dir / name / "pc2.json").string();
  };
  vseal::testing::use_local_open_mpi();
  const auto local = pc2_spec("local");
  const auto r2 = vseal::testing::run({bin + "/vseal-pc2", local}, (dir / "local.log").string());
  ASSERT_EQ(r2.exit_code, 0) << io::read_text_file(dir / "local.log");

  const auto slurm = pc2_spec("slurm");
  const std::string id =
      shell("sbatch --parsable --ntasks=2 --cpus-per-task=1 --mem-per-cpu=1G -o " +
            (dir / "slurm.log").string() + " --export=ALL,VSEAL_BIN=" + bin + " " + bin +
            "/../share/vseal/slurm/pc2.sbatch " + slurm);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(wait_for([&] { return shell("squeue -h -j " + id + " 2>/dev/null").empty(); },
                       std::chrono::seconds(180)));
  std::string state;
  ASSERT_TRUE(wait_for(
      [&] {
        state = shell("sacct -X -n -P -j " + id + " --format=State,ExitCode");
        return state == "COMPLETED|0:0" || state.rfind("FAILED", 0) == 0;
      },
      std::chrono::seconds(20)));
  ASSERT_EQ(state, "COMPLETED|0:0") << io::read_text_file(dir / "slurm.log");
  EXPECT_EQ(shell("squeue -h -j " + id + " 2>/dev/null"), "");
  EXPECT_EQ(shell("sacct -n -P -j " + id + ".0 --format=NTasks"), "2");
  // Both runs share the sector's scratch directory; the Slurm run's result came last.
  const auto result =
      json::parse(io::read_text_file(dir / "scratch" / "1000" / "9" / "pc2.result.json"));
  EXPECT_EQ(result["ranks"], 2);
  // Started by hand under the file's default name, the job renamed itself after its sector
  // (asked of the controller: slurmdbd may record the new name a moment later).
  EXPECT_NE(shell("scontrol show job -o " + id).find(" JobName=vseal-pc2-1000-9 "),
            std::string::npos);
  for (const auto& e : fs::directory_iterator(dir / "local" / "cache")) {
    if (e.path().filename() == "t_aux") continue;  // names its own directory
    EXPECT_TRUE(io::read_text_file(e.path()) ==
                io::read_text_file(dir / "slurm" / "cache" / e.path().filename()))
        << e.path().filename();
  }
  EXPECT_TRUE(io::read_text_file(dir / "local" / "sealed") ==
              io::read_text_file(dir / "slurm" / "sealed"));
}

}  // namespace
}  // namespace vseal::coord
