#pragma once
// ChaCha8 as rand_chacha 0.3 ChaCha8Rng::from_seed + rand 0.8 next_u64 (porep-sdr.md §2.3):
// 32-byte key, 64-bit block counter from 0, stream 0, output words consumed in order.
// Used for the DRG parents; a value type, one per node draw.
#include <array>
#include <cstdint>

namespace vseal::porep {

class ChaCha8 {
 public:
  explicit ChaCha8(const std::array<std::uint8_t, 32>& seed);
  std::uint32_t next_u32();
  std::uint64_t next_u64();  // low word first

 private:
  void refill();
  std::array<std::uint32_t, 16> key_state_{};
  std::array<std::uint32_t, 16> block_{};
  std::uint64_t counter_ = 0;
  std::size_t used_ = 16;
};

}  // namespace vseal::porep
