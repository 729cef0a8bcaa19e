// Shared main() of the benchmark binaries: records the machine, CPU features, GPU and commit in
// the benchmark context (JSON output), so docs/performance.md figures name their machine.
#include <benchmark/benchmark.h>

#include <string>

#include "base/cpu_features.hpp"
#include "field/fr_backend.hpp"
#include "hash/poseidon_gpu.hpp"
#include "hash/sha256.hpp"

#ifndef VSEAL_GIT_COMMIT
#define VSEAL_GIT_COMMIT "unknown"
#endif

int main(int argc, char** argv) {
  const auto& f = vseal::cpu_features();
  benchmark::AddCustomContext("vseal_commit", VSEAL_GIT_COMMIT);
  benchmark::AddCustomContext("cpu_brand", f.brand);
  benchmark::AddCustomContext("cpu_flags", std::string(f.sha_ni ? "sha_ni " : "") +
                                               (f.adx && f.bmi2 ? "adx+bmi2 " : "") +
                                               (f.avx512ifma ? "avx512ifma" : ""));
  benchmark::AddCustomContext(
      "sha256_backend",
      std::string(vseal::hash::sha256_backend_name(vseal::hash::sha256_backend())));
  benchmark::AddCustomContext(
      "fr_backend", std::string(vseal::field::fr_backend_name(vseal::field::fr_backend())));
  benchmark::AddCustomContext("gpu", vseal::hash::poseidon_gpu_describe(0));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
