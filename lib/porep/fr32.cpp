// fr32 padding on 127-byte blocks: element k of a block is input bits [254k, 254k+254), taken
// as four 64-bit little-endian words read at bit offsets. Partial blocks go through a zeroed
// block buffer, so one kernel serves every length.
#include "porep/fr32.hpp"

#include <array>
#include <cstring>
#include <string>

#include "base/error.hpp"

namespace vseal::porep {
namespace {

// A block plus slack, so reading 9 bytes at any bit offset inside it stays in bounds.
using BlockBuffer = std::array<std::uint8_t, 144>;

std::uint64_t load_le64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // x86-64 and every target we build for are little-endian
}

// 64 bits of `buf` starting at bit `bit`.
std::uint64_t bits_at(const BlockBuffer& buf, std::size_t bit) {
  const std::size_t byte = bit / 8, shift = bit % 8;
  const std::uint64_t lo = load_le64(buf.data() + byte);
  if (shift == 0) return lo;
  return (lo >> shift) | (static_cast<std::uint64_t>(buf[byte + 8]) << (64 - shift));
}

void pad_block(const std::uint8_t* in, std::uint8_t* out) {
  BlockBuffer buf{};
  std::memcpy(buf.data(), in, kFr32UnpaddedBlock);
  for (std::size_t k = 0; k < 4; ++k) {
    for (std::size_t m = 0; m < 4; ++m) {
      std::uint64_t w = bits_at(buf, 254 * k + 64 * m);
      if (m == 3) w &= (std::uint64_t{1} << 62) - 1;
      std::memcpy(out + 32 * k + 8 * m, &w, 8);
    }
  }
}

// ORs the low `count` (<= 64) bits of `v` into `buf` at bit `bit`.
void or_bits(BlockBuffer& buf, std::size_t bit, std::uint64_t v, std::size_t count) {
  if (count < 64) v &= (std::uint64_t{1} << count) - 1;
  const std::size_t byte = bit / 8, shift = bit % 8;
  std::uint64_t lo = load_le64(buf.data() + byte) | (v << shift);
  std::memcpy(buf.data() + byte, &lo, 8);
  if (shift != 0) buf[byte + 8] = static_cast<std::uint8_t>(buf[byte + 8] | (v >> (64 - shift)));
}

void unpad_block(const std::uint8_t* in, BlockBuffer& buf) {
  buf.fill(0);
  for (std::size_t k = 0; k < 4; ++k) {
    for (std::size_t m = 0; m < 4; ++m) {
      or_bits(buf, 254 * k + 64 * m, load_le64(in + 32 * k + 8 * m), m == 3 ? 62 : 64);
    }
  }
}

}  // namespace

std::uint64_t fr32_padded_size(std::uint64_t unpadded) {
  const std::uint64_t bits = unpadded * 8;
  return ((bits / 254) * 256 + bits % 254 + 7) / 8;
}

std::uint64_t fr32_unpadded_size(std::uint64_t padded) {
  const std::uint64_t bits = padded * 8;
  return ((bits / 256) * 254 + bits % 256) / 8;
}

void fr32_pad_blocks(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  const std::size_t blocks = in.size() / kFr32UnpaddedBlock;
  if (in.size() % kFr32UnpaddedBlock != 0 || out.size() != blocks * kFr32PaddedBlock)
    throw Error(ErrorCode::BadInput, "fr32_pad_blocks: sizes are not k*127 -> k*128 bytes");
  for (std::size_t b = 0; b < blocks; ++b)
    pad_block(in.data() + b * kFr32UnpaddedBlock, out.data() + b * kFr32PaddedBlock);
}

void fr32_unpad_blocks(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  const std::size_t blocks = in.size() / kFr32PaddedBlock;
  if (in.size() % kFr32PaddedBlock != 0 || out.size() != blocks * kFr32UnpaddedBlock)
    throw Error(ErrorCode::BadInput, "fr32_unpad_blocks: sizes are not k*128 -> k*127 bytes");
  BlockBuffer buf;
  for (std::size_t b = 0; b < blocks; ++b) {
    unpad_block(in.data() + b * kFr32PaddedBlock, buf);
    std::memcpy(out.data() + b * kFr32UnpaddedBlock, buf.data(), kFr32UnpaddedBlock);
  }
}

std::vector<std::uint8_t> fr32_pad(std::span<const std::uint8_t> in) {
  const std::uint64_t elements = (in.size() * 8 + 253) / 254;
  std::vector<std::uint8_t> out(elements * 32, 0);
  const std::size_t whole = in.size() / kFr32UnpaddedBlock;
  fr32_pad_blocks(in.first(whole * kFr32UnpaddedBlock),
                  std::span(out).first(whole * kFr32PaddedBlock));
  if (const std::size_t tail = in.size() - whole * kFr32UnpaddedBlock; tail != 0) {
    std::array<std::uint8_t, kFr32UnpaddedBlock> last{};
    std::array<std::uint8_t, kFr32PaddedBlock> padded{};
    std::memcpy(last.data(), in.data() + whole * kFr32UnpaddedBlock, tail);
    pad_block(last.data(), padded.data());
    std::memcpy(out.data() + whole * kFr32PaddedBlock, padded.data(),
                out.size() - whole * kFr32PaddedBlock);
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
  BlockBuffer buf;
  for (std::uint64_t b = 0; b * kFr32UnpaddedBlock < unpadded_size; ++b) {
    std::array<std::uint8_t, kFr32PaddedBlock> in{};
    const std::size_t avail =
        std::min<std::size_t>(kFr32PaddedBlock, padded.size() - b * kFr32PaddedBlock);
    std::memcpy(in.data(), padded.data() + b * kFr32PaddedBlock, avail);
    unpad_block(in.data(), buf);
    const std::size_t n =
        std::min<std::uint64_t>(kFr32UnpaddedBlock, unpadded_size - b * kFr32UnpaddedBlock);
    std::memcpy(out.data() + b * kFr32UnpaddedBlock, buf.data(), n);
  }
  return out;
}

}  // namespace vseal::porep
