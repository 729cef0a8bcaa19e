#include "chain/commitment_cid.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "chain/base32.hpp"

namespace vseal::chain {
namespace {
// 0x01 (CIDv1), codec as uvarint, multihash code as uvarint, digest length 32.
constexpr std::array<std::uint8_t, 8> kSealedPrefix = {0x01, 0x82, 0xe2, 0x03,
                                                       0x81, 0xe8, 0x02, 0x20};
constexpr std::array<std::uint8_t, 7> kUnsealedPrefix = {0x01, 0x81, 0xe2, 0x03, 0x92, 0x20, 0x20};

std::span<const std::uint8_t> prefix(CommitmentKind k) {
  if (k == CommitmentKind::Sealed) return kSealedPrefix;
  return kUnsealedPrefix;
}
}  // namespace

std::vector<std::uint8_t> commitment_cid(CommitmentKind kind,
                                         std::span<const std::uint8_t, 32> comm) {
  const auto p = prefix(kind);
  std::vector<std::uint8_t> out(p.begin(), p.end());
  out.insert(out.end(), comm.begin(), comm.end());
  return out;
}

std::array<std::uint8_t, 32> commitment_from_cid(CommitmentKind kind,
                                                 std::span<const std::uint8_t> cid) {
  const auto p = prefix(kind);
  const char* what = kind == CommitmentKind::Sealed ? "sealed" : "unsealed";
  if (cid.size() != p.size() + 32 || !std::equal(p.begin(), p.end(), cid.begin()))
    throw Error(ErrorCode::BadInput,
                std::string("not a ") + what + " commitment CID (CIDv1, codec " +
                    (kind == CommitmentKind::Sealed ? "0xf102, multihash 0xb401"
                                                    : "0xf101, multihash 0x1012") +
                    ", 32-byte digest)");
  std::array<std::uint8_t, 32> out{};
  std::copy(cid.end() - 32, cid.end(), out.begin());
  return out;
}

std::vector<std::uint8_t> parse_cid_string(std::string_view text) {
  if (text.size() < 2 || text[0] != 'b')
    throw Error(ErrorCode::BadInput,
                "CID '" + std::string(text) + "': expected a base32 CIDv1 starting with 'b'");
  auto bytes = base32_decode(text.substr(1));
  if (bytes.empty() || bytes[0] != 0x01)
    throw Error(ErrorCode::BadInput, "CID '" + std::string(text) + "': not a CIDv1");
  return bytes;
}

}  // namespace vseal::chain
