#pragma once
// Seed and iteration count for randomised tests: VSEAL_TEST_SEED and VSEAL_TEST_ITERS override
// the defaults; tests print both on failure so any run can be replayed.
#include <cstdint>
#include <cstdlib>
#include <string>

namespace vseal::testing {

inline std::uint64_t test_seed() {
  const char* s = std::getenv("VSEAL_TEST_SEED");
  return s ? std::strtoull(s, nullptr, 0) : 0x5eed5eedull;
}

inline std::size_t test_iters(std::size_t fallback) {
  const char* s = std::getenv("VSEAL_TEST_ITERS");
  return s ? static_cast<std::size_t>(std::strtoull(s, nullptr, 0)) : fallback;
}

inline std::string seed_note() {
  return "VSEAL_TEST_SEED=" + std::to_string(test_seed());
}

}  // namespace vseal::testing
