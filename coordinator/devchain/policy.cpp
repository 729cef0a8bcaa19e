#include "devchain/policy.hpp"

#include <array>

#include "base/error.hpp"

namespace vseal::coord::devchain {

Policy Policy::for_profile(std::string_view name) {
  Policy p;
  if (name == "2k") return p;
  if (name == "fast") {
    // devchain.md §5.2: fewer deadlines, same window, lookback and cutoff.
    p.profile = "fast";
    p.wpost_period_deadlines = 8;
    p.wpost_proving_period = 8 * p.wpost_challenge_window;
    p.wpost_dispute_window = 240;
    p.fault_max_age = 42 * p.wpost_proving_period;
    return p;
  }
  throw Error(ErrorCode::BadInput,
              "dev chain profile '" + std::string(name) + "' is not one of 2k, fast");
}

namespace {
// RegisteredSealProof 5/10 = 2KiB V1_1 (+synthetic), 6/11 = 8MiB; Window PoSt 10 / 11.
constexpr std::array<SealTypeInfo, 4> kSealTypes = {{
    {5, 10, 2048, 2, 192},
    {10, 10, 2048, 2, 192},
    {6, 11, 8u << 20, 2, 192},
    {11, 11, 8u << 20, 2, 192},
}};
}  // namespace

const SealTypeInfo* seal_type(std::int64_t seal_proof) {
  for (const auto& t : kSealTypes)
    if (t.seal_proof == seal_proof) return &t;
  return nullptr;
}

const SealTypeInfo* seal_type_for_post(std::int64_t post_proof) {
  for (const auto& t : kSealTypes)
    if (t.window_post_proof == post_proof) return &t;
  return nullptr;
}

}  // namespace vseal::coord::devchain
