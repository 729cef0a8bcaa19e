#pragma once
// Commit phase 1 (commit-and-post.md §4.1): the vanilla PoRep proofs of a sealed sector.
// Checks the inputs against the sector's files first (comm_d = tree_d's root, comm_r =
// Poseidon(p_aux)), recomputes replica_id, derives every partition's challenges by the proof
// type's rules (interactive, synthetic, NI), opens each challenge (tree_d, tree_r_last, the 15
// columns with their tree_c proofs, the labeling and encoding proofs), and runs the vanilla
// verifier on the result before returning it: a damaged file is an Error{Corrupt} naming what
// failed, never an output C2 would reject.
#include <filesystem>
#include <functional>

#include "porep/layer_reader.hpp"
#include "porep/vanilla_proof.hpp"

namespace vseal::porep {

struct C1Request {
  SealProofType proof;
  Node prover_id{};
  std::uint64_t sector_id = 0;
  Node ticket{}, seed{}, comm_d{}, comm_r{};
  std::filesystem::path cache_dir;  // tree_d, tree_c, tree_r_last, p_aux, t_aux
  std::filesystem::path sealed;     // the replica
  LayerReader* layers = nullptr;    // PC1's labels
  // Called after each partition with (partitions done, partitions); may be empty.
  std::function<void(int, int)> progress;
};

C1Output seal_commit_phase1(const C1Request& request);

}  // namespace vseal::porep
