// CUDA Poseidon host API in builds without nvcc (VC_CUDA=OFF): no device is ever available.
#include "base/error.hpp"
#include "hash/poseidon_gpu.hpp"

namespace vseal::hash {

int poseidon_gpu_device_count() noexcept {
  return 0;
}
bool poseidon_gpu_available() noexcept {
  return false;
}
std::string poseidon_gpu_describe(int) {
  return "this build has no CUDA support (VC_CUDA=OFF)";
}

void poseidon_hash_batch_gpu(std::size_t, std::span<field::Fr>, std::span<const field::Fr>, int) {
  throw Error(ErrorCode::Unsupported,
              "CUDA Poseidon: this build has no CUDA support (VC_CUDA=OFF)");
}

void poseidon_gpu_code_on_host(std::size_t, std::span<field::Fr>, std::span<const field::Fr>) {
  throw Error(ErrorCode::Unsupported,
              "CUDA Poseidon: this build has no CUDA support (VC_CUDA=OFF)");
}

}  // namespace vseal::hash
