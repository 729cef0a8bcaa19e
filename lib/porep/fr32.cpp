// fr32 padding as a bit stream: input bit j lands in output element j/254 at bit j%254.
// Whole 127-byte blocks are independent; the loop below handles any length uniformly.
#include "porep/fr32.hpp"

#include <string>

#include "base/error.hpp"

namespace vseal::porep {

std::uint64_t fr32_padded_size(std::uint64_t unpadded) {
  const std::uint64_t bits = unpadded * 8;
  return ((bits / 254) * 256 + bits % 254 + 7) / 8;
}

std::uint64_t fr32_unpadded_size(std::uint64_t padded) {
  const std::uint64_t bits = padded * 8;
  return ((bits / 256) * 254 + bits % 256) / 8;
}

std::vector<std::uint8_t> fr32_pad(std::span<const std::uint8_t> in) {
  const std::uint64_t bits = in.size() * 8;
  const std::uint64_t elements = (bits + 253) / 254;
  std::vector<std::uint8_t> out(elements * 32, 0);
  for (std::uint64_t j = 0; j < bits; ++j) {
    if ((in[j / 8] >> (j % 8)) & 1u) {
      const std::uint64_t o = (j / 254) * 256 + j % 254;
      out[o / 8] = static_cast<std::uint8_t>(out[o / 8] | (1u << (o % 8)));
    }
  }
  return out;
}

std::vector<std::uint8_t> fr32_unpad(std::span<const std::uint8_t> padded,
                                     std::uint64_t unpadded_size) {
  if (padded.size() % 32 != 0 || unpadded_size * 8 > padded.size() / 32 * 254) {
    throw Error(ErrorCode::BadInput, "fr32: " + std::to_string(padded.size()) +
                                         " padded bytes cannot hold " +
                                         std::to_string(unpadded_size) + " bytes");
  }
  std::vector<std::uint8_t> out(unpadded_size, 0);
  for (std::uint64_t j = 0; j < unpadded_size * 8; ++j) {
    const std::uint64_t o = (j / 254) * 256 + j % 254;
    if ((padded[o / 8] >> (o % 8)) & 1u)
      out[j / 8] = static_cast<std::uint8_t>(out[j / 8] | (1u << (j % 8)));
  }
  return out;
}

}  // namespace vseal::porep
