// SHA-NI multi-stream compression: 2 and 4 streams interleaved (PC1 labels several nodes or
// sectors at once). Compiled with -msha -msse4.1; per-stream speed-ups are in
// docs/performance.md.
#include "hash/detail/sha256_shani_impl.hpp"

namespace vseal::hash::detail {

void compress_shani_x2(std::uint32_t* const* states, const std::uint8_t* const* blocks,
                       std::size_t nblocks) {
  compress_shani_n<2>(states, blocks, nblocks);
}

void compress_shani_x4(std::uint32_t* const* states, const std::uint8_t* const* blocks,
                       std::size_t nblocks) {
  compress_shani_n<4>(states, blocks, nblocks);
}

}  // namespace vseal::hash::detail
