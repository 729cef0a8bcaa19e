// Column hashes and replica encoding over runs of nodes.
#include "porep/columns.hpp"

#include <string>
#include <vector>

#include "base/error.hpp"

namespace vseal::porep {

void column_hashes(std::span<const std::uint8_t* const> layers, std::uint64_t first_node,
                   std::span<field::Fr> out, const merkle::PoseidonLevelHasher& hasher) {
  const std::size_t L = layers.size();
  std::vector<field::Fr> inputs(out.size() * L);
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t l = 0; l < L; ++l) {
      if (!field::Fr::try_from_bytes(std::span<const std::uint8_t, 32>(layers[l] + 32 * i, 32),
                                     inputs[i * L + l])) {
        throw Error(ErrorCode::Corrupt, "layer " + std::to_string(l + 1) + " node " +
                                            std::to_string(first_node + i) +
                                            " is not a field element");
      }
    }
  }
  hasher(L, out, inputs);
}

void encode_replica(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                    std::uint64_t first_node, std::span<std::uint8_t> replica_bytes,
                    std::span<field::Fr> leaves) {
  const std::size_t n = leaves.size();
  if (key.size() != n * 32 || replica_bytes.size() != n * 32 ||
      (!data.empty() && data.size() != n * 32)) {
    throw Error(ErrorCode::Internal, "encode_replica: buffers of different lengths");
  }
  for (std::size_t i = 0; i < n; ++i) {
    field::Fr k, d;
    if (!field::Fr::try_from_bytes(std::span<const std::uint8_t, 32>(key.data() + 32 * i, 32), k))
      throw Error(ErrorCode::Corrupt, "key (last layer) node " + std::to_string(first_node + i) +
                                          " is not a field element");
    if (!data.empty() && !field::Fr::try_from_bytes(
                             std::span<const std::uint8_t, 32>(data.data() + 32 * i, 32), d)) {
      throw Error(ErrorCode::BadInput, "data node " + std::to_string(first_node + i) +
                                           " is not a field element: the sector data must be "
                                           "fr32-padded");
    }
    leaves[i] = k + d;
  }
  field::fr_to_bytes(leaves, replica_bytes);
}

}  // namespace vseal::porep
