#pragma once
// Internal: the AVX-512 IFMA Poseidon batch (poseidon_ifma.cpp). Exists only in builds with
// VSEAL_HAVE_POSEIDON_IFMA; call only when cpu_features().avx512ifma is true.
#include <cstddef>

#include "hash/poseidon.hpp"

namespace vseal::hash::detail {

// out[k] = MerkleTree hash of in[k*arity .. k*arity+arity-1], eight hashes per pass.
void poseidon_ifma(const PoseidonConstants& c, Fr* out, const Fr* in, std::size_t count);

}  // namespace vseal::hash::detail
