// The plain Poseidon permutation (poseidon.md §5, neptune HashMode::Correct): every round adds
// all t constants, applies the S-box to all lanes (full) or lane 0 (partial), then s = M.s.
// It is the readable reference the optimised path is tested against, not a fast path.
#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace vseal::hash {
namespace {

inline Fr quintic(const Fr& x) {
  const Fr x2 = x * x;
  return x2 * x2 * x;
}

}  // namespace

void poseidon_plain_round(const PoseidonConstants& c, std::span<Fr> state, std::size_t round) {
  const std::size_t t = c.width;
  VSEAL_ASSERT(state.size() == t);
  const std::size_t half = static_cast<std::size_t>(c.full_rounds / 2);
  const std::size_t total = static_cast<std::size_t>(c.full_rounds + c.partial_rounds);
  VSEAL_ASSERT(round < total);
  const Fr* rc = c.round_constants.data() + round * t;
  for (std::size_t i = 0; i < t; ++i) state[i] += rc[i];
  const bool full = round < half || round >= total - half;
  for (std::size_t i = 0; i < (full ? t : 1); ++i) state[i] = quintic(state[i]);
  Fr mixed[kPoseidonMaxWidth];
  for (std::size_t i = 0; i < t; ++i) {
    Fr acc = Fr::zero();
    for (std::size_t j = 0; j < t; ++j) acc += c.mds[i * t + j] * state[j];
    mixed[i] = acc;
  }
  for (std::size_t i = 0; i < t; ++i) state[i] = mixed[i];
}

void poseidon_permute_plain(const PoseidonConstants& c, std::span<Fr> state) {
  const std::size_t total = static_cast<std::size_t>(c.full_rounds + c.partial_rounds);
  for (std::size_t r = 0; r < total; ++r) poseidon_plain_round(c, state, r);
}

}  // namespace vseal::hash
