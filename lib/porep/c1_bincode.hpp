#pragma once
// The C1 output in bincode 1.x (commit-and-post.md §4.5), the form supra_seal's C1 writes and
// its C2 reads: filecoin-proofs' SealCommitPhase1Output without the registered-proof wrapper —
// vanilla_proofs (Vec<Vec<Proof>>), comm_r, comm_d, replica_id, seed, ticket. Little-endian,
// Vec = u64 length + items, 32-byte values raw, enum variants u32 (Single 0, Sub 1, Top 2),
// usize as u64, phantom members empty. 2KiB: 14,036 bytes per challenge; 32GiB: 61,192.
#include <cstdint>
#include <vector>

#include "porep/vanilla_proof.hpp"

namespace vseal::porep {

std::vector<std::uint8_t> c1_output_to_bincode(const C1Output& c1);
// Bytes one challenge proof takes in that encoding.
std::uint64_t challenge_proof_bincode_size(const ChallengeProof& p);

}  // namespace vseal::porep
