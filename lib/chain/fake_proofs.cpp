#include "chain/fake_proofs.hpp"

#include "hash/sha256.hpp"

namespace vseal::chain {

Bytes fake_post_proof(const std::array<std::uint8_t, 32>& randomness,
                      std::span<const PoStSectorInfo> sectors) {
  Bytes in(randomness.begin(), randomness.end());
  in[31] &= 0x3f;
  for (const auto& s : sectors) {
    CborWriter w;
    w.array(3).integer(s.seal_proof).uint(s.number).cid(s.sealed_cid);
    in.insert(in.end(), w.data().begin(), w.data().end());
  }
  const auto h = hash::sha256(in);
  return Bytes(h.begin(), h.end());
}

}  // namespace vseal::chain
