// Fallback PoSt public inputs (see public_inputs.hpp).
#include "post/public_inputs.hpp"

#include <string>

#include "base/error.hpp"
#include "porep/public_inputs.hpp"

namespace vseal::post {

std::uint64_t post_partitions(const RegisteredPostProof& proof, std::uint64_t sector_total) {
  if (proof.kind == PostKind::Winning) return 1;
  return sector_total == 0 ? 1 : (sector_total + proof.sector_count - 1) / proof.sector_count;
}

std::vector<PublicSector> circuit_sectors(const RegisteredPostProof& proof,
                                          std::span<const PublicSector> sectors) {
  if (proof.kind == PostKind::Window) {
    for (std::size_t i = 1; i < sectors.size(); ++i)
      if (sectors[i].sector_id <= sectors[i - 1].sector_id)
        throw Error(ErrorCode::BadInput,
                    "PoSt sectors must be listed once each in ascending sector number (" +
                        std::to_string(sectors[i - 1].sector_id) + " before " +
                        std::to_string(sectors[i].sector_id) + ")");
    return {sectors.begin(), sectors.end()};
  }
  if (sectors.size() != 1)
    throw Error(ErrorCode::BadInput,
                "Winning PoSt proves exactly one sector, got " + std::to_string(sectors.size()));
  return std::vector<PublicSector>(proof.sector_count, sectors[0]);
}

std::vector<field::Fr> post_public_inputs(const RegisteredPostProof& proof,
                                          const Bytes32& randomness,
                                          std::span<const PublicSector> sectors, int partition) {
  check_post_randomness(randomness);
  if (sectors.empty()) throw Error(ErrorCode::BadInput, "PoSt over no sectors");
  const auto all = circuit_sectors(proof, sectors);
  const std::uint64_t per = proof.sector_count;
  const std::uint64_t partitions = post_partitions(proof, all.size());
  if (partition < 0 || static_cast<std::uint64_t>(partition) >= partitions)
    throw Error(ErrorCode::BadInput,
                "partition " + std::to_string(partition) + " of " + std::to_string(partitions));
  const std::uint64_t nodes = proof.sector_size / 32;
  const std::uint64_t first = static_cast<std::uint64_t>(partition) * per;
  const std::uint64_t last = std::min<std::uint64_t>(first + per, all.size());
  std::vector<field::Fr> out;
  out.reserve(per * (1 + proof.challenge_count));
  for (std::uint64_t s = first; s < last; ++s) {
    out.push_back(porep::fr_from_commitment(all[s].comm_r, "comm_r"));
    for (const std::uint64_t leaf : window_leaf_challenges(
             proof.api_version, randomness, all[s].sector_id, s, nodes, proof.challenge_count))
      out.push_back(field::Fr::from_u64(leaf));
  }
  const std::size_t per_sector = 1 + proof.challenge_count;
  for (std::uint64_t s = last; s < first + per; ++s)
    for (std::size_t i = 0; i < per_sector; ++i) {
      const field::Fr repeated = out[out.size() - per_sector];
      out.push_back(repeated);
    }
  return out;
}

}  // namespace vseal::post
