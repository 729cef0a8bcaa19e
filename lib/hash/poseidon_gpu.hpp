#pragma once
// Host API of the CUDA Poseidon (MerkleTree hashes, arities 2, 8 and 11: every arity tree_c and
// tree_r_last need). Builds with or without nvcc: without CUDA, or on a machine with no GPU,
// poseidon_gpu_available() is false and the hash throws Error{Unsupported}. Results are
// identical to poseidon_hash_batch on the CPU. One call uses one device; calls on different
// devices may run concurrently.
#include <cstddef>
#include <span>
#include <string>

#include "field/fr.hpp"

namespace vseal::hash {

bool poseidon_gpu_available() noexcept;
// Number of visible CUDA devices (0 without CUDA or GPUs).
int poseidon_gpu_device_count() noexcept;
// Name and compute capability of a device, or why none can be used.
std::string poseidon_gpu_describe(int device = 0);
constexpr bool poseidon_gpu_supports_arity(std::size_t arity) noexcept {
  return arity == 2 || arity == 8 || arity == 11;
}

// out[k] = H_arity(inputs[k*arity ..]) on GPU `device`. Throws Error{BadInput} for sizes or
// arities it cannot take, Error{Unsupported} without a GPU, Error{Gpu} when CUDA fails.
void poseidon_hash_batch_gpu(std::size_t arity, std::span<field::Fr> out,
                             std::span<const field::Fr> inputs, int device = 0);

// Runs the device code of the CUDA path (the same __host__ __device__ functions the kernels
// call) on the host CPU. Lets machines without a GPU test the GPU arithmetic itself.
void poseidon_gpu_code_on_host(std::size_t arity, std::span<field::Fr> out,
                               std::span<const field::Fr> inputs);

}  // namespace vseal::hash
