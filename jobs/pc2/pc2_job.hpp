#pragma once
// The PC2 job: tree_c, the sealed replica, tree_r_last, comm_c/comm_r_last/comm_r, p_aux and
// t_aux for one sector, by one process or the ranks of an MPI job. The base trees are cut into
// fixed units (independent of the rank count, so any number of ranks writes the same bytes);
// ranks take units round-robin and write their rows in place, rank 0 builds the rows above
// the unit roots and publishes the files. A unit is recorded only once its bytes are durable,
// so a killed job resumes after the last recorded unit.
#include <cstddef>
#include <optional>

#include "jobs/common/team.hpp"
#include "pc2/pc2_spec.hpp"

namespace vseal::pc2 {

struct Pc2Options {
  // Testing aid: each rank stops with exit code 75 (as if killed) after recording this many
  // units.
  std::optional<std::size_t> stop_after_units;
};

// Returns the process exit code (the same on every rank).
int run_pc2(const Pc2Spec& spec, jobs::Team& team, const Pc2Options& options);

}  // namespace vseal::pc2
