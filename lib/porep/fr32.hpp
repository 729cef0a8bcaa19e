#pragma once
// fr32 padding (porep-sdr.md §4): every 254 input bits become one 32-byte field element with
// bits 254 and 255 zero; 127 input bytes make 128 output bytes. Unpadding is the inverse.
// The block functions work on whole 127/128-byte blocks with 64-bit word shifts (no per-bit
// loop), so a piece streams through at memory speed; the vector forms take any length.
#include <cstdint>
#include <span>
#include <vector>

namespace vseal::porep {

inline constexpr std::size_t kFr32UnpaddedBlock = 127;
inline constexpr std::size_t kFr32PaddedBlock = 128;

// Padded size of `unpadded` bytes (rust-fil-proofs PaddedBytesAmount::from).
std::uint64_t fr32_padded_size(std::uint64_t unpadded);
std::uint64_t fr32_unpadded_size(std::uint64_t padded);

// in: k*127 bytes, out: k*128 bytes.
void fr32_pad_blocks(std::span<const std::uint8_t> in, std::span<std::uint8_t> out);
// in: k*128 bytes, out: k*127 bytes. Bits 254/255 of each element are ignored.
void fr32_unpad_blocks(std::span<const std::uint8_t> in, std::span<std::uint8_t> out);

// Pads any number of bytes; a partial last element is zero-filled.
std::vector<std::uint8_t> fr32_pad(std::span<const std::uint8_t> unpadded);
// Unpads `padded` (a multiple of 32 bytes) to `unpadded_size` bytes.
std::vector<std::uint8_t> fr32_unpad(std::span<const std::uint8_t> padded,
                                     std::uint64_t unpadded_size);

}  // namespace vseal::porep
