#pragma once
// Internal: SHA-NI compression of N independent streams, interleaved instruction by
// instruction. One stream is bound by the latency of the sha256rnds2 chain (each pair of
// rounds depends on the previous pair); N streams give the core N independent chains to
// overlap. Included only by the SHA-NI translation units, which are compiled with -msha.
// The state is kept in the (ABEF, CDGH) register layout that sha256rnds2 expects across all
// blocks of a call and converted back to FIPS order once at the end.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "hash/detail/sha256_kernels.hpp"

namespace vseal::hash::detail {

template <std::size_t N>
inline void compress_shani_n(std::uint32_t* const* states, const std::uint8_t* const* blocks,
                             std::size_t nblocks) {
  // Byte order: message words are big-endian in memory.
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
  __m128i abef[N], cdgh[N];
  for (std::size_t s = 0; s < N; ++s) {
    const __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(states[s]));
    const __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(states[s] + 4));
    const __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    abef[s] = _mm_alignr_epi8(cdab, efgh, 8);
    cdgh[s] = _mm_blend_epi16(efgh, cdab, 0xf0);
  }
  for (std::size_t blk = 0; blk < nblocks; ++blk) {
    __m128i save_abef[N], save_cdgh[N], m[N][4];
    for (std::size_t s = 0; s < N; ++s) {
      save_abef[s] = abef[s];
      save_cdgh[s] = cdgh[s];
      const auto* p = reinterpret_cast<const __m128i*>(blocks[s] + 64 * blk);
      for (std::size_t i = 0; i < 4; ++i) m[s][i] = _mm_shuffle_epi8(_mm_loadu_si128(p + i), bswap);
    }
    // 16 groups of 4 rounds. Group g consumes W[4g..4g+3]; from g = 4 on they are derived:
    // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], where msg1 supplies
    // W[t-16] + s0(W[t-15]), alignr supplies W[t-7], and msg2 adds s1(W[t-2]).
#pragma GCC unroll 16
    for (std::size_t g = 0; g < 16; ++g) {
      const __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kSha256K + 4 * g));
#pragma GCC unroll 4
      for (std::size_t s = 0; s < N; ++s) {
        if (g >= 4) {
          __m128i x = _mm_sha256msg1_epu32(m[s][g & 3], m[s][(g + 1) & 3]);
          x = _mm_add_epi32(x, _mm_alignr_epi8(m[s][(g + 3) & 3], m[s][(g + 2) & 3], 4));
          m[s][g & 3] = _mm_sha256msg2_epu32(x, m[s][(g + 3) & 3]);
        }
        __m128i wk = _mm_add_epi32(m[s][g & 3], k);
        cdgh[s] = _mm_sha256rnds2_epu32(cdgh[s], abef[s], wk);
        wk = _mm_shuffle_epi32(wk, 0x0e);
        abef[s] = _mm_sha256rnds2_epu32(abef[s], cdgh[s], wk);
      }
    }
    for (std::size_t s = 0; s < N; ++s) {
      abef[s] = _mm_add_epi32(abef[s], save_abef[s]);
      cdgh[s] = _mm_add_epi32(cdgh[s], save_cdgh[s]);
    }
  }
  for (std::size_t s = 0; s < N; ++s) {
    const __m128i feba = _mm_shuffle_epi32(abef[s], 0x1b);
    const __m128i dchg = _mm_shuffle_epi32(cdgh[s], 0xb1);
    const __m128i dcba = _mm_blend_epi16(feba, dchg, 0xf0);
    const __m128i hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(states[s]), dcba);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(states[s] + 4), hgfe);
  }
}

}  // namespace vseal::hash::detail
