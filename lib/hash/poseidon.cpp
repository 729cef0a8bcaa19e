// Poseidon hash functions on top of the permutations: MerkleTree and custom-tag hashes, the
// constant-length sponge, hash_md and the bulk hash with its backend choice (poseidon.md §2, §6).
#include <string>

#include "base/cpu_features.hpp"
#include "base/error.hpp"
#include "field/fr_backend.hpp"
#include "hash/detail/poseidon_ifma.hpp"
#include "hash/detail/poseidon_optimized_impl.hpp"
#include "hash/poseidon.hpp"

namespace vseal::hash {
namespace {

void permute_best(const PoseidonConstants& c, Fr* state) {
#if defined(VSEAL_HAVE_FR_ADX)
  if (field::fr_backend() == field::FrBackend::Adx) {
    detail::PoseidonOptimized<detail::AdxMul>::permute(c, state);
    return;
  }
#endif
  detail::PoseidonOptimized<detail::PortableMul>::permute(c, state);
}

}  // namespace

void poseidon_permute_optimized(const PoseidonConstants& c, std::span<Fr> state) {
  VSEAL_ASSERT(state.size() == c.width);
  permute_best(c, state.data());
}

Fr poseidon_hash_tagged(const Fr& tag, std::span<const Fr> inputs, std::size_t arity,
                        PoseidonStrength strength) {
  const PoseidonConstants& c = poseidon_constants(arity, strength);
  if (inputs.size() > arity) {
    throw Error(ErrorCode::BadInput, "Poseidon arity " + std::to_string(arity) + " takes at most " +
                                         std::to_string(arity) + " inputs, got " +
                                         std::to_string(inputs.size()));
  }
  Fr state[kPoseidonMaxWidth];
  state[0] = tag;
  for (std::size_t i = 0; i < arity; ++i) state[i + 1] = i < inputs.size() ? inputs[i] : Fr::zero();
  permute_best(c, state);
  return state[1];
}

Fr poseidon_hash(std::span<const Fr> inputs, PoseidonStrength strength) {
  if (inputs.empty() || inputs.size() > kPoseidonMaxArity) {
    throw Error(ErrorCode::BadInput, "Poseidon MerkleTree hash needs 1.." +
                                         std::to_string(kPoseidonMaxArity) + " inputs, got " +
                                         std::to_string(inputs.size()));
  }
  return poseidon_hash_tagged(poseidon_merkle_tag(inputs.size()), inputs, inputs.size(), strength);
}

Fr poseidon_sponge_constant_length(std::size_t arity, std::span<const Fr> inputs,
                                   PoseidonStrength strength) {
  const PoseidonConstants& c = poseidon_constants(arity, strength);
  if (inputs.empty()) throw Error(ErrorCode::BadInput, "constant-length sponge needs inputs");
  // Simplex sponge: inputs are added into lanes 1..arity; a full block is permuted at once,
  // a partial last block is zero-filled (lanes untouched) and permuted at the end.
  Fr state[kPoseidonMaxWidth];
  state[0] = poseidon_constant_length_tag(inputs.size());
  std::size_t lane = 0;
  for (const Fr& x : inputs) {
    state[1 + lane] += x;
    if (++lane == arity) {
      permute_best(c, state);
      lane = 0;
    }
  }
  if (lane != 0) permute_best(c, state);
  return state[1];
}

Fr poseidon_hash_md(std::span<const Fr> inputs) {
  if (inputs.empty()) throw Error(ErrorCode::BadInput, "hash_md needs at least one input");
  constexpr std::size_t kArity = 36;
  const Fr tag = poseidon_merkle_tag(kArity);
  Fr acc = inputs[0];
  for (std::size_t pos = 1; pos < inputs.size(); pos += kArity - 1) {
    const std::size_t run = std::min(kArity - 1, inputs.size() - pos);
    Fr block[kArity];
    block[0] = acc;
    for (std::size_t i = 0; i < run; ++i) block[1 + i] = inputs[pos + i];
    acc = poseidon_hash_tagged(tag, std::span<const Fr>(block, 1 + run), kArity);
  }
  return acc;
}

bool poseidon_backend_supported(PoseidonBackend backend) noexcept {
  switch (backend) {
    case PoseidonBackend::Plain:
    case PoseidonBackend::Optimized:
      return true;
    case PoseidonBackend::OptimizedAdx:
      return field::fr_backend_supported(field::FrBackend::Adx);
    case PoseidonBackend::Ifma:
#if defined(VSEAL_HAVE_POSEIDON_IFMA)
      return cpu_features().avx512ifma;
#else
      return false;
#endif
  }
  return false;
}

PoseidonBackend poseidon_best_backend() noexcept {
  if (poseidon_backend_supported(PoseidonBackend::Ifma)) return PoseidonBackend::Ifma;
  return field::fr_backend() == field::FrBackend::Adx ? PoseidonBackend::OptimizedAdx
                                                      : PoseidonBackend::Optimized;
}

std::string_view poseidon_backend_name(PoseidonBackend backend) noexcept {
  switch (backend) {
    case PoseidonBackend::Plain:
      return "plain";
    case PoseidonBackend::Optimized:
      return "optimized";
    case PoseidonBackend::OptimizedAdx:
      return "optimized-adx";
    case PoseidonBackend::Ifma:
      return "ifma";
  }
  return "unknown";
}

void poseidon_hash_batch_with(PoseidonBackend backend, std::size_t arity, std::span<Fr> out,
                              std::span<const Fr> inputs, PoseidonStrength strength) {
  const PoseidonConstants& c = poseidon_constants(arity, strength);
  if (inputs.size() != out.size() * arity) {
    throw Error(ErrorCode::BadInput, "Poseidon batch: " + std::to_string(inputs.size()) +
                                         " inputs do not make " + std::to_string(out.size()) +
                                         " preimages of arity " + std::to_string(arity));
  }
  if (!poseidon_backend_supported(backend)) {
    throw Error(ErrorCode::Unsupported, "Poseidon backend " +
                                            std::string(poseidon_backend_name(backend)) +
                                            " is not supported on this CPU or build");
  }
  const Fr tag = poseidon_merkle_tag(arity);
  switch (backend) {
    case PoseidonBackend::Plain: {
      Fr state[kPoseidonMaxWidth];
      for (std::size_t k = 0; k < out.size(); ++k) {
        state[0] = tag;
        for (std::size_t i = 0; i < arity; ++i) state[i + 1] = inputs[k * arity + i];
        poseidon_permute_plain(c, std::span<Fr>(state, c.width));
        out[k] = state[1];
      }
      return;
    }
    case PoseidonBackend::Optimized:
      detail::poseidon_optimized_portable(c, tag, out.data(), inputs.data(), out.size());
      return;
    case PoseidonBackend::OptimizedAdx:
#if defined(VSEAL_HAVE_FR_ADX)
      detail::poseidon_optimized_adx(c, tag, out.data(), inputs.data(), out.size());
      return;
#else
      break;
#endif
    case PoseidonBackend::Ifma:
#if defined(VSEAL_HAVE_POSEIDON_IFMA)
      detail::poseidon_ifma(c, out.data(), inputs.data(), out.size());
      return;
#else
      break;
#endif
  }
  VSEAL_ASSERT(false);
}

void poseidon_hash_batch(std::size_t arity, std::span<Fr> out, std::span<const Fr> inputs,
                         PoseidonStrength strength) {
  poseidon_hash_batch_with(poseidon_best_backend(), arity, out, inputs, strength);
}

}  // namespace vseal::hash
