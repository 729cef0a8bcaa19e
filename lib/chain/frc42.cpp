// FRC-0042 method numbers.
#include "chain/frc42.hpp"

#include <string>

#include "base/error.hpp"
#include "hash/blake2b.hpp"

namespace vseal::chain {

std::uint32_t frc42_method_number(std::string_view name) {
  if (name.empty()) throw Error(ErrorCode::BadInput, "FRC-42: empty method name");
  const std::string message = "1|" + std::string(name);
  const auto digest = hash::blake2b(
      std::span(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()), 64);
  for (std::size_t i = 0; i + 4 <= digest.size(); i += 4) {
    const std::uint32_t v = (std::uint32_t{digest[i]} << 24) |
                            (std::uint32_t{digest[i + 1]} << 16) |
                            (std::uint32_t{digest[i + 2]} << 8) | digest[i + 3];
    if (v >= (1u << 24)) return v;
  }
  // Probability 2^-128; FRC-42 says such a name must be changed.
  throw Error(ErrorCode::BadInput, "FRC-42: no method number for '" + std::string(name) + "'");
}

}  // namespace vseal::chain
