// Message tuples and CIDs.
#include "chain/message.hpp"

#include <algorithm>

#include "chain/base32.hpp"
#include "chain/cbor.hpp"
#include "hash/blake2b.hpp"

namespace vseal::chain {

std::vector<std::uint8_t> message_cbor(const Message& m) {
  CborWriter w;
  w.array(10)
      .uint(m.version)
      .bytes(m.to.bytes())
      .bytes(m.from.bytes())
      .uint(m.nonce)
      .bytes(filecoin_bigint_bytes(m.value))
      .integer(m.gas_limit)
      .bytes(filecoin_bigint_bytes(m.gas_fee_cap))
      .bytes(filecoin_bigint_bytes(m.gas_premium))
      .uint(m.method)
      .bytes(m.params);
  return w.data();
}

std::vector<std::uint8_t> signed_message_cbor(const Message& m, std::uint8_t signature_type,
                                              std::span<const std::uint8_t> signature) {
  std::vector<std::uint8_t> sig(1 + signature.size());
  sig[0] = signature_type;
  std::copy(signature.begin(), signature.end(), sig.begin() + 1);
  CborWriter w;
  w.array(2).raw(message_cbor(m)).bytes(sig);
  return w.data();
}

std::vector<std::uint8_t> dag_cbor_cid_bytes(std::span<const std::uint8_t> block) {
  // version 1, codec dag-cbor (0x71), multihash blake2b-256 (0xb220 as uvarint), length 32.
  std::vector<std::uint8_t> out = {0x01, 0x71, 0xa0, 0xe4, 0x02, 0x20};
  const auto digest = hash::blake2b(block, 32);
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

std::string cid_string(std::span<const std::uint8_t> cid_bytes) {
  std::string out(1, 'b');  // multibase prefix of base32 lower case
  out += base32_encode(cid_bytes);
  return out;
}

}  // namespace vseal::chain
