#pragma once
// Groth16 verifying keys in bellperson's `.vk` layout and the header of a `.params` proving key
// (commit-and-post.md §8.2). Every point is an uncompressed zcash encoding; the reader checks
// curve and subgroup membership and rejects the point at infinity, a wrong IC count, and
// truncated or over-long files, naming the field and the byte offset.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "field/g1.hpp"
#include "field/g2.hpp"

namespace vseal::snark {

struct VerifyingKey {
  field::G1Affine alpha_g1, beta_g1;
  field::G2Affine beta_g2, gamma_g2;
  field::G1Affine delta_g1;
  field::G2Affine delta_g2;
  std::vector<field::G1Affine> ic;  // public inputs + 1 (IC_0 multiplies the constant ONE)

  std::size_t public_inputs() const { return ic.size() - 1; }
  std::size_t encoded_size() const { return 868 + 96 * ic.size(); }
};

// The key at the start of `bytes`; *consumed receives its length. Error{BadInput} on any
// malformed content.
VerifyingKey parse_verifying_key_prefix(std::span<const std::uint8_t> bytes, std::size_t* consumed);
// A whole `.vk` file's content: nothing may follow the key.
VerifyingKey parse_verifying_key(std::span<const std::uint8_t> bytes);
VerifyingKey read_verifying_key_file(const std::filesystem::path& path);
std::vector<std::uint8_t> encode_verifying_key(const VerifyingKey& vk);

// The array lengths of a `.params` file, read without loading the points: the key, then
// h (n-1), l (aux variables), a, b_g1 (G1) and b_g2 (G2), each a u32 big-endian count followed
// by uncompressed points. The file size must match exactly.
struct ParamsHeader {
  VerifyingKey vk;
  std::uint32_t h = 0, l = 0, a = 0, b_g1 = 0, b_g2 = 0;
  std::uint64_t file_bytes = 0;
};
ParamsHeader read_params_header(const std::filesystem::path& path);

}  // namespace vseal::snark
