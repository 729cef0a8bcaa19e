// vseal-wdpost SPEC.json: the vanilla proofs of one Window PoSt (jobs/wdpost/wdpost_job.hpp),
// alone or as every rank of `mpirun`/`srun`.
// Exit codes: 0 done (faulty sectors are listed, not fatal), 2 bad spec, 75 transient, 70 bug.
#include <mpi.h>

#include <iostream>
#include <string>

#include "jobs/common/job_main.hpp"
#include "wdpost/wdpost_job.hpp"

int main(int argc, char** argv) {
  using namespace vseal;
  MPI_Init(&argc, &argv);
  const int code = jobs::run_main("vseal-wdpost", [&]() -> int {
    if (argc != 2 || std::string(argv[1]) == "--help") {
      std::cerr << "usage: vseal-wdpost SPEC.json\n"
                   "  Window PoSt vanilla proofs of the spec's sectors; run it alone or under\n"
                   "  mpirun/srun. See docs/job-specs.md for the spec.\n";
      return argc != 2 ? jobs::kExitBadInput : jobs::kExitOk;
    }
    // A bad spec is found by every rank alike, so all exit 2 together without a collective.
    const auto spec = wdpost::parse_wdpost_spec(argv[1]);
    auto team = jobs::make_mpi_team();
    return wdpost::run_wdpost(spec, *team);
  });
  MPI_Finalize();
  return code;
}
