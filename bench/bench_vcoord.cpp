// vcoord's state at the scale architecture.md §7 asks for (100 000 sectors): the full sector
// scan (what a pipeline pass read before it skipped settled sectors) against what it reads
// now, the indexed lookup of one state, one transition (a durable
// SQLite transaction), and a /metrics scrape, over a database shaped like a year of sealing:
// 90% of sectors Proving, each with 12 recorded transitions and 2 jobs, one pre-commit message
// per 16 sectors.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "service/metrics.hpp"
#include "state/store.hpp"

namespace {

using vseal::coord::StateStore;

std::filesystem::path bench_db(std::int64_t sectors) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("vseal-bench-vcoord-" + std::to_string(sectors));
  const auto path = dir / "state.db";
  if (std::filesystem::exists(path)) return path;
  std::filesystem::create_directories(dir);
  StateStore s(path);
  s.upsert_miner(1000, 0, UINT64_MAX >> 1, 8);
  s.allocate_sectors(1000, static_cast<std::uint64_t>(sectors));
  auto& db = s.db();
  db.exec("BEGIN");
  db.exec(
      "UPDATE sectors SET state = CASE WHEN number % 10 = 0 THEN 'PC1Running' ELSE 'Proving' END");
  for (int i = 0; i < 11; ++i)
    db.exec(
        "INSERT INTO sector_events(miner, number, at, from_state, to_state, detail) "
        "SELECT miner, number, 0, 'Allocated', 'Proving', 'bench' FROM sectors");
  for (const char* stage : {"pc1", "pc2"})
    db.exec(std::string("INSERT INTO jobs(id, miner, number, stage, attempt, executor, state, "
                        "spec_path, workdir, created_at, updated_at) SELECT '") +
            stage + "-' || number, miner, number, '" + stage +
            "', 1, 'slurm', 'succeeded', '/s', '/w', 0, 3600000 FROM sectors");
  db.exec(
      "INSERT INTO messages(uid, miner, method, params, state, created_at, updated_at) "
      "SELECT 'm-' || number, miner, 28, '80', 'landed', 0, 300000 FROM sectors "
      "WHERE number % 16 = 0");
  db.exec("COMMIT");
  return path;
}

void BM_SectorScan(benchmark::State& state) {
  StateStore s(bench_db(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(s.sectors().size());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SectorScan)->Arg(100000)->Unit(benchmark::kMillisecond);

// What a pipeline pass reads now: the sectors not yet settled (10% here).
void BM_PipelinePassRead(benchmark::State& state) {
  StateStore s(bench_db(state.range(0)));
  static constexpr std::string_view settled[] = {"Proving", "Failed", "Aborted"};
  for (auto _ : state) benchmark::DoNotOptimize(s.sectors_except(settled).size());
}
BENCHMARK(BM_PipelinePassRead)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_SectorsInOneState(benchmark::State& state) {
  StateStore s(bench_db(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(s.sectors_in_state("Persisting").size());
}
BENCHMARK(BM_SectorsInOneState)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_Transition(benchmark::State& state) {
  StateStore s(bench_db(state.range(0)));
  // Each run starts from the state the last one left (the database persists).
  bool there = s.sector(1000, 10)->state == "PC1Done";
  for (auto _ : state) {
    s.transition(1000, 10, there ? "PC1Done" : "PC1Running", there ? "PC1Running" : "PC1Done",
                 "bench");
    there = !there;
  }
}
BENCHMARK(BM_Transition)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_MetricsScrape(benchmark::State& state) {
  StateStore s(bench_db(state.range(0)));
  vseal::coord::ApiCallStats api;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        vseal::coord::render_metrics(s.db(), {"bench", "bench", 0, &api}).size());
}
BENCHMARK(BM_MetricsScrape)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
