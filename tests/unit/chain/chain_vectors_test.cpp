// lib/chain against ../shared/vectors/address.json: every valid address built from its input
// (bytes, checksum, both text forms, CBOR) and parsed back, every invalid string and byte form
// rejected for go-address's reason, the lotus message CIDs (unsigned and signed), FRC-42 method
// numbers; BLAKE2b against OpenSSL's BLAKE2b-512 and the vector's 4-byte checksum.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "chain/address.hpp"
#include "chain/base32.hpp"
#include "chain/cbor.hpp"
#include "chain/frc42.hpp"
#include "chain/message.hpp"
#include "hash/blake2b.hpp"
#include "test_seed.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::chain {
namespace {

using nlohmann::json;

const json& vectors() {
  static const json doc = vseal::testing::load_json_file("address.json");
  return doc;
}

std::vector<std::uint8_t> hex_of(const json& v) {
  return from_hex(v.get<std::string>());
}

// go-address error name -> the reason our messages start with.
std::string reason_for(const std::string& go_error) {
  if (go_error == "ErrUnknownNetwork") return "unknown network";
  if (go_error == "ErrUnknownProtocol") return "unknown protocol";
  if (go_error == "ErrInvalidChecksum") return "invalid checksum";
  if (go_error == "ErrInvalidLength") return "invalid length";
  if (go_error == "ErrInvalidPayload") return "invalid payload";
  return "invalid encoding";  // ErrInvalidEncoding and base32 CorruptInputError
}

std::vector<std::uint8_t> openssl_blake2b512(std::span<const std::uint8_t> data) {
  std::vector<std::uint8_t> out(64);
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_blake2b512(), nullptr);
  return out;
}

TEST(Blake2b, MatchesOpenSslAndTheChecksumVector) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (std::size_t len = 0; len <= 300; ++len) {
    std::vector<std::uint8_t> data(len);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    ASSERT_EQ(hash::blake2b(data, 64), openssl_blake2b512(data)) << len << " bytes";
    // Fed in two pieces, the streaming hasher gives the same digest.
    const std::size_t cut = len == 0 ? 0 : rng() % len;
    hash::Blake2b h(64);
    h.update(std::span(data).first(cut)).update(std::span(data).subspan(cut));
    ASSERT_EQ(h.finalize(), openssl_blake2b512(data)) << len << " bytes, cut " << cut;
  }
  const auto& c = vectors().at("checksum_vector");
  const std::string text = c.at("input_ascii");
  EXPECT_EQ(to_hex(hash::blake2b(
                std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), 4)),
            c.at("checksum_hex"));
  EXPECT_THROW(hash::Blake2b(0), Error);
  EXPECT_THROW(hash::Blake2b(65), Error);
}

TEST(Address, EveryValidVector) {
  for (const auto& v : vectors().at("valid")) {
    SCOPED_TRACE(v.dump());
    const auto& in = v.at("input");
    const std::string kind = v.at("kind");
    std::vector<std::uint8_t> actor_data;
    if (in.contains("actor_data_ascii")) {
      const std::string text = in.at("actor_data_ascii");
      actor_data.assign(text.begin(), text.end());
    } else if (in.contains("actor_data_hex")) {
      actor_data = hex_of(in.at("actor_data_hex"));
    }
    const Address a = kind == "id" ? Address::from_id(in.at("id"))
                      : kind == "secp256k1"
                          ? Address::from_secp256k1_pubkey(hex_of(in.at("uncompressed_pubkey_hex")))
                      : kind == "actor" ? Address::from_actor_data(actor_data)
                      : kind == "bls"   ? Address::from_bls_pubkey(hex_of(in.at("bls_pubkey_hex")))
                                        : Address::from_delegated(in.at("namespace"),
                                                                  hex_of(in.at("subaddress_hex")));
    EXPECT_EQ(static_cast<int>(a.protocol()), v.at("protocol").get<int>());
    EXPECT_EQ(to_hex(a.payload()), v.at("payload_hex"));
    EXPECT_EQ(to_hex(a.bytes()), v.at("bytes_hex"));
    if (!v.at("checksum_hex").is_null()) {
      EXPECT_EQ(to_hex(a.checksum()), v.at("checksum_hex"));
    }
    EXPECT_EQ(a.to_string(Network::Testnet), v.at("testnet"));
    EXPECT_EQ(a.to_string(Network::Mainnet), v.at("mainnet"));
    EXPECT_EQ(to_hex(CborWriter().bytes(a.bytes()).data()), v.at("cbor_hex"));
    EXPECT_EQ(Address::parse(v.at("testnet").get<std::string>()), a);
    EXPECT_EQ(Address::parse(v.at("mainnet").get<std::string>()), a);
    EXPECT_EQ(Address::from_bytes(a.bytes()), a);
  }
}

TEST(Address, EveryInvalidStringAndByteFormIsRejectedForItsReason) {
  for (const auto& v : vectors().at("invalid_strings")) {
    const std::string input = v.at("input");
    try {
      Address::parse(input);
      ADD_FAILURE() << input << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind(reason_for(v.at("error")), 0), 0u)
          << input << ": " << e.what() << " (expected " << v.at("error") << ")";
    }
  }
  for (const auto& v : vectors().at("invalid_bytes")) {
    const auto bytes = hex_of(v.at("bytes_hex"));
    try {
      Address::from_bytes(bytes);
      ADD_FAILURE() << v.at("bytes_hex") << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind(reason_for(v.at("error")), 0), 0u)
          << v.at("bytes_hex") << ": " << e.what() << " (expected " << v.at("error") << ")";
    }
  }
}

std::vector<std::uint8_t> base64_decode(const std::string& text) {
  std::vector<std::uint8_t> out(text.size());
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(n) -
             static_cast<std::size_t>(std::count(text.begin(), text.end(), '=')));
  return out;
}

TEST(Message, CidsOfTheLotusVectors) {
  for (const auto& v : vectors().at("message_cid")) {
    const auto& j = v.at("message");
    Message m;
    m.version = j.at("Version");
    m.to = Address::parse(j.at("To").get<std::string>());
    m.from = Address::parse(j.at("From").get<std::string>());
    m.nonce = j.at("Nonce");
    m.value = j.at("Value");
    m.gas_limit = j.at("GasLimit");
    m.gas_fee_cap = j.at("GasFeeCap");
    m.gas_premium = j.at("GasPremium");
    m.method = j.at("Method");
    m.params = base64_decode(j.at("Params"));
    const auto block = message_cbor(m);
    EXPECT_EQ(to_hex(block), v.at("unsigned_cbor_hex"));
    const auto cid = dag_cbor_cid_bytes(block);
    EXPECT_EQ(to_hex(cid), v.at("cid_bytes_hex"));
    EXPECT_EQ(cid_string(cid), v.at("cid"));
    const auto& sig = v.at("signature");
    const auto data =
        sig.at("Data").is_null() ? std::vector<std::uint8_t>{} : base64_decode(sig.at("Data"));
    const auto signed_block = signed_message_cbor(m, sig.at("Type").get<std::uint8_t>(), data);
    EXPECT_EQ(to_hex(signed_block), v.at("signed_cbor_hex"));
    EXPECT_EQ(cid_string(dag_cbor_cid_bytes(signed_block)), v.at("signed_cid"));
    EXPECT_EQ(to_hex(base32_decode(v.at("cid").get<std::string>().substr(1))),
              v.at("cid_bytes_hex"));
  }
}

TEST(Frc42, MethodNumbers) {
  for (const auto& v : vectors().at("frc42_method_numbers").at("vectors"))
    EXPECT_EQ(frc42_method_number(v.at("name").get<std::string>()),
              v.at("method_num").get<std::uint32_t>())
        << v.at("name");
}

TEST(Cbor, HeadsBigIntsAndKeyOrder) {
  EXPECT_EQ(to_hex(CborWriter().uint(23).uint(24).uint(255).uint(256).uint(65536).data()),
            "17181818ff1901001a00010000");
  EXPECT_EQ(to_hex(CborWriter().uint(std::uint64_t{1} << 32).data()), "1b0000000100000000");
  EXPECT_EQ(to_hex(CborWriter().integer(-1).integer(-25).data()), "203818");
  EXPECT_EQ(to_hex(CborWriter().text("a").boolean(true).null().array(0).map(0).data()),
            "6161f5f680a0");
  EXPECT_EQ(to_hex(filecoin_bigint_bytes("0")), "");
  EXPECT_EQ(to_hex(filecoin_bigint_bytes("234")), "00ea");
  EXPECT_EQ(to_hex(filecoin_bigint_bytes("-256")), "010100");
  EXPECT_EQ(to_hex(filecoin_bigint_bytes("1000000000000000000000000")), "00d3c21bcecceda1000000");
  EXPECT_THROW(filecoin_bigint_bytes("12a"), Error);
  EXPECT_THROW(filecoin_bigint_bytes(""), Error);
  EXPECT_THROW(filecoin_bigint_bytes(std::string(40, '9')), Error);
  EXPECT_TRUE(dag_cbor_key_less("b", "aa"));
  EXPECT_TRUE(dag_cbor_key_less("aa", "ab"));
  EXPECT_FALSE(dag_cbor_key_less("ab", "ab"));
  // The first ProveCommitSectorsNIParams vector of go-state-types: [[], h'', 8, 1, 2, false].
  EXPECT_EQ(
      to_hex(
          CborWriter().array(6).array(0).bytes({}).uint(8).uint(1).uint(2).boolean(false).data()),
      vectors().at("actor_params_cbor")[0].at("hex"));
}

TEST(Base32, RoundTripAndStrictDecoding) {
  std::mt19937_64 rng(vseal::testing::test_seed() + 1);
  for (std::size_t len = 0; len < 64; ++len) {
    std::vector<std::uint8_t> b(len);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    EXPECT_EQ(base32_decode(base32_encode(b)), b) << len;
  }
  EXPECT_EQ(base32_encode(std::vector<std::uint8_t>{'f', 'o', 'o', 'b', 'a', 'r'}), "mzxw6ytboi");
  EXPECT_THROW(base32_decode("mzxw6ytboj"), Error);  // trailing bits set
  EXPECT_THROW(base32_decode("MZXW6YTBOI"), Error);  // upper case
  EXPECT_THROW(base32_decode("a"), Error);           // impossible length
}

}  // namespace
}  // namespace vseal::chain
