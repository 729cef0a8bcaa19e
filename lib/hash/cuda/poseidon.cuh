#pragma once
// The optimised Poseidon schedule (poseidon.md §7.3) as __host__ __device__ code templated on
// the width T, so kernels unroll every loop and keep the state in registers. Constants are the
// host's PoseidonConstants vectors copied as they are (Montgomery limbs).
#include "field/cuda/fr.cuh"

// Keep the round and matrix loops rolled on the device: fully unrolling a 12 x 12 mix of
// inlined Montgomery products made ptxas take minutes per architecture for no proven gain.
// The limb loops inside fr_mul are still unrolled by the compiler.
#if defined(__CUDA_ARCH__)
#define VSEAL_ROLLED _Pragma("unroll 1")
#else
#define VSEAL_ROLLED
#endif

namespace vseal::hash::cuda {

using field::cuda::DevFr;

struct DevPoseidonConstants {
  const DevFr* compressed;  // R_F*T + R_P
  const DevFr* mds;         // T*T row-major
  const DevFr* pre_sparse;  // T*T row-major
  const DevFr* sparse;      // R_P * (2T-1)
  int partial_rounds;
};

__host__ __device__ inline void quintic(DevFr& x) {
  DevFr x2, x4;
  field::cuda::fr_mul(x2, x, x);
  field::cuda::fr_mul(x4, x2, x2);
  field::cuda::fr_mul(x, x4, x);
}

template <int T>
__host__ __device__ inline void mix_dense(DevFr* s, const DevFr* m) {
  DevFr out[T];
  VSEAL_ROLLED
  for (int j = 0; j < T; ++j) {
    DevFr prod;
    field::cuda::fr_mul(out[j], s[0], m[j]);
    VSEAL_ROLLED
    for (int i = 1; i < T; ++i) {
      field::cuda::fr_mul(prod, s[i], m[i * T + j]);
      field::cuda::fr_add(out[j], out[j], prod);
    }
  }
  VSEAL_ROLLED
  for (int j = 0; j < T; ++j) s[j] = out[j];
}

template <int T>
__host__ __device__ inline void permute(const DevPoseidonConstants& c, DevFr* s) {
  constexpr int kHalf = 4;  // R_F / 2 for every Filecoin instance
  const DevFr* rc = c.compressed;
  VSEAL_ROLLED
  for (int i = 0; i < T; ++i) field::cuda::fr_add(s[i], s[i], rc[i]);
  rc += T;
  for (int k = 0; k < kHalf; ++k) {
    VSEAL_ROLLED
    for (int i = 0; i < T; ++i) {
      quintic(s[i]);
      field::cuda::fr_add(s[i], s[i], rc[i]);
    }
    rc += T;
    mix_dense<T>(s, k + 1 == kHalf ? c.pre_sparse : c.mds);
  }
  const DevFr* sp = c.sparse;
  for (int j = 0; j < c.partial_rounds; ++j) {
    quintic(s[0]);
    field::cuda::fr_add(s[0], s[0], *rc++);
    DevFr first, prod;
    field::cuda::fr_mul(first, s[0], sp[0]);
    VSEAL_ROLLED
    for (int i = 1; i < T; ++i) {
      field::cuda::fr_mul(prod, s[i], sp[i]);
      field::cuda::fr_add(first, first, prod);
    }
    VSEAL_ROLLED
    for (int i = 1; i < T; ++i) {
      field::cuda::fr_mul(prod, s[0], sp[T + i - 1]);
      field::cuda::fr_add(s[i], s[i], prod);
    }
    s[0] = first;
    sp += 2 * T - 1;
  }
  for (int k = 0; k + 1 < kHalf; ++k) {
    VSEAL_ROLLED
    for (int i = 0; i < T; ++i) {
      quintic(s[i]);
      field::cuda::fr_add(s[i], s[i], rc[i]);
    }
    rc += T;
    mix_dense<T>(s, c.mds);
  }
  VSEAL_ROLLED
  for (int i = 0; i < T; ++i) quintic(s[i]);
  mix_dense<T>(s, c.mds);
}

// One MerkleTree hash: state [tag, in[0..T-2]], digest lane 1.
template <int T>
__host__ __device__ inline DevFr hash_one(const DevPoseidonConstants& c, const DevFr& tag,
                                          const DevFr* in) {
  DevFr s[T];
  s[0] = tag;
  VSEAL_ROLLED
  for (int i = 1; i < T; ++i) s[i] = in[i - 1];
  permute<T>(c, s);
  return s[1];
}

}  // namespace vseal::hash::cuda
