// Test helper for StateStore.SurvivesKillNineAtAnyInstant: resumes every unfinished sector,
// then keeps allocating and advancing sectors until killed (or 2,000 sectors exist). With
// --resume-only it stops after the resume, as a daemon's restart does before new work.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "state/store.hpp"

int main(int argc, char** argv) {
  const bool resume_only = argc == 3 && std::string(argv[2]) == "--resume-only";
  if (argc != 2 && !resume_only) return 2;
  try {
    vseal::coord::StateStore s(argv[1]);
    if (!s.miner(1000)) s.upsert_miner(1000, 0, 1000000, 5);
    const std::vector<std::string> chain = {"Allocated", "S1", "S2", "S3", "S4", "Done"};
    const auto advance = [&](const vseal::coord::SectorRecord& rec) {
      std::size_t k = 0;
      while (chain[k] != rec.state) ++k;
      for (; k + 1 < chain.size(); ++k) {
        if (chain[k + 1] == "Done") {
          vseal::coord::JobRecord j{"job-" + std::to_string(rec.number),
                                    1000,
                                    rec.number,
                                    "pc1",
                                    1,
                                    "local",
                                    std::nullopt,
                                    "succeeded",
                                    "spec",
                                    "dir",
                                    0,
                                    0,
                                    0,
                                    std::nullopt};
          s.insert_job(j);  // before the transition: a crash between the two re-inserts (no-op)
        }
        s.transition(1000, rec.number, chain[k], chain[k + 1], "step " + chain[k + 1]);
      }
    };
    for (const auto& rec : s.sectors(1000))
      if (rec.state != "Done") advance(rec);
    if (resume_only) return 0;
    while (s.sectors(1000).size() < 2000) {
      const auto n = s.allocate_sectors(1000, 1).front();
      advance(*s.sector(1000, n));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "state_torture: %s\n", e.what());
    return 1;
  }
  return 0;
}
