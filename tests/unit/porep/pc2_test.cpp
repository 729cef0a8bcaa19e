// PC2 library behaviour beyond the vectors: the fast fr32 block padder against a bit-by-bit
// model, CommP streamed vs in memory, the tree_d file layout, tree geometry, the compound root,
// encoding errors, and p_aux/t_aux parsers refusing malformed bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/error.hpp"
#include "hash/poseidon.hpp"
#include "merkle/poseidon_tree.hpp"
#include "merkle/sha256_tree.hpp"
#include "merkle/tree_shape.hpp"
#include "porep/cache_files.hpp"
#include "porep/columns.hpp"
#include "porep/fr32.hpp"
#include "porep/pieces.hpp"
#include "porep/tree_d.hpp"
#include "temp_dir.hpp"
#include "test_seed.hpp"

namespace vseal::porep {
namespace {

using field::Fr;

using vseal::testing::temp_dir;

std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::uint8_t> b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

// porep-sdr.md §4 literally: input bit j goes to output bit (j/254)*256 + j%254.
std::vector<std::uint8_t> pad_bit_by_bit(std::span<const std::uint8_t> in) {
  const std::uint64_t bits = in.size() * 8;
  std::vector<std::uint8_t> out((bits + 253) / 254 * 32, 0);
  for (std::uint64_t j = 0; j < bits; ++j) {
    if ((in[j / 8] >> (j % 8)) & 1u) {
      const std::uint64_t o = (j / 254) * 256 + j % 254;
      out[o / 8] = static_cast<std::uint8_t>(out[o / 8] | (1u << (o % 8)));
    }
  }
  return out;
}

TEST(Fr32, BlockPadderEqualsBitModelAndRoundTrips) {
  std::mt19937_64 rng(vseal::testing::test_seed());
  for (std::size_t n : {0u, 1u, 31u, 32u, 126u, 127u, 128u, 254u, 255u, 1000u, 127u * 64 + 5}) {
    const auto in = random_bytes(rng, n);
    const auto padded = fr32_pad(in);
    EXPECT_EQ(padded, pad_bit_by_bit(in)) << n << " bytes, " << vseal::testing::seed_note();
    EXPECT_EQ(fr32_unpad(padded, n), in) << n;
  }
  std::vector<std::uint8_t> ones(127 * 3, 0xff), out(128 * 3);
  fr32_pad_blocks(ones, out);
  for (std::size_t e = 0; e < out.size() / 32; ++e) EXPECT_EQ(out[32 * e + 31], 0x3f) << e;
  std::vector<std::uint8_t> back(127 * 3);
  fr32_unpad_blocks(out, back);
  EXPECT_EQ(back, ones);
  EXPECT_THROW(fr32_pad_blocks(std::span(ones).first(100), out), Error);
}

TEST(Pieces, StreamedCommPEqualsTreeOfPaddedBytes) {
  std::mt19937_64 rng(vseal::testing::test_seed() + 1);
  for (std::size_t n : {127u, 254u, 1016u, 127u * 64}) {
    const auto piece = random_bytes(rng, n);
    std::istringstream in(std::string(piece.begin(), piece.end()));
    const auto c = comm_p_of_stream(in, n);
    EXPECT_EQ(c.comm_p, merkle::sha256_tree_root(fr32_pad(piece))) << n;
    EXPECT_EQ(c.padded_size, n / 127 * 128);
  }
  // A short piece is zero-filled to its slot, as Lotus' pad reader does.
  const auto piece = random_bytes(rng, 300);
  std::istringstream in(std::string(piece.begin(), piece.end()));
  auto filled = piece;
  filled.resize(508, 0);
  EXPECT_EQ(comm_p_of_stream(in, 300).comm_p, merkle::sha256_tree_root(fr32_pad(filled)));
  std::istringstream empty("");
  EXPECT_THROW(comm_p_of_stream(empty, 127), Error);  // promised bytes missing
}

TEST(Pieces, CommDOfFullSectorEqualsTreeOverPieces) {
  std::mt19937_64 rng(vseal::testing::test_seed() + 2);
  // 1016 + 508 + 254 + zero fill: compute_comm_d equals the tree over the placed bytes.
  std::vector<std::uint8_t> sector;
  std::vector<PieceInfo> pieces;
  for (std::size_t n : {1016u, 508u, 254u, 254u}) {
    const auto piece = random_bytes(rng, n);
    const auto a = piece_alignment(sector.size() / 128 * 127, n);
    EXPECT_EQ(a.left_unpadded, 0u);
    const auto padded = fr32_pad(piece);
    sector.insert(sector.end(), padded.begin(), padded.end());
    pieces.push_back({merkle::sha256_tree_root(padded), n});
  }
  ASSERT_EQ(sector.size(), 2048u);
  EXPECT_EQ(compute_comm_d(2048, pieces), merkle::sha256_tree_root(sector));
  pieces[0].unpadded_size = 1000;
  EXPECT_THROW(compute_comm_d(2048, pieces), Error);
  pieces[0] = {merkle::Node{}, 1016};
  EXPECT_THROW(compute_comm_d(2048, pieces), Error);  // all-zero commitment
  std::vector<PieceInfo> too_big = {{merkle::zero_commitment(7), 4064}};
  EXPECT_THROW(compute_comm_d(2048, too_big), Error);
}

TEST(TreeD, FileHoldsEveryRowAndMatchesRoot) {
  const auto dir = temp_dir("tree-d");
  std::mt19937_64 rng(vseal::testing::test_seed() + 3);
  for (std::uint64_t size : {std::uint64_t{2048}, std::uint64_t{1} << 21}) {
    auto data = random_bytes(rng, size);
    for (std::size_t i = 31; i < data.size(); i += 32) data[i] &= 0x3f;
    const auto data_file = dir / "data";
    std::ofstream(data_file, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(size));
    const auto out = dir / kTreeDFileName;
    const auto root = write_tree_d(data_file, size, out);
    EXPECT_EQ(root, merkle::sha256_tree_root(data));
    EXPECT_EQ(read_tree_d_root(out, size), root);
    ASSERT_EQ(std::filesystem::file_size(out), (2 * size / 32 - 1) * 32);
    // Row 1 element 0 is H(leaf 0, leaf 1); the partial file is gone.
    std::ifstream f(out, std::ios::binary);
    std::vector<std::uint8_t> first_rows((size / 32 + 1) * 32);
    f.read(reinterpret_cast<char*>(first_rows.data()),
           static_cast<std::streamsize>(first_rows.size()));
    EXPECT_TRUE(std::equal(data.begin(), data.end(), first_rows.begin()));
    merkle::Node a, b;
    std::copy_n(data.begin(), 32, a.begin());
    std::copy_n(data.begin() + 32, 32, b.begin());
    const auto h = merkle::sha256_node(a, b);
    EXPECT_TRUE(
        std::equal(h.begin(), h.end(), first_rows.begin() + static_cast<std::ptrdiff_t>(size)));
    EXPECT_FALSE(std::filesystem::exists(dir / (std::string(kTreeDFileName) + ".partial")));
  }
  // CC: rows of zero commitments, root Z[log2(S) - 5], no data file.
  const auto out = dir / "cc.dat";
  EXPECT_EQ(write_tree_d(std::nullopt, 1 << 16, out), merkle::zero_commitment(11));
  EXPECT_EQ(read_tree_d_root(out, 1 << 16), merkle::zero_commitment(11));
  EXPECT_THROW(read_tree_d_root(out, 1 << 15), Error);
  EXPECT_THROW(write_tree_d(dir / "data", 4096, dir / "x.dat"), Error);  // wrong data size
  std::filesystem::remove_all(dir);
}

TEST(TreeShape, GeometryRowsToDiscardAndCompoundRoot) {
  const auto g = merkle::tree_geometry(512, 8);
  EXPECT_EQ(g.rows, 4);
  EXPECT_EQ(g.row_start(1), 512u);
  EXPECT_EQ(g.row_start(3), 584u);
  EXPECT_EQ(g.total(), 585u);
  EXPECT_EQ(g.row_width(2), 8u);
  EXPECT_THROW(merkle::tree_geometry(96, 8), Error);
  EXPECT_THROW(merkle::tree_geometry(1, 8), Error);
  EXPECT_EQ(merkle::default_rows_to_discard(8, 8), 0);
  EXPECT_EQ(merkle::default_rows_to_discard(64, 8), 1);
  EXPECT_EQ(merkle::default_rows_to_discard(1 << 27, 8), 2);
  EXPECT_EQ(merkle::default_rows_to_discard(1 << 27, 8, 5), 5);

  std::vector<Fr> roots;
  for (std::uint64_t i = 0; i < 16; ++i) roots.push_back(Fr::from_u64(i + 1));
  const Fr s0 = hash::poseidon_hash(std::span(roots).first(8));
  const Fr s1 = hash::poseidon_hash(std::span(roots).subspan(8, 8));
  const Fr top[2] = {s0, s1};
  EXPECT_EQ(merkle::compound_root(roots, 8, 2), hash::poseidon_hash(top));
  EXPECT_EQ(merkle::compound_root(std::span(roots).first(2), 2, 0),
            hash::poseidon_hash(std::span(roots).first(2)));
  EXPECT_EQ(merkle::compound_root(std::span(roots).first(1), 0, 0), roots[0]);
  EXPECT_THROW(merkle::compound_root(std::span(roots).first(3), 2, 0), Error);

  // Rows are the levels of the root computation.
  std::vector<Fr> leaves(64);
  for (std::size_t i = 0; i < leaves.size(); ++i) leaves[i] = Fr::from_u64(3 * i + 1);
  const auto rows = merkle::poseidon_tree_rows(8, leaves, merkle::cpu_level_hasher());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], hash::poseidon_hash(std::span(leaves).subspan(8, 8)));
  EXPECT_EQ(rows[1][0], merkle::poseidon_tree_root(8, leaves));
}

TEST(Encoding, AddsKeyAndRejectsUnpaddedData) {
  std::vector<std::uint8_t> key(64, 0), data(64, 0), replica(64);
  key[0] = 5;
  data[0] = 7;
  data[32] = 1;
  std::vector<Fr> leaves(2);
  encode_replica(key, data, 0, replica, leaves);
  EXPECT_EQ(replica[0], 12);
  EXPECT_EQ(replica[32], 1);
  EXPECT_EQ(leaves[0], Fr::from_u64(12));
  // r - 1 + 2 wraps to 1.
  const auto modulus = field::fr_modulus_bytes();
  std::copy(modulus.begin(), modulus.end(), key.begin());
  key[0] = static_cast<std::uint8_t>(key[0] - 1);
  data[0] = 2;
  encode_replica(key, data, 0, replica, leaves);
  EXPECT_EQ(leaves[0], Fr::one());
  data[63] = 0xff;  // node 1 >= r: the data was not fr32-padded
  try {
    encode_replica(key, data, 100, replica, leaves);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    EXPECT_NE(std::string(e.what()).find("node 101"), std::string::npos) << e.what();
  }
}

TEST(CacheFiles, PAuxAndTAuxRoundTripAndRejectMalformedBytes) {
  const PAux p{Fr::from_u64(1), Fr::from_u64(2)};
  const auto bytes = encode_p_aux(p);
  ASSERT_EQ(bytes.size(), 64u);
  EXPECT_EQ(decode_p_aux(bytes).comm_r_last, p.comm_r_last);
  EXPECT_THROW(decode_p_aux(std::span(bytes).first(63)), Error);
  auto bad = bytes;
  std::fill(bad.begin(), bad.begin() + 32, 0xff);
  EXPECT_THROW(decode_p_aux(bad), Error);

  const auto t = make_t_aux("/cache/s-t01000-1", 1 << 30, 11, 1 << 27, 2);
  const auto tb = encode_t_aux(t);
  EXPECT_EQ(decode_t_aux(tb), t);
  EXPECT_EQ(t.tree_r_last.size, merkle::tree_geometry(1 << 27, 8).total());
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, tb.size() / 2, tb.size() - 1})
    EXPECT_THROW(decode_t_aux(std::span(tb).first(cut)), Error) << cut;
  auto extra = tb;
  extra.push_back(0);
  EXPECT_THROW(decode_t_aux(extra), Error);
  auto huge = tb;
  huge[8 + 7] = 0x7f;  // first path length ~2^62
  EXPECT_THROW(decode_t_aux(huge), Error);
  auto tag = tb;
  // The size Option tag of the first StoreConfig follows its two strings.
  const std::size_t tag_at = 8 + 8 + t.labels[0].path.size() + 8 + t.labels[0].id.size();
  ASSERT_EQ(tag[tag_at], 1);
  tag[tag_at] = 2;
  EXPECT_THROW(decode_t_aux(tag), Error);
  EXPECT_EQ(tree_c_file_name(1, 0), "sc-02-data-tree-c.dat");
  EXPECT_EQ(tree_r_last_file_name(8, 7), "sc-02-data-tree-r-last-7.dat");
}

}  // namespace
}  // namespace vseal::porep
