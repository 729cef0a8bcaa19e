#pragma once
// Public inputs of one PoRep partition (commit-and-post.md §5.2), the values the Groth16
// verifier multiplies into its IC points: replica_id, comm_d, comm_r, then per challenge x its
// tree-D index, its 6 DRG and 8 expander parents (tree-C indices), x as the UInt64 challenge,
// x as tree-R-last index and x as the tree-C index of its own column — 3 + 18*C values.
#include <cstdint>
#include <span>
#include <vector>

#include "field/fr.hpp"
#include "porep/graph.hpp"
#include "porep/ids.hpp"

namespace vseal::porep {

// Throws Error{BadInput} when replica_id, comm_d or comm_r is not a canonical field element.
std::vector<field::Fr> porep_public_inputs(const GraphParams& graph, const Bytes32& replica_id,
                                           const Bytes32& comm_d, const Bytes32& comm_r,
                                           std::span<const std::uint64_t> challenges);

// The 32 bytes as a field element; Error{BadInput} naming `what` when they are >= r.
field::Fr fr_from_commitment(const Bytes32& bytes, const char* what);

}  // namespace vseal::porep
