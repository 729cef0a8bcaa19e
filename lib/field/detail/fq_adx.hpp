#pragma once
// Montgomery multiplication for Fq with mulx/adcx/adox (BMI2 + ADX), internal to field/. Same
// scheme as fr_adx.hpp with six limbs: per row two carry chains (CF for the low halves, OF for
// the high halves), then one reduction; seven registers hold the running value and rotate, the
// cleared low word becoming the next row's top word. Only run it when the CPU has bmi2 and adx
// (fq.hpp decides once per process). Inputs and output fully reduced; out may alias a or b.
#include <cstdint>

#include "field/detail/fq_portable.hpp"

namespace vseal::field::detail {

#if defined(__x86_64__) && !defined(VSEAL_PORTABLE_ONLY)
#define VSEAL_HAVE_FQ_ADX 1

#define VSEAL_FQ_ROW(BI, T0, T1, T2, T3, T4, T5, T6) \
  "movq " BI                                         \
  ", %%rdx\n\t"                                      \
  "xorl %%eax, %%eax\n\t"                            \
  "mulxq 0(%[a]), %[lo], %[hi]\n\t"                  \
  "adcxq %[lo], " T0                                 \
  "\n\t"                                             \
  "adoxq %[hi], " T1                                 \
  "\n\t"                                             \
  "mulxq 8(%[a]), %[lo], %[hi]\n\t"                  \
  "adcxq %[lo], " T1                                 \
  "\n\t"                                             \
  "adoxq %[hi], " T2                                 \
  "\n\t"                                             \
  "mulxq 16(%[a]), %[lo], %[hi]\n\t"                 \
  "adcxq %[lo], " T2                                 \
  "\n\t"                                             \
  "adoxq %[hi], " T3                                 \
  "\n\t"                                             \
  "mulxq 24(%[a]), %[lo], %[hi]\n\t"                 \
  "adcxq %[lo], " T3                                 \
  "\n\t"                                             \
  "adoxq %[hi], " T4                                 \
  "\n\t"                                             \
  "mulxq 32(%[a]), %[lo], %[hi]\n\t"                 \
  "adcxq %[lo], " T4                                 \
  "\n\t"                                             \
  "adoxq %[hi], " T5                                 \
  "\n\t"                                             \
  "mulxq 40(%[a]), %[lo], " T6                       \
  "\n\t"                                             \
  "adcxq %[lo], " T5                                 \
  "\n\t"                                             \
  "adoxq %%rax, " T6                                 \
  "\n\t"                                             \
  "adcxq %%rax, " T6 "\n\t"

#define VSEAL_FQ_REDUCE(T0, T1, T2, T3, T4, T5, T6) \
  "movq " T0                                        \
  ", %%rdx\n\t"                                     \
  "imulq %[inv], %%rdx\n\t"                         \
  "xorl %%eax, %%eax\n\t"                           \
  "mulxq %[p0], %[lo], %[hi]\n\t"                   \
  "adcxq %[lo], " T0                                \
  "\n\t"                                            \
  "adoxq %[hi], " T1                                \
  "\n\t"                                            \
  "mulxq %[p1], %[lo], %[hi]\n\t"                   \
  "adcxq %[lo], " T1                                \
  "\n\t"                                            \
  "adoxq %[hi], " T2                                \
  "\n\t"                                            \
  "mulxq %[p2], %[lo], %[hi]\n\t"                   \
  "adcxq %[lo], " T2                                \
  "\n\t"                                            \
  "adoxq %[hi], " T3                                \
  "\n\t"                                            \
  "mulxq %[p3], %[lo], %[hi]\n\t"                   \
  "adcxq %[lo], " T3                                \
  "\n\t"                                            \
  "adoxq %[hi], " T4                                \
  "\n\t"                                            \
  "mulxq %[p4], %[lo], %[hi]\n\t"                   \
  "adcxq %[lo], " T4                                \
  "\n\t"                                            \
  "adoxq %[hi], " T5                                \
  "\n\t"                                            \
  "mulxq %[p5], %[lo], %[hi]\n\t"                   \
  "adcxq %[lo], " T5                                \
  "\n\t"                                            \
  "adoxq %[hi], " T6                                \
  "\n\t"                                            \
  "adcxq %%rax, " T6 "\n\t"

inline void fq_mont_mul_adx(u64 r[6], const u64 a[6], const u64 b[6]) {
  // Between rows T < 2p < 2^382, so seven words hold it and nothing carries out of T6.
  u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6, lo, hi;
  __asm__(
      VSEAL_FQ_ROW("0(%[b])", "%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t5]", "%[t6]")
          VSEAL_FQ_REDUCE("%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t5]", "%[t6]")
              VSEAL_FQ_ROW("8(%[b])", "%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t5]", "%[t6]", "%[t0]")
                  VSEAL_FQ_REDUCE("%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t5]", "%[t6]", "%[t0]")
                      VSEAL_FQ_ROW("16(%[b])", "%[t2]", "%[t3]", "%[t4]", "%[t5]", "%[t6]", "%[t0]",
                                   "%[t1]") VSEAL_FQ_REDUCE("%[t2]", "%[t3]", "%[t4]", "%[t5]",
                                                            "%[t6]", "%[t0]", "%[t1]")
                          VSEAL_FQ_ROW("24(%[b])", "%[t3]", "%[t4]", "%[t5]", "%[t6]", "%[t0]",
                                       "%[t1]", "%[t2]")
                              VSEAL_FQ_REDUCE("%[t3]", "%[t4]", "%[t5]", "%[t6]", "%[t0]", "%[t1]",
                                              "%[t2]")
                                  VSEAL_FQ_ROW("32(%[b])", "%[t4]", "%[t5]", "%[t6]", "%[t0]",
                                               "%[t1]", "%[t2]", "%[t3]")
                                      VSEAL_FQ_REDUCE("%[t4]", "%[t5]", "%[t6]", "%[t0]", "%[t1]",
                                                      "%[t2]", "%[t3]")
                                          VSEAL_FQ_ROW("40(%[b])", "%[t5]", "%[t6]", "%[t0]",
                                                       "%[t1]", "%[t2]", "%[t3]", "%[t4]")
                                              VSEAL_FQ_REDUCE("%[t5]", "%[t6]", "%[t0]", "%[t1]",
                                                              "%[t2]", "%[t3]", "%[t4]")
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4),
        [t5] "+&r"(t5), [t6] "=&r"(t6), [lo] "=&r"(lo), [hi] "=&r"(hi)
      : [a] "r"(a), [b] "r"(b), [inv] "m"(kPInv), [p0] "m"(kP[0]), [p1] "m"(kP[1]), [p2] "m"(kP[2]),
        [p3] "m"(kP[3]), [p4] "m"(kP[4]), [p5] "m"(kP[5])
      : "rax", "rdx", "cc", "memory");
  // After the sixth reduction the value sits in t6, t0, t1, t2, t3, t4 (low to high).
  const u64 t[6] = {t6, t0, t1, t2, t3, t4};
  fq_reduce_once(r, t);
}

#undef VSEAL_FQ_ROW
#undef VSEAL_FQ_REDUCE
#endif

}  // namespace vseal::field::detail
