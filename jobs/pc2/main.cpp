// vseal-pc2 SPEC.json [--stop-after-units K]: tree_c, replica, tree_r_last and CommR of one
// sector (jobs/pc2/pc2_job.hpp), alone or as every rank of `mpirun`/`srun`.
// Exit codes: 0 done, 2 bad spec, 75 transient (rerun to resume), 70 bug.
#include <hdf5.h>
#include <mpi.h>

#include <iostream>
#include <string>

#include "base/error.hpp"
#include "jobs/common/job_main.hpp"
#include "pc2/pc2_job.hpp"

int main(int argc, char** argv) {
  using namespace vseal;
  MPI_Init(&argc, &argv);
  const int code = jobs::run_main("vseal-pc2", [&]() -> int {
    if (argc < 2 || std::string(argv[1]) == "--help") {
      std::cerr << "usage: vseal-pc2 SPEC.json [--stop-after-units K]\n"
                   "  Builds tree_c, the replica, tree_r_last and CommR (PC2); run it alone or\n"
                   "  under mpirun/srun. See docs/job-specs.md for the spec.\n";
      return argc < 2 ? jobs::kExitBadInput : jobs::kExitOk;
    }
    pc2::Pc2Options options;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--stop-after-units" && i + 1 < argc) {
        options.stop_after_units = std::stoul(argv[++i]);
      } else {
        throw Error(ErrorCode::BadInput, "unknown argument '" + arg + "'");
      }
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    // A bad spec is found by every rank alike, so all exit 2 together without a collective.
    const auto spec = pc2::parse_pc2_spec(argv[1]);
    auto team = jobs::make_mpi_team();
    return pc2::run_pc2(spec, *team, options);
  });
  MPI_Finalize();
  return code;
}
