#pragma once
// Per-sector and per-graph identifiers (porep-sdr.md §3, §6.1): replica_id from the sector's
// public inputs, and the DRG seed and Feistel keys derived from porep_id.
#include <array>
#include <cstdint>

#include "porep/registered_proof.hpp"

namespace vseal::porep {

using Bytes32 = std::array<std::uint8_t, 32>;

// trunc254(SHA256(prover_id || BE64(sector_id) || ticket || comm_d || porep_id)).
Bytes32 replica_id(const Bytes32& prover_id, std::uint64_t sector_id, const Bytes32& ticket,
                   const Bytes32& comm_d, const PorepId& porep_id);

// First 28 bytes of SHA256("Filecoin_DRSample" || porep_id).
std::array<std::uint8_t, 28> drg_seed(const PorepId& porep_id);
// SHA256("Filecoin_Feistel" || porep_id) as four LE u64.
std::array<std::uint64_t, 4> feistel_keys(const PorepId& porep_id);

}  // namespace vseal::porep
