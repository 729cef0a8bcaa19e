#pragma once
// RFC 4648 base32, lower-case alphabet a-z2-7, no padding: the text form of Filecoin addresses
// and of CIDs (multibase 'b'). Decoding is strict: characters outside the alphabet, impossible
// lengths and non-zero trailing bits are Error{BadInput}, so every byte string has exactly one
// accepted text form.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::chain {

std::string base32_encode(std::span<const std::uint8_t> bytes);
std::vector<std::uint8_t> base32_decode(std::string_view text);

}  // namespace vseal::chain
