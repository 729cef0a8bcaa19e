// SnapDeals challenge derivation (see update_challenges.hpp).
#include "porep/update_challenges.hpp"

#include <bit>
#include <string>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace vseal::porep {

UpdateChallengeParams update_challenge_params(std::uint64_t sector_nodes) {
  if (sector_nodes < 2 || !std::has_single_bit(sector_nodes)) {
    throw Error(ErrorCode::BadInput,
                "sector node count " + std::to_string(sector_nodes) + " is not a power of two");
  }
  const std::uint64_t partitions = sector_nodes <= (1u << 8)    ? 1
                                   : sector_nodes <= (1u << 10) ? 2
                                   : sector_nodes <= (1u << 19) ? 4
                                                                : 16;
  return {sector_nodes, partitions, sector_nodes <= (1u << 19) ? 10u : 86u};
}

std::vector<std::uint64_t> update_challenges(const UpdateChallengeParams& params,
                                             const field::Fr& comm_r_new, std::uint64_t k,
                                             std::size_t count) {
  if (k >= params.partitions) {
    throw Error(ErrorCode::BadInput,
                "partition " + std::to_string(k) + " of " + std::to_string(params.partitions));
  }
  const int bits = std::countr_zero(params.sector_nodes) - std::countr_zero(params.partitions);
  const std::uint64_t per_digest = 254 / static_cast<std::uint64_t>(bits);
  const std::uint64_t digests_per_partition =
      (params.challenges_per_partition + per_digest - 1) / per_digest;
  const field::Fr tag = hash::poseidon_custom_tag(1);
  std::uint64_t j = k * digests_per_partition;
  std::vector<std::uint64_t> out;
  out.reserve(count);
  std::array<std::uint64_t, 4> digest{};
  std::uint64_t in_digest = 0;
  for (std::size_t n = 0; n < count; ++n) {
    if (in_digest == 0) {
      const field::Fr inputs[2] = {comm_r_new, field::Fr::from_u64(j)};
      digest = hash::poseidon_hash_tagged(tag, inputs, 2).to_canonical_limbs();
    }
    // Bits [i*b, i*b + b) of the digest as a little-endian integer.
    const std::uint64_t lo_bit = in_digest * static_cast<std::uint64_t>(bits);
    const std::size_t limb = static_cast<std::size_t>(lo_bit / 64);
    const unsigned shift = static_cast<unsigned>(lo_bit % 64);
    std::uint64_t value = digest[limb] >> shift;
    if (shift != 0 && limb + 1 < 4) value |= digest[limb + 1] << (64 - shift);
    value &= (std::uint64_t{1} << bits) - 1;
    out.push_back(value | (k << bits));
    if (++in_digest == per_digest) {
      in_digest = 0;
      ++j;
    }
  }
  return out;
}

}  // namespace vseal::porep
