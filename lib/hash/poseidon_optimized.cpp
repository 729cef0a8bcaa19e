// Optimised Poseidon with the portable and the mulx/adx Montgomery multipliers (the schedule is
// in detail/poseidon_optimized_impl.hpp). Speed against the plain form: docs/performance.md.
#include "hash/detail/poseidon_optimized_impl.hpp"

namespace vseal::hash::detail {

void poseidon_optimized_portable(const PoseidonConstants& c, const Fr& tag, Fr* out, const Fr* in,
                                 std::size_t count) {
  PoseidonOptimized<PortableMul>::hash_batch(c, tag, out, in, count);
}

#if defined(VSEAL_HAVE_FR_ADX)
void poseidon_optimized_adx(const PoseidonConstants& c, const Fr& tag, Fr* out, const Fr* in,
                            std::size_t count) {
  PoseidonOptimized<AdxMul>::hash_batch(c, tag, out, in, count);
}
#endif

}  // namespace vseal::hash::detail
