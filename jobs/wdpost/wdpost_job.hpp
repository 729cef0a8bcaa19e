#pragma once
// vseal-wdpost: the vanilla proofs of one Window PoSt (commit-and-post.md §7), alone or as the
// ranks of an MPI job so each rank reads the sectors near it. Ranks take sectors round-robin
// and leave one record per sector in <out>/sectors/ (written atomically, bound to the spec's
// digest), so a rerun resumes where a killed run stopped; rank 0 then assembles
// <out>/vanilla.json (docs/formats.md) and <out>/result.json: proof partitions, the sectors
// proven, the faulty ones with their reasons, timings. Faulty sectors never fail the job: Lotus
// skips or declares them. The Groth16 step (SNARK per partition) comes with the prover.
#include "jobs/common/team.hpp"
#include "wdpost/wdpost_spec.hpp"

namespace vseal::wdpost {

// Exit code (jobs/common/job_main.hpp). Prints result.json on stdout (rank 0).
int run_wdpost(const WdpostSpec& spec, jobs::Team& team);

}  // namespace vseal::wdpost
