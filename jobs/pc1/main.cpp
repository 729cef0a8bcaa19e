// vseal-pc1 SPEC.json [--stop-after-layer K]: SDR labelling of one sector (jobs/pc1/pc1_job.hpp).
// Exit codes: 0 done, 2 bad spec, 75 transient (rerun to resume), 70 bug.
#include <hdf5.h>

#include <iostream>
#include <string>

#include "base/error.hpp"
#include "jobs/common/job_main.hpp"
#include "pc1/pc1_job.hpp"

int main(int argc, char** argv) {
  using namespace vseal;
  return jobs::run_main("vseal-pc1", [&]() -> int {
    if (argc < 2 || std::string(argv[1]) == "--help") {
      std::cerr << "usage: vseal-pc1 SPEC.json [--stop-after-layer K]\n"
                   "  Labels one sector (PC1); see docs/job-specs.md for the spec.\n";
      return argc < 2 ? jobs::kExitBadInput : jobs::kExitOk;
    }
    pc1::Pc1Options options;
    for (int i = 2; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--stop-after-layer" && i + 1 < argc) {
        options.stop_after_layer = std::stoi(argv[++i]);
      } else {
        throw Error(ErrorCode::BadInput, "unknown argument '" + arg + "'");
      }
    }
    // HDF5 prints its error stack by default; vseal reports errors itself.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return pc1::run_pc1(pc1::parse_pc1_spec(argv[1]), options);
  });
}
