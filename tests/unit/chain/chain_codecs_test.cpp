// lib/chain codecs beyond addresses: RLE+ bitfields (go-bitfield's rules, the vector bytes of
// address.json's ExpirationSet, and a random round trip against a plain set model), the strict
// DAG-CBOR reader, token amounts, actor parameter tuples (address.json's go-state-types
// vectors re-encoded and decoded), commitment CIDs and the chain randomness draw with the
// builtin-actors vector and the dev chain vectors of devchain.md §3.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "chain/actor_params.hpp"
#include "chain/bitfield.hpp"
#include "chain/cbor.hpp"
#include "chain/cbor_reader.hpp"
#include "chain/commitment_cid.hpp"
#include "chain/message.hpp"
#include "chain/randomness.hpp"
#include "chain/token_amount.hpp"
#include "test_seed.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::chain {
namespace {

using nlohmann::json;

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(BitField, RlePlusKnownBytes) {
  EXPECT_EQ(to_hex(BitField::of(std::vector<std::uint64_t>{0}).rle()), "0c");
  EXPECT_EQ(to_hex(BitField::of(std::vector<std::uint64_t>{1}).rle()), "18");
  EXPECT_TRUE(BitField().rle().empty());
  EXPECT_TRUE(BitField::from_rle({}).empty());
  // A long run takes the varint form and comes back.
  const auto big = BitField::range(1000, 1u << 20);
  EXPECT_EQ(BitField::from_rle(big.rle()), big);
}

TEST(BitField, RejectsNonCanonicalRle) {
  // version 1
  EXPECT_NE(error_of([] { BitField::from_rle(std::vector<std::uint8_t>{0x0d}); }).find("version"),
            std::string::npos);
  // trailing zero byte
  EXPECT_NE(error_of([] {
              BitField::from_rle(std::vector<std::uint8_t>{0x0c, 0x00});
            }).find("trailing zero"),
            std::string::npos);
  // {0, 5} with the first run (length 1) written in the 4-bit form: bits 00 1 | 01 1000 |
  // 01 0010 | 1 -> 0x34 0xa4.
  const std::vector<std::uint8_t> nonminimal = {0x34, 0xa4};
  EXPECT_NE(error_of([&] { BitField::from_rle(nonminimal); }).find("below 2"), std::string::npos);
}

TEST(BitField, JsonForm) {
  const auto b = BitField::from_json(json::parse("[0,3,5,2]"));
  EXPECT_EQ(b.values(), (std::vector<std::uint64_t>{0, 1, 2, 8, 9}));
  EXPECT_EQ(b.json(), json::parse("[0,3,5,2]"));
  EXPECT_EQ(BitField::from_json(json::parse("[5,1]")).values(), (std::vector<std::uint64_t>{5}));
  EXPECT_EQ(BitField().json(), json::parse("[0]"));
  EXPECT_THROW(BitField::from_json(json::parse("[-1]")), Error);
}

TEST(BitField, RandomSetsMatchAPlainModel) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (int round = 0; round < 200; ++round) {
    SCOPED_TRACE(round);
    std::set<std::uint64_t> a, b;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) a.insert(rng() % 64);
    for (int i = 0; i < n; ++i) b.insert(rng() % 64);
    const auto fa = BitField::of(std::vector<std::uint64_t>(a.begin(), a.end()));
    const auto fb = BitField::of(std::vector<std::uint64_t>(b.begin(), b.end()));
    ASSERT_EQ(BitField::from_rle(fa.rle()), fa);
    ASSERT_EQ(BitField::from_json(fa.json()), fa);
    std::set<std::uint64_t> u(a), in, sub;
    u.insert(b.begin(), b.end());
    for (auto x : a) (b.count(x) ? in : sub).insert(x);
    ASSERT_EQ(fa.unite(fb).values(), std::vector<std::uint64_t>(u.begin(), u.end()));
    ASSERT_EQ(fa.intersect(fb).values(), std::vector<std::uint64_t>(in.begin(), in.end()));
    ASSERT_EQ(fa.subtract(fb).values(), std::vector<std::uint64_t>(sub.begin(), sub.end()));
    ASSERT_EQ(fa.count(), a.size());
    for (std::uint64_t x = 0; x < 64; ++x) ASSERT_EQ(fa.contains(x), a.count(x) == 1);
  }
}

TEST(CborReader, AcceptsDagCborAndRejectsTheRest) {
  CborWriter w;
  w.array(4).uint(500).integer(-3).bytes(std::vector<std::uint8_t>{1, 2}).map(2);
  w.text("a").null().text("bb").boolean(true);
  const auto v = CborValue::parse(w.data());
  const auto& t = v.as_array("t", 4);
  EXPECT_EQ(t[0].as_uint("x"), 500u);
  EXPECT_EQ(t[1].as_int("y"), -3);
  EXPECT_EQ(t[3].as_map("m").size(), 2u);
  EXPECT_NE(error_of([&] { t[0].as_bytes("Peer"); }).find("Peer: expected a byte string"),
            std::string::npos);

  auto rejects = [](const std::string& hex, const std::string& why) {
    const auto msg = error_of([&] { CborValue::parse(from_hex(hex)); });
    EXPECT_NE(msg.find(why), std::string::npos) << hex << " -> " << msg;
  };
  rejects("1817", "shortest form");             // 23 written with a 1-byte argument
  rejects("9f01ff", "indefinite");              // indefinite array
  rejects("f93c00", "float");                   // half float
  rejects("c101", "tag 1");                     // tag other than 42
  rejects("a2616201616101", "DAG-CBOR order");  // keys "b", "a"
  rejects("0101", "after the end");             // trailing byte
  rejects("43aabb", "longer than the input");
  rejects("d82a4101", "0x00");  // CID without the identity prefix
}

TEST(TokenAmount, DecimalAndBigIntForms) {
  const auto a = TokenAmount::parse("50000000000000000000000");  // 50 000 FIL
  EXPECT_EQ(a.to_string(), "50000000000000000000000");
  EXPECT_EQ(a, TokenAmount::fil(50000));
  EXPECT_EQ(TokenAmount::from_bigint_bytes(a.bigint_bytes()), a);
  EXPECT_EQ(to_hex(TokenAmount::fil(2).bigint_bytes()), "001bc16d674ec80000");
  EXPECT_EQ(TokenAmount::parse("-5").bigint_bytes(), (std::vector<std::uint8_t>{1, 5}));
  EXPECT_TRUE(TokenAmount().bigint_bytes().empty());
  EXPECT_EQ(TokenAmount::parse("1500000000000000000").fil_string(), "1.5 FIL");
  EXPECT_THROW(TokenAmount::parse("01"), Error);
  EXPECT_THROW(TokenAmount::parse("1e5"), Error);
  EXPECT_THROW(TokenAmount::from_bigint_bytes(std::vector<std::uint8_t>{0x00, 0x00, 0x01}), Error);
  EXPECT_THROW(TokenAmount::from_bigint_bytes(std::vector<std::uint8_t>{0x02, 0x01}), Error);
  EXPECT_THROW(TokenAmount(TokenAmount::i128{1} << 126) * 2, Error);
}

const json& address_vectors() {
  static const json doc = vseal::testing::load_json_file("address.json");
  return doc;
}

const json& cbor_vector(const std::string& type, std::size_t nth) {
  std::size_t seen = 0;
  for (const auto& v : address_vectors()["actor_params_cbor"])
    if (v["type"] == type && seen++ == nth) return v;
  throw std::runtime_error("no vector " + type);
}

TEST(ActorParams, ProveCommitSectorsNIVectors) {
  ProveCommitSectorsNIParams empty;
  empty.seal_proof_type = 8;
  empty.aggregate_proof_type = 1;
  empty.proving_deadline = 2;
  EXPECT_EQ(to_hex(empty.encode()), cbor_vector("miner.ProveCommitSectorsNIParams", 0)["hex"]);

  auto cid = [](const std::string& text) { return parse_cid_string(text); };
  ProveCommitSectorsNIParams one;
  one.sectors.push_back({1, 2, cid("bagboea4seaaqa"), 3, 4, 5});
  one.aggregate_proof = from_hex("deadbeef");
  one.seal_proof_type = 18;
  one.aggregate_proof_type = 1;
  one.proving_deadline = 6;
  one.require_activation_success = true;
  EXPECT_EQ(to_hex(one.encode()), cbor_vector("miner.ProveCommitSectorsNIParams", 1)["hex"]);
  one.sectors.push_back({6, 7, cid("bagboea4seaaqc"), 8, 9, 10});
  one.proving_deadline = 11;
  one.require_activation_success = false;
  EXPECT_EQ(to_hex(one.encode()), cbor_vector("miner.ProveCommitSectorsNIParams", 2)["hex"]);
}

TEST(ActorParams, ExpirationSetVectorDecodes) {
  // [{0},{1},2 FIL,[3,4],[5,6],7 FIL]: exercises bitfield and BigInt decoding in one tuple.
  const auto v =
      CborValue::parse(from_hex(cbor_vector("miner.ExpirationSet", 0)["hex"].get<std::string>()));
  const auto& t = v.as_array("ExpirationSet", 6);
  EXPECT_EQ(BitField::from_rle(t[0].as_bytes("OnTime")).values(), (std::vector<std::uint64_t>{0}));
  EXPECT_EQ(BitField::from_rle(t[1].as_bytes("Early")).values(), (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(TokenAmount::from_bigint_bytes(t[2].as_bytes("Pledge")), TokenAmount::fil(2));
  EXPECT_EQ(TokenAmount::from_bigint_bytes(t[5].as_bytes("FeeDeduction")), TokenAmount::fil(7));
}

TEST(ActorParams, RoundTrips) {
  std::array<std::uint8_t, 32> comm{};
  comm[0] = 7;
  PreCommitSectorBatch2Params pc;
  pc.sectors.push_back(
      {5, 17, commitment_cid(CommitmentKind::Sealed, comm), -800, {}, 600000, std::nullopt});
  pc.sectors.push_back({5,
                        18,
                        commitment_cid(CommitmentKind::Sealed, comm),
                        3,
                        {},
                        600001,
                        commitment_cid(CommitmentKind::Unsealed, comm)});
  const auto pc2 = PreCommitSectorBatch2Params::decode(pc.encode());
  EXPECT_EQ(pc2.sectors, pc.sectors);

  ProveCommitSectors3Params pr;
  pr.sector_activations = {{17, {}}, {18, {}}};
  pr.sector_proofs = {std::vector<std::uint8_t>(192, 1), std::vector<std::uint8_t>(192, 2)};
  pr.require_activation_success = true;
  const auto pr2 = ProveCommitSectors3Params::decode(pr.encode());
  EXPECT_EQ(pr2.sector_proofs, pr.sector_proofs);
  EXPECT_FALSE(pr2.aggregate_proof_type.has_value());
  EXPECT_TRUE(pr2.require_activation_success);

  BatchReturn all{3, {}};
  EXPECT_EQ(to_hex(all.encode()), "820380");  // devchain.md §2.3
  SubmitWindowedPoStParams post;
  post.deadline = 3;
  post.partitions = {{0, BitField::of(std::vector<std::uint64_t>{1})}};
  post.proofs = {{10, std::vector<std::uint8_t>(192, 9)}};
  post.chain_commit_epoch = -20;
  post.chain_commit_rand = std::vector<std::uint8_t>(32, 4);
  const auto post2 = SubmitWindowedPoStParams::decode(post.encode());
  EXPECT_EQ(post2.partitions[0].skipped, post.partitions[0].skipped);
  EXPECT_EQ(post2.chain_commit_epoch, -20);

  CreateMinerParams cm;
  cm.owner = Address::from_id(100);
  cm.worker = Address::from_id(101);
  cm.window_post_proof_type = 10;
  cm.multiaddrs = {std::vector<std::uint8_t>{4, 127, 0, 0, 1}};
  const auto cm2 = CreateMinerParams::decode(cm.encode());
  EXPECT_EQ(cm2.worker, cm.worker);
  EXPECT_EQ(cm2.multiaddrs, cm.multiaddrs);
  EXPECT_NE(error_of([] { CreateMinerParams::decode(from_hex("8400000000")); }).find("tuple of 5"),
            std::string::npos);
}

TEST(CommitmentCid, ZeroCommDOf2KiB) {
  // devchain.md §2.2: the zero-data CommD of a 2KiB sector and its CID text.
  const auto comm = from_hex("fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  std::array<std::uint8_t, 32> c{};
  std::copy(comm.begin(), comm.end(), c.begin());
  const auto cid = commitment_cid(CommitmentKind::Unsealed, c);
  EXPECT_EQ(cid_string(cid), "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
  EXPECT_EQ(parse_cid_string(cid_string(cid)), cid);
  EXPECT_EQ(commitment_from_cid(CommitmentKind::Unsealed, cid), c);
  EXPECT_THROW(commitment_from_cid(CommitmentKind::Sealed, cid), Error);
  EXPECT_THROW(parse_cid_string("Qmabc"), Error);
}

std::array<std::uint8_t, 32> digest_of(const std::string& hex) {
  std::array<std::uint8_t, 32> d{};
  const auto b = from_hex(hex);
  std::copy(b.begin(), b.end(), d.begin());
  return d;
}

TEST(Randomness, BuiltinActorsVector) {
  // devchain.md §3.1: digest GOobxkrh... (base64), DST 5, epoch 2797727, entropy 440099cb34.
  const auto digest = digest_of("18ea1bc64ae14b5862140d44614299337c6cc957f2e57cb76d0d202cf9de718b");
  const auto r = draw_randomness(5, digest, 2797727, from_hex("440099cb34"));
  EXPECT_EQ(to_hex(r), "dcc0aa70b1ca67ea6297832a4d2f708ec77ec8fbd3b93aeaf0f9068c4a37b584");
}

TEST(Randomness, DevChainBeaconAndTicketVectors) {
  const auto entropy = address_entropy(Address::from_id(1000));
  EXPECT_EQ(to_hex(entropy), "4300e807");
  const auto beacon10 =
      digest_of("c2cbf8f301a86f4ae9df24670faa1031712a092c21f5358ccca9002f020beb06");
  EXPECT_EQ(to_hex(draw_randomness(6, beacon10, 10, entropy)),
            "55d9ce0cbf6d5d8d9247e93b2a38953ea3a63c6944e9e51e5c12d8463f720b63");
  EXPECT_EQ(to_hex(draw_randomness(4, beacon10, 10, entropy)),
            "8034b196a2028108afdc9b75d4b8adefbb22ba0839e5c559adb7081c83e3df2d");
  const auto beacon0 =
      digest_of("e8e2a513cecfca7973aa870c3462393469818c8a863d928328b96b7892ed87d5");
  EXPECT_EQ(to_hex(draw_randomness(6, beacon0, -5, entropy)),
            "c20a91acc9142e33b14197c377917643693821025459982183f76da6f042afd6");
  const auto ticket100 =
      digest_of("b8252a3b65ce6e6c3b770ec70488639dbcc8610aa8b77837f8dc7362b5ae3e86");
  EXPECT_EQ(to_hex(draw_randomness(9, ticket100, 100, {})),
            "314984d5b498987fac45b66c680467db7e2bc1afc8acc81293ea57c7c0265ae9");
}

}  // namespace
}  // namespace vseal::chain
