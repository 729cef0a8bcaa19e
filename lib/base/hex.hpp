#pragma once
// Hex <-> bytes. Decoding accepts upper and lower case and an optional "0x" prefix, and rejects
// odd lengths and non-hex characters with Error{BadInput} naming what was wrong.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal {

std::string to_hex(std::span<const std::uint8_t> bytes);
std::vector<std::uint8_t> from_hex(std::string_view hex);
// Decodes exactly out.size() bytes; `what` names the value in the error message.
void from_hex_exact(std::span<std::uint8_t> out, std::string_view hex, std::string_view what);

}  // namespace vseal
