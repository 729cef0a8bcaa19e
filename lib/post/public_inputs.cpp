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

namespace {

// The partition's slice of the circuit sectors, each as comm_r then its leaves, padded by
// repeating the last sector. leaves(s) gives circuit sector s's leaf indices.
template <class Leaves>
std::vector<field::Fr> assemble(const RegisteredPostProof& proof, std::span<const PublicSector> all,
                                int partition, Leaves leaves) {
  const std::uint64_t per = proof.sector_count;
  const std::uint64_t partitions = post_partitions(proof, all.size());
  if (partition < 0 || static_cast<std::uint64_t>(partition) >= partitions)
    throw Error(ErrorCode::BadInput,
                "partition " + std::to_string(partition) + " of " + std::to_string(partitions));
  const std::uint64_t first = static_cast<std::uint64_t>(partition) * per;
  const std::uint64_t last = std::min<std::uint64_t>(first + per, all.size());
  std::vector<field::Fr> out;
  out.reserve(per * (1 + proof.challenge_count));
  for (std::uint64_t s = first; s < last; ++s) {
    out.push_back(porep::fr_from_commitment(all[s].comm_r, "comm_r"));
    const std::vector<std::uint64_t> leaf = leaves(s);
    if (leaf.size() != proof.challenge_count)
      throw Error(ErrorCode::BadInput, "sector " + std::to_string(s) + " has " +
                                           std::to_string(leaf.size()) + " leaf challenges, " +
                                           std::to_string(proof.challenge_count) + " expected");
    for (const std::uint64_t x : leaf) out.push_back(field::Fr::from_u64(x));
  }
  const std::size_t per_sector = 1 + proof.challenge_count;
  for (std::uint64_t s = last; s < first + per; ++s)
    for (std::size_t i = 0; i < per_sector; ++i) {
      const field::Fr repeated = out[out.size() - per_sector];
      out.push_back(repeated);
    }
  return out;
}

}  // namespace

std::vector<field::Fr> post_public_inputs(const RegisteredPostProof& proof,
                                          const Bytes32& randomness,
                                          std::span<const PublicSector> sectors, int partition) {
  check_post_randomness(randomness);
  if (sectors.empty()) throw Error(ErrorCode::BadInput, "PoSt over no sectors");
  const auto all = circuit_sectors(proof, sectors);
  const std::uint64_t nodes = proof.sector_size / 32;
  return assemble(proof, all, partition, [&](std::uint64_t s) {
    return window_leaf_challenges(proof.api_version, randomness, all[s].sector_id, s, nodes,
                                  proof.challenge_count);
  });
}

std::vector<field::Fr> post_public_inputs_from_leaves(
    const RegisteredPostProof& proof, std::span<const PublicSector> circuit,
    std::span<const std::vector<std::uint64_t>> leaves, int partition) {
  if (circuit.empty()) throw Error(ErrorCode::BadInput, "PoSt over no sectors");
  if (leaves.size() != circuit.size())
    throw Error(ErrorCode::BadInput, std::to_string(circuit.size()) + " circuit sectors but " +
                                         std::to_string(leaves.size()) + " leaf challenge lists");
  const std::uint64_t nodes = proof.sector_size / 32;
  for (std::size_t s = 0; s < leaves.size(); ++s)
    for (const std::uint64_t x : leaves[s])
      if (x >= nodes)
        throw Error(ErrorCode::BadInput, "leaf challenge " + std::to_string(x) + " of sector " +
                                             std::to_string(s) + " is outside a sector of " +
                                             std::to_string(nodes) + " nodes");
  return assemble(proof, circuit, partition, [&](std::uint64_t s) { return leaves[s]; });
}

}  // namespace vseal::post
