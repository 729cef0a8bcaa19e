// SHA-NI single-stream compression (compiled with -msha -msse4.1; selected at run time only on
// CPUs that report sha_ni). Measured against portable in docs/performance.md.
#include "hash/detail/sha256_shani_impl.hpp"

namespace vseal::hash::detail {

void compress_shani(std::uint32_t* state, const std::uint8_t* blocks, std::size_t nblocks) {
  std::uint32_t* const states[1] = {state};
  const std::uint8_t* const data[1] = {blocks};
  compress_shani_n<1>(states, data, nblocks);
}

}  // namespace vseal::hash::detail
