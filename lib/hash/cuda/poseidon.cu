// CUDA Poseidon: one thread per MerkleTree hash, constants in global memory (read through the
// read-only cache), width fixed at compile time per kernel (arities 2, 8, 11).
#include <cuda_runtime.h>

#include <string>
#include <vector>

#include "base/error.hpp"
#include "hash/cuda/poseidon.cuh"
#include "hash/poseidon.hpp"
#include "hash/poseidon_gpu.hpp"

#define VSEAL_CUDA_CHECK(expr)                                                       \
  do {                                                                               \
    const cudaError_t vseal_cuda_status = (expr);                                    \
    if (vseal_cuda_status != cudaSuccess) {                                          \
      throw ::vseal::Error(::vseal::ErrorCode::Gpu,                                  \
                           std::string(#expr) +                                      \
                               " failed: " + cudaGetErrorString(vseal_cuda_status) + \
                               " at " __FILE__ ":" + std::to_string(__LINE__));      \
    }                                                                                \
  } while (0)

namespace vseal::hash {
namespace {

using cuda::DevFr;
using cuda::DevPoseidonConstants;
static_assert(sizeof(DevFr) == sizeof(field::Fr), "device Fr must match the host limb layout");

const DevFr* as_dev(const field::Fr* p) {
  return reinterpret_cast<const DevFr*>(p);
}

template <int T>
__global__ void merkle_kernel(DevPoseidonConstants c, DevFr tag, const DevFr* __restrict__ in,
                              DevFr* __restrict__ out, std::size_t count) {
  const std::size_t k = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (k >= count) return;
  out[k] = cuda::hash_one<T>(c, tag, in + k * (T - 1));
}

// Device memory owned for the duration of one call.
class DeviceBuffer {
 public:
  explicit DeviceBuffer(std::size_t bytes) { VSEAL_CUDA_CHECK(cudaMalloc(&ptr_, bytes)); }
  ~DeviceBuffer() { cudaFree(ptr_); }
  DeviceBuffer(DeviceBuffer&& other) noexcept : ptr_(other.ptr_) { other.ptr_ = nullptr; }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(DeviceBuffer&&) = delete;
  template <class T>
  T* as() const {
    return static_cast<T*>(ptr_);
  }

 private:
  void* ptr_ = nullptr;
};

DeviceBuffer upload(const std::vector<field::Fr>& v) {
  DeviceBuffer buf(v.size() * sizeof(field::Fr));
  VSEAL_CUDA_CHECK(
      cudaMemcpy(buf.as<void>(), v.data(), v.size() * sizeof(field::Fr), cudaMemcpyHostToDevice));
  return buf;
}

template <int T>
void launch(const DevPoseidonConstants& c, const DevFr& tag, const DevFr* in, DevFr* out,
            std::size_t count) {
  // 128 threads: the state of T <= 12 field elements per thread plus the unrolled mixes use
  // many registers; small blocks keep occupancy from collapsing on register pressure.
  constexpr unsigned kThreads = 128;
  const unsigned blocks = static_cast<unsigned>((count + kThreads - 1) / kThreads);
  merkle_kernel<T><<<blocks, kThreads>>>(c, tag, in, out, count);
  VSEAL_CUDA_CHECK(cudaGetLastError());
}

void check_request(std::size_t arity, std::size_t outs, std::size_t ins) {
  if (!poseidon_gpu_supports_arity(arity)) {
    throw Error(ErrorCode::BadInput,
                "CUDA Poseidon supports arities 2, 8 and 11, not " + std::to_string(arity));
  }
  if (ins != outs * arity) {
    throw Error(ErrorCode::BadInput, "CUDA Poseidon batch: " + std::to_string(ins) +
                                         " inputs do not make " + std::to_string(outs) +
                                         " preimages of arity " + std::to_string(arity));
  }
}

}  // namespace

int poseidon_gpu_device_count() noexcept {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no device" status
    return 0;
  }
  return n;
}

bool poseidon_gpu_available() noexcept {
  return poseidon_gpu_device_count() > 0;
}

std::string poseidon_gpu_describe(int device) {
  const int n = poseidon_gpu_device_count();
  if (n == 0) return "no CUDA device visible (driver missing or no GPU)";
  if (device < 0 || device >= n) {
    return "device " + std::to_string(device) + " does not exist (" + std::to_string(n) +
           " visible)";
  }
  cudaDeviceProp prop{};
  VSEAL_CUDA_CHECK(cudaGetDeviceProperties(&prop, device));
  return std::string(prop.name) + " (sm_" + std::to_string(prop.major) +
         std::to_string(prop.minor) + ", " + std::to_string(prop.totalGlobalMem >> 20) + " MiB)";
}

void poseidon_hash_batch_gpu(std::size_t arity, std::span<field::Fr> out,
                             std::span<const field::Fr> inputs, int device) {
  check_request(arity, out.size(), inputs.size());
  if (!poseidon_gpu_available()) {
    throw Error(ErrorCode::Unsupported, "CUDA Poseidon: " + poseidon_gpu_describe(device));
  }
  if (out.empty()) return;
  VSEAL_CUDA_CHECK(cudaSetDevice(device));
  const PoseidonConstants& pc = poseidon_constants(arity);
  const DeviceBuffer compressed = upload(pc.compressed_round_constants);
  const DeviceBuffer mds = upload(pc.mds);
  const DeviceBuffer pre = upload(pc.pre_sparse);
  const DeviceBuffer sparse = upload(pc.sparse);
  const DevPoseidonConstants c{compressed.as<DevFr>(), mds.as<DevFr>(), pre.as<DevFr>(),
                               sparse.as<DevFr>(), pc.partial_rounds};
  const field::Fr tag_host = poseidon_merkle_tag(arity);
  const DevFr tag = *as_dev(&tag_host);

  DeviceBuffer d_in(inputs.size_bytes());
  DeviceBuffer d_out(out.size_bytes());
  VSEAL_CUDA_CHECK(
      cudaMemcpy(d_in.as<void>(), inputs.data(), inputs.size_bytes(), cudaMemcpyHostToDevice));
  switch (arity) {
    case 2:
      launch<3>(c, tag, d_in.as<DevFr>(), d_out.as<DevFr>(), out.size());
      break;
    case 8:
      launch<9>(c, tag, d_in.as<DevFr>(), d_out.as<DevFr>(), out.size());
      break;
    case 11:
      launch<12>(c, tag, d_in.as<DevFr>(), d_out.as<DevFr>(), out.size());
      break;
  }
  VSEAL_CUDA_CHECK(cudaDeviceSynchronize());
  VSEAL_CUDA_CHECK(
      cudaMemcpy(out.data(), d_out.as<void>(), out.size_bytes(), cudaMemcpyDeviceToHost));
}

void poseidon_gpu_code_on_host(std::size_t arity, std::span<field::Fr> out,
                               std::span<const field::Fr> inputs) {
  check_request(arity, out.size(), inputs.size());
  const PoseidonConstants& pc = poseidon_constants(arity);
  const DevPoseidonConstants c{as_dev(pc.compressed_round_constants.data()), as_dev(pc.mds.data()),
                               as_dev(pc.pre_sparse.data()), as_dev(pc.sparse.data()),
                               pc.partial_rounds};
  const field::Fr tag_host = poseidon_merkle_tag(arity);
  const DevFr tag = *as_dev(&tag_host);
  auto* dst = reinterpret_cast<DevFr*>(out.data());
  const DevFr* src = as_dev(inputs.data());
  for (std::size_t k = 0; k < out.size(); ++k) {
    switch (arity) {
      case 2:
        dst[k] = cuda::hash_one<3>(c, tag, src + 2 * k);
        break;
      case 8:
        dst[k] = cuda::hash_one<9>(c, tag, src + 8 * k);
        break;
      case 11:
        dst[k] = cuda::hash_one<12>(c, tag, src + 11 * k);
        break;
    }
  }
}

}  // namespace vseal::hash
