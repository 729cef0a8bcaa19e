// Proof parsing and encoding (see groth16_proof.hpp).
#include "snark/groth16_proof.hpp"

#include <string>

#include "base/error.hpp"

namespace vseal::snark {

std::vector<Proof> parse_proofs(std::span<const std::uint8_t> bytes) {
  if (bytes.empty() || bytes.size() % kProofBytes != 0) {
    throw Error(ErrorCode::BadInput, "proof bytes: length " + std::to_string(bytes.size()) +
                                         " is not a positive multiple of 192");
  }
  std::vector<Proof> out;
  out.reserve(bytes.size() / kProofBytes);
  for (std::size_t i = 0; i < bytes.size() / kProofBytes; ++i) {
    const auto p = bytes.subspan(i * kProofBytes, kProofBytes);
    const std::string where = "proof " + std::to_string(i) + " ";
    Proof proof{field::g1_decompress(p.first<48>(), where + "A"),
                field::g2_decompress(p.subspan<48, 96>(), where + "B"),
                field::g1_decompress(p.last<48>(), where + "C")};
    if (proof.a.infinity || proof.b.infinity || proof.c.infinity) {
      throw Error(ErrorCode::BadInput, where + "contains the point at infinity");
    }
    out.push_back(proof);
  }
  return out;
}

std::array<std::uint8_t, kProofBytes> encode_proof(const Proof& proof) {
  std::array<std::uint8_t, kProofBytes> out;
  const auto a = field::g1_compress(proof.a);
  const auto b = field::g2_compress(proof.b);
  const auto c = field::g1_compress(proof.c);
  std::copy(a.begin(), a.end(), out.begin());
  std::copy(b.begin(), b.end(), out.begin() + 48);
  std::copy(c.begin(), c.end(), out.begin() + 144);
  return out;
}

}  // namespace vseal::snark
