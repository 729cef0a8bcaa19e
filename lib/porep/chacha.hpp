#pragma once
// The two ChaCha variants proofs use. ChaCha8 as rand_chacha 0.3 ChaCha8Rng::from_seed + rand
// 0.8 next_u64 (porep-sdr.md §2.3): 32-byte key, 64-bit block counter from 0, stream 0, output
// words consumed in order; used for the DRG parents, a value type, one per node draw.
// ChaCha20 in the RFC 8439 layout (32-bit block counter, 96-bit nonce): the synthetic-PoRep
// PRFs (commit-and-post.md §2.3), read at any byte offset of the keystream.
#include <array>
#include <cstdint>
#include <span>

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

// Keystream bytes [offset, offset + out.size()) of ChaCha20(key, nonce), counter from 0.
// Throws Error{BadInput} when the range passes the 2^32-block end of the stream.
void chacha20_keystream(std::span<const std::uint8_t, 32> key,
                        std::span<const std::uint8_t, 12> nonce, std::uint64_t offset,
                        std::span<std::uint8_t> out);

}  // namespace vseal::porep
