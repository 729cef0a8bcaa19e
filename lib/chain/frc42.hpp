#pragma once
// FRC-0042 method numbers of exported actor methods: the first big-endian u32 window (stepping
// by 4 bytes) of blake2b-512("1|" + name) that is at least 2^24.
#include <cstdint>
#include <string_view>

namespace vseal::chain {

std::uint32_t frc42_method_number(std::string_view name);

}  // namespace vseal::chain
