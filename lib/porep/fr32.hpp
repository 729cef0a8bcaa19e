#pragma once
// fr32 padding (porep-sdr.md §4): every 254 input bits become one 32-byte field element with
// bits 254 and 255 zero; 127 input bytes make 128 output bytes. Unpadding is the inverse.
#include <cstdint>
#include <span>
#include <vector>

namespace vseal::porep {

// Padded size of `unpadded` bytes (rust-fil-proofs PaddedBytesAmount::from).
std::uint64_t fr32_padded_size(std::uint64_t unpadded);
std::uint64_t fr32_unpadded_size(std::uint64_t padded);

// Pads any number of bytes; a partial last element is zero-filled.
std::vector<std::uint8_t> fr32_pad(std::span<const std::uint8_t> unpadded);
// Unpads `padded` (a multiple of 32 bytes) to `unpadded_size` bytes.
std::vector<std::uint8_t> fr32_unpad(std::span<const std::uint8_t> padded,
                                     std::uint64_t unpadded_size);

}  // namespace vseal::porep
