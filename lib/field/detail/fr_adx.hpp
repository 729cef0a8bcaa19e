#pragma once
// Montgomery multiplication for Fr with mulx/adcx/adox (BMI2 + ADX), internal to field/ and
// hash/. Two independent carry chains (CF for low halves, OF for high halves) let the CPU
// overlap the partial products of each row; the portable CIOS serialises them through one
// carry. Only call this when cpu_features() reports bmi2 && adx (fr_backend.cpp decides).
// Same contract as detail::mont_mul: inputs and output fully reduced; out may alias a or b.
#include <cstdint>

#include "field/detail/fr_portable.hpp"

namespace vseal::field::detail {

#if defined(__x86_64__) && !defined(VSEAL_PORTABLE_ONLY)
#define VSEAL_HAVE_FR_ADX 1

// One row: T += a * b[i]. T0..T3 are the running limbs, T4 receives the top word.
#define VSEAL_FR_ROW(BI, T0, T1, T2, T3, T4) \
  "movq " BI                                 \
  ", %%rdx\n\t"                              \
  "xorl %%eax, %%eax\n\t"                    \
  "mulxq %[a0], %[lo], %[hi]\n\t"            \
  "adcxq %[lo], " T0                         \
  "\n\t"                                     \
  "adoxq %[hi], " T1                         \
  "\n\t"                                     \
  "mulxq %[a1], %[lo], %[hi]\n\t"            \
  "adcxq %[lo], " T1                         \
  "\n\t"                                     \
  "adoxq %[hi], " T2                         \
  "\n\t"                                     \
  "mulxq %[a2], %[lo], %[hi]\n\t"            \
  "adcxq %[lo], " T2                         \
  "\n\t"                                     \
  "adoxq %[hi], " T3                         \
  "\n\t"                                     \
  "mulxq %[a3], %[lo], " T4                  \
  "\n\t"                                     \
  "adcxq %[lo], " T3                         \
  "\n\t"                                     \
  "adoxq %%rax, " T4                         \
  "\n\t"                                     \
  "adcxq %%rax, " T4 "\n\t"

// One reduction: m = T0 * inv; T += m * r; afterwards T0 == 0 and the value is T1..T4.
#define VSEAL_FR_REDUCE(T0, T1, T2, T3, T4) \
  "movq " T0                                \
  ", %%rdx\n\t"                             \
  "imulq %[inv], %%rdx\n\t"                 \
  "xorl %%eax, %%eax\n\t"                   \
  "mulxq %[p0], %[lo], %[hi]\n\t"           \
  "adcxq %[lo], " T0                        \
  "\n\t"                                    \
  "adoxq %[hi], " T1                        \
  "\n\t"                                    \
  "mulxq %[p1], %[lo], %[hi]\n\t"           \
  "adcxq %[lo], " T1                        \
  "\n\t"                                    \
  "adoxq %[hi], " T2                        \
  "\n\t"                                    \
  "mulxq %[p2], %[lo], %[hi]\n\t"           \
  "adcxq %[lo], " T2                        \
  "\n\t"                                    \
  "adoxq %[hi], " T3                        \
  "\n\t"                                    \
  "mulxq %[p3], %[lo], %[hi]\n\t"           \
  "adcxq %[lo], " T3                        \
  "\n\t"                                    \
  "adoxq %[hi], " T4                        \
  "\n\t"                                    \
  "adcxq %%rax, " T4 "\n\t"

inline void mont_mul_adx(u64 r[4], const u64 a[4], const u64 b[4]) {
  // T stays below 2r < 2^256 between rows (r < 2^255), so five registers hold it and the
  // carries out of T4 are always zero. The register holding the cleared T0 is reused as the
  // next row's T4.
  u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4, lo, hi;
  __asm__(VSEAL_FR_ROW("%[b0]", "%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]")
              VSEAL_FR_REDUCE("%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]")
                  VSEAL_FR_ROW("%[b1]", "%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t0]")
                      VSEAL_FR_REDUCE("%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t0]")
                          VSEAL_FR_ROW("%[b2]", "%[t2]", "%[t3]", "%[t4]", "%[t0]", "%[t1]")
                              VSEAL_FR_REDUCE("%[t2]", "%[t3]", "%[t4]", "%[t0]", "%[t1]")
                                  VSEAL_FR_ROW("%[b3]", "%[t3]", "%[t4]", "%[t0]", "%[t1]", "%[t2]")
                                      VSEAL_FR_REDUCE("%[t3]", "%[t4]", "%[t0]", "%[t1]", "%[t2]")
          : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "=&r"(t4),
            [lo] "=&r"(lo), [hi] "=&r"(hi)
          : [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3]), [b0] "m"(b[0]),
            [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3]), [inv] "m"(kInv), [p0] "m"(kR[0]),
            [p1] "m"(kR[1]), [p2] "m"(kR[2]), [p3] "m"(kR[3])
          // No "memory" clobber: the limbs are declared as memory operands, so the compiler
          // may keep independent products in flight together.
          : "rax", "rdx", "cc");
  // The result sits in t4, t0, t1, t2 (low to high) after the fourth reduction.
  const u64 t[4] = {t4, t0, t1, t2};
  reduce_once(r, t);
}

#undef VSEAL_FR_ROW
#undef VSEAL_FR_REDUCE
#endif

}  // namespace vseal::field::detail
