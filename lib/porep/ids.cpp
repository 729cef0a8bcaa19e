// replica_id, DRG seed and Feistel keys (porep-sdr.md §3, §6.1).
#include "porep/ids.hpp"

#include <cstring>
#include <string_view>

#include "hash/sha256.hpp"

namespace vseal::porep {
namespace {

hash::Sha256Digest tagged_digest(std::string_view tag, const PorepId& porep_id) {
  hash::Sha256 h;
  h.update(std::span(reinterpret_cast<const std::uint8_t*>(tag.data()), tag.size()));
  h.update(porep_id);
  return h.finalize();
}

}  // namespace

Bytes32 replica_id(const Bytes32& prover_id, std::uint64_t sector_id, const Bytes32& ticket,
                   const Bytes32& comm_d, const PorepId& porep_id) {
  std::array<std::uint8_t, 8> be{};
  for (std::size_t i = 0; i < 8; ++i) be[i] = static_cast<std::uint8_t>(sector_id >> (56 - 8 * i));
  hash::Sha256 h;
  h.update(prover_id).update(be).update(ticket).update(comm_d).update(porep_id);
  Bytes32 out = h.finalize();
  out[31] &= 0x3f;
  return out;
}

std::array<std::uint8_t, 28> drg_seed(const PorepId& porep_id) {
  const auto d = tagged_digest("Filecoin_DRSample", porep_id);
  std::array<std::uint8_t, 28> seed{};
  std::memcpy(seed.data(), d.data(), seed.size());
  return seed;
}

std::array<std::uint64_t, 4> feistel_keys(const PorepId& porep_id) {
  const auto d = tagged_digest("Filecoin_Feistel", porep_id);
  std::array<std::uint64_t, 4> keys{};
  for (std::size_t k = 0; k < 4; ++k) {
    for (std::size_t i = 0; i < 8; ++i)
      keys[k] |= static_cast<std::uint64_t>(d[8 * k + i]) << (8 * i);
  }
  return keys;
}

}  // namespace vseal::porep
