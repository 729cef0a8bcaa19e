#pragma once
// The PoSt rule of builtin-actors' testing-fake-proofs bundle (devchain.md §2.13): a Window
// PoSt is valid iff its bytes are SHA-256(randomness with byte 31 & 0x3f || CBOR(SectorInfo)
// of each challenged sector), SectorInfo = [SealProof, SectorNumber, SealedCID]. A chain built
// with that bundle (the dev chain in "fake-proofs" mode) accepts every seal proof, so this is
// the one proof such a chain still checks; the dev chain verifies with it and vcoord's
// WindowPoSt runner submits it there, in place of the SNARK vseal cannot make yet.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "chain/cbor.hpp"

namespace vseal::chain {

using Bytes = std::vector<std::uint8_t>;

struct PoStSectorInfo {
  std::int64_t seal_proof = 0;
  std::uint64_t number = 0;
  Bytes sealed_cid;
};

// `randomness` as drawn (byte 31 is masked here); `sectors` in the order the proof covers
// them: every sector of the proven partitions, skipped ones replaced by the first good one.
Bytes fake_post_proof(const std::array<std::uint8_t, 32>& randomness,
                      std::span<const PoStSectorInfo> sectors);

}  // namespace vseal::chain
