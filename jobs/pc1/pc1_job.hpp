#pragma once
// The PC1 job: CommD, replica_id and every SDR layer of one sector into
// <scratch>/<miner>/<sector>/layers.h5, resumable per layer, with result.json beside it.
#include <optional>

#include "pc1/pc1_spec.hpp"

namespace vseal::pc1 {

struct Pc1Options {
  // Testing aid: stop with exit code 75 (as if killed) right after this layer is recorded.
  std::optional<int> stop_after_layer;
};

// Returns the process exit code.
int run_pc1(const Pc1Spec& spec, const Pc1Options& options);

}  // namespace vseal::pc1
