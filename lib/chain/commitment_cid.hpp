#pragma once
// CommR and CommD as the CIDs the chain stores (go-fil-commcid): CIDv1 with codec
// fil-commitment-sealed (0xf102) and multihash poseidon-bls12_381-a2-fc1 (0xb401) for CommR,
// codec fil-commitment-unsealed (0xf101) and sha2-256-trunc254-padded (0x1012) for CommD; the
// 32-byte digest is the commitment as stored (little-endian Fr bytes). Also the text form of
// any CID (multibase base32 'b') and its parser.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::chain {

enum class CommitmentKind { Sealed, Unsealed };

std::vector<std::uint8_t> commitment_cid(CommitmentKind kind,
                                         std::span<const std::uint8_t, 32> comm);
// The 32 bytes of a commitment CID of that kind; Error{BadInput} naming what does not match
// (CID version, codec, multihash, digest length).
std::array<std::uint8_t, 32> commitment_from_cid(CommitmentKind kind,
                                                 std::span<const std::uint8_t> cid);

// 'b' + base32 text of a CIDv1 -> bytes; CIDv0 ("Qm...") and other bases are refused.
std::vector<std::uint8_t> parse_cid_string(std::string_view text);

}  // namespace vseal::chain
