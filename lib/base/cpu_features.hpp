#pragma once
// What the running x86-64 CPU (and OS, for AVX-512 state) supports. Read once with CPUID/XGETBV
// and immutable afterwards; safe to call from any thread. On other architectures every flag is
// false and the portable code paths run.
#include <string>

namespace vseal {

struct CpuFeatures {
  bool sha_ni = false;  // SHA-256 round instructions (sha256rnds2/msg1/msg2)
  bool bmi2 = false;    // mulx
  bool adx = false;     // adcx/adox
  bool avx2 = false;
  bool avx512f = false;  // includes the OS saving zmm/opmask state
  bool avx512vl = false;
  bool avx512ifma = false;  // vpmadd52luq/vpmadd52huq
  std::string brand;        // CPU brand string, for benchmark context
};

const CpuFeatures& cpu_features() noexcept;

}  // namespace vseal
