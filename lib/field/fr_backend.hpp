#pragma once
// Which Montgomery multiplier the bulk kernels (Poseidon batches, later MSM) use: portable
// CIOS or mulx/adcx/adox. Chosen once from cpu_features(); tests and benchmarks may force a
// backend the CPU supports to compare them. Both give identical results.
#include <string_view>

#include "field/fr.hpp"

namespace vseal::field {

enum class FrBackend { Portable, Adx };

FrBackend fr_backend() noexcept;
bool fr_backend_supported(FrBackend backend) noexcept;
// Throws Error{Unsupported} when the CPU (or this build) lacks the backend.
void force_fr_backend(FrBackend backend);
std::string_view fr_backend_name(FrBackend backend) noexcept;

// a * b with an explicit backend (the benchmark and the agreement tests use it).
Fr fr_mul(FrBackend backend, const Fr& a, const Fr& b);

}  // namespace vseal::field
