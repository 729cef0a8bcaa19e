// PC1/PC2 entries of ../shared/vectors/porep.json: labels, graphs, parent caches (names, sizes and
// digests up to 2KiB here; 512MiB in porep_slow_vectors_test), Feistel, porep ids, and the
// replica_id and per-layer labels of the e2e seals. One test per entry, named after it.
#include <gtest/gtest.h>

#include <thread>

#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "hash/sha256.hpp"
#include "merkle/poseidon_tree.hpp"
#include "merkle/sha256_tree.hpp"
#include "merkle/tree_shape.hpp"
#include "porep/cache_files.hpp"
#include "porep/columns.hpp"
#include "porep/feistel.hpp"
#include "porep/fr32.hpp"
#include "porep/graph.hpp"
#include "porep/ids.hpp"
#include "porep/label.hpp"
#include "porep/parent_cache.hpp"
#include "porep/pieces.hpp"
#include "porep/registered_proof.hpp"
#include "vectors/porep_vector_helpers.hpp"
#include "vectors/vector_loader.hpp"

namespace vseal::porep {
namespace {

using nlohmann::json;
using vseal::testing::bytes32;
using vseal::testing::parents_of;

class PorepVector : public ::testing::TestWithParam<json> {};

TEST_P(PorepVector, Matches) {
  const json& v = GetParam();
  SCOPED_TRACE("source: " + v.at("source").get<std::string>());
  const std::string category = v.at("category");
  const json& in = v.at("inputs");
  const json& ex = v.at("expected");

  if (category == "sdr_labels") {
    const GraphParams g{in.at("nodes"), bytes32(in.at("porep_id")),
                        parse_api_version(in.at("api_version").get<std::string>())};
    const auto parents = parents_of(g);
    const auto layers =
        label_all_layers(parents.data(), g.nodes, bytes32(in.at("replica_id")), in.at("layers"));
    EXPECT_EQ(to_hex(std::span(layers.back()).last(32)), ex.at("last_label_of_last_layer"));
  } else if (category == "parent_cache") {
    const GraphParams g{in.at("nodes"), bytes32(in.at("porep_id")),
                        parse_api_version(in.at("api_version").get<std::string>())};
    EXPECT_EQ(parent_cache_file_name(g), ex.at("file_name"));
    EXPECT_EQ(g.nodes * kParentCacheBytesPerNode, ex.at("file_size_bytes").get<std::uint64_t>());
    if (g.nodes <= (1u << 18)) {
      EXPECT_EQ(generate_parent_cache_bytes(g, 2, [](auto) {}), ex.at("sha256_of_file"));
    }
  } else if (category == "graph" && ex.contains("graphs")) {
    for (const auto& graph : ex.at("graphs")) {
      const GraphParams g{graph.at("nodes"), bytes32(graph.at("porep_id")),
                          parse_api_version(graph.at("api_version").get<std::string>())};
      ParentGenerator gen(g);
      for (const auto& [node, expected] : graph.at("parents").items()) {
        std::array<std::uint32_t, kParentCount> p{};
        gen.parents(std::stoull(node), p);
        EXPECT_EQ(json(p), expected) << "node " << node << " of " << graph.at("porep_id");
      }
    }
  } else if (category == "graph") {
    const PorepId porep_id = bytes32(in.at("porep_id"));
    const GraphParams g{in.at("nodes_in_graph"), porep_id,
                        parse_api_version(in.at("api_version").get<std::string>())};
    EXPECT_EQ(to_hex(drg_seed(porep_id)), ex.at("drg_seed_28_bytes"));
    const auto keys = feistel_keys(porep_id);
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(keys[i], std::stoull(ex.at("feistel_keys_u64")[i].get<std::string>(), nullptr, 16));
    }
    ParentGenerator gen(g);
    EXPECT_EQ(gen.feistel().left_mask(), ex.at("feistel_left_mask").get<std::uint64_t>());
    EXPECT_EQ(gen.feistel().right_mask(), ex.at("feistel_right_mask").get<std::uint64_t>());
    EXPECT_EQ(gen.feistel().half_bits(), ex.at("feistel_half_bits").get<std::uint64_t>());
    for (const auto& [node, expected] : ex.at("parents").items()) {
      std::array<std::uint32_t, kParentCount> p{};
      gen.parents(std::stoull(node), p);
      EXPECT_EQ(json(p), expected) << "node " << node;
    }
  } else if (category == "feistel") {
    std::array<std::uint64_t, 4> keys{};
    for (std::size_t i = 0; i < 4; ++i) keys[i] = in.at("keys_u64")[i];
    for (const auto& [domain, e] : ex.items()) {
      Feistel f(keys, std::stoull(domain));
      EXPECT_EQ(f.left_mask(), e.at("precomputed").at("left_mask").get<std::uint64_t>());
      EXPECT_EQ(f.right_mask(), e.at("precomputed").at("right_mask").get<std::uint64_t>());
      EXPECT_EQ(f.half_bits(), e.at("precomputed").at("half_bits").get<std::uint64_t>());
      for (std::size_t x = 0; x < e.at("encode_0_to_n").size(); ++x) {
        EXPECT_EQ(f.encode(x), e.at("encode_0_to_n")[x].get<std::uint64_t>())
            << "domain " << domain;
        EXPECT_EQ(f.permute(x), e.at("permute_0_to_n")[x].get<std::uint64_t>())
            << "domain " << domain;
      }
    }
  } else if (category == "porep_id") {
    for (const auto& row : ex.at("table")) {
      const int id = row.at("id");
      const auto& p = registered_seal_proof(id);
      EXPECT_EQ(p.name, row.at("registered_seal_proof").get<std::string>());
      EXPECT_EQ(&registered_seal_proof(row.at("go_state_types_name").get<std::string>()), &p);
      EXPECT_EQ(p.sector_size, row.at("sector_size_bytes").get<std::uint64_t>());
      EXPECT_EQ(api_version_name(p.api_version), row.at("api_version").get<std::string>());
      const PorepId porep_id = porep_id_for(id);
      EXPECT_EQ(to_hex(porep_id), row.at("porep_id"));
      EXPECT_EQ(to_hex(drg_seed(porep_id)), row.at("drg_seed_28_bytes"));
      const auto keys = feistel_keys(porep_id);
      for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(keys[i],
                  std::stoull(row.at("feistel_keys_u64")[i].get<std::string>(), nullptr, 16));
      }
    }
  } else if (category == "e2e_seal") {
    const PorepId porep_id = bytes32(in.at("porep_id"));
    const auto rid = replica_id(bytes32(in.at("prover_id")), in.at("sector_id"),
                                bytes32(in.at("ticket")), bytes32(ex.at("comm_d")), porep_id);
    EXPECT_EQ(to_hex(rid), ex.at("replica_id"));
    const GraphParams g{in.at("sector_size_bytes").get<std::uint64_t>() / 32, porep_id,
                        parse_api_version(in.at("api_version").get<std::string>())};
    const auto parents = parents_of(g);
    const auto layers = label_all_layers(parents.data(), g.nodes, rid, in.at("layers"));
    for (std::size_t l = 0; l < layers.size(); ++l) {
      EXPECT_EQ(to_hex(std::span(layers[l]).first(32)), ex.at("label_first_node_per_layer")[l]);
      EXPECT_EQ(to_hex(std::span(layers[l]).last(32)), ex.at("label_last_node_per_layer")[l]);
    }
    // PC2 in memory, from the library pieces the job is made of.
    const auto data = vseal::testing::e2e_sector_data(in);
    EXPECT_EQ(to_hex(hash::sha256(data)), in.at("data_sha256"));
    EXPECT_EQ(to_hex(merkle::sha256_tree_root(data)), ex.at("comm_d"));
    std::vector<const std::uint8_t*> ptrs;
    for (const auto& layer : layers) ptrs.push_back(layer.data());
    std::vector<field::Fr> columns(g.nodes), replica_leaves(g.nodes);
    std::vector<std::uint8_t> replica(g.nodes * 32);
    column_hashes(ptrs, 0, columns, merkle::cpu_level_hasher());
    encode_replica(layers.back(), data, 0, replica, replica_leaves);
    EXPECT_EQ(columns[0].to_hex(), ex.at("column_hash_node0"));
    EXPECT_EQ(to_hex(std::span(replica).first(32)), ex.at("sealed_first_node"));
    EXPECT_EQ(to_hex(std::span(replica).last(32)), ex.at("sealed_last_node"));
    EXPECT_EQ(to_hex(hash::sha256(replica)), ex.at("sealed_file_sha256"));
    const auto& shape = sector_shape(g.nodes * 32);
    const auto sub = static_cast<std::size_t>(shape.sub_arity);
    const auto top = static_cast<std::size_t>(shape.top_arity);
    const auto trees = static_cast<std::size_t>(shape.base_trees());
    const auto per = static_cast<std::size_t>(shape.base_tree_leaves());
    std::vector<field::Fr> c_roots, r_roots;
    for (std::size_t i = 0; i < trees; ++i) {
      c_roots.push_back(merkle::poseidon_tree_root(8, std::span(columns).subspan(i * per, per)));
      r_roots.push_back(
          merkle::poseidon_tree_root(8, std::span(replica_leaves).subspan(i * per, per)));
      EXPECT_EQ(c_roots.back().to_hex(), ex.at("tree_c_base_roots")[i]);
      EXPECT_EQ(r_roots.back().to_hex(), ex.at("tree_r_last_base_roots")[i]);
    }
    const field::Fr comm_c = merkle::compound_root(c_roots, sub, top);
    const field::Fr comm_r_last = merkle::compound_root(r_roots, sub, top);
    EXPECT_EQ(comm_c.to_hex(), ex.at("comm_c"));
    EXPECT_EQ(comm_r_last.to_hex(), ex.at("comm_r_last"));
    const field::Fr pair[2] = {comm_c, comm_r_last};
    EXPECT_EQ(hash::poseidon_hash(pair).to_hex(), ex.at("comm_r"));
    EXPECT_EQ(to_hex(encode_p_aux({comm_c, comm_r_last})), ex.at("p_aux_hex"));
    EXPECT_EQ(merkle::default_rows_to_discard(per, 8),
              ex.at("tree_r_last_rows_to_discard").get<int>());
  } else if (category == "fr32") {
    const auto& cases = in.at("cases");
    ASSERT_EQ(cases.size(), ex.at("padded").size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const auto unpadded = from_hex(cases[i].at("unpadded").get<std::string>());
      const auto padded = fr32_pad(unpadded);
      EXPECT_EQ(to_hex(padded), ex.at("padded")[i]) << "case " << i;
      EXPECT_EQ(fr32_unpad(padded, unpadded.size()), unpadded) << "case " << i;
      EXPECT_EQ(fr32_padded_size(unpadded.size()), padded.size()) << "case " << i;
    }
  } else if (category == "comm_d" && ex.contains("levels")) {
    for (const auto& level : ex.at("levels")) {
      EXPECT_EQ(to_hex(merkle::zero_commitment(level.at("level"))), level.at("root"))
          << "level " << level.at("level");
    }
  } else if (category == "comm_d") {
    std::vector<PieceInfo> pieces;
    for (const auto& p : in.at("pieces"))
      pieces.push_back({bytes32(p.at("commitment")), p.at("unpadded_size")});
    EXPECT_EQ(to_hex(compute_comm_d(in.at("sector_size_bytes"), pieces)), ex.at("comm_d"));
  } else if (category == "pieces") {
    for (const auto& row : ex.at("rows")) {
      const auto a = piece_alignment(row.at("written"), row.at("piece"));
      EXPECT_EQ(a.left_unpadded, row.at("left_unpadded").get<std::uint64_t>()) << row.dump();
      EXPECT_EQ(a.right_unpadded, row.at("right_unpadded").get<std::uint64_t>()) << row.dump();
    }
  } else if (category == "cache_files") {
    const std::uint64_t nodes = in.at("sector_size_bytes").get<std::uint64_t>() / 32;
    const auto& shape = sector_shape(nodes * 32);
    const std::uint64_t per = shape.base_tree_leaves();
    const auto t_aux = make_t_aux(in.at("cache_path_string"), nodes, in.at("layers"), per,
                                  merkle::default_rows_to_discard(per, 8));
    const auto bytes = encode_t_aux(t_aux);
    EXPECT_EQ(to_hex(bytes), ex.at("t_aux_hex"));
    EXPECT_EQ(bytes.size(), ex.at("size_bytes").get<std::size_t>());
    EXPECT_EQ(decode_t_aux(bytes), t_aux);
  } else if (category == "tree_shapes") {
    for (const auto& row : ex.at("rows")) {
      const std::uint64_t size = row.at("sector_size_bytes");
      SCOPED_TRACE(size);
      const auto& shape = sector_shape(size);
      EXPECT_EQ(shape.sub_arity, row.at("sub_arity").get<int>());
      EXPECT_EQ(shape.top_arity, row.at("top_arity").get<int>());
      const std::uint64_t per = row.at("leaves_per_base_tree");
      const auto g = merkle::tree_geometry(per, 8);
      const int rtd = merkle::default_rows_to_discard(per, 8);
      EXPECT_EQ(g.rows, row.at("rows_per_base_tree_incl_leaves").get<int>());
      EXPECT_EQ(rtd, row.at("tree_r_last_rows_to_discard").get<int>());
      EXPECT_EQ(rtd, shape.rows_to_discard);
      EXPECT_EQ(g.total() * 32, row.at("tree_c_file_bytes_each").get<std::uint64_t>());
      EXPECT_EQ((g.total() - g.row_start(1 + rtd)) * 32,
                row.at("tree_r_last_file_bytes_each").get<std::uint64_t>());
      EXPECT_EQ(shape.base_trees(), row.at("base_tree_count").get<std::uint64_t>());
      EXPECT_EQ(shape.base_tree_leaves(), per);
    }
  } else {
    GTEST_SKIP() << "category '" << category << "' belongs to C1/PoSt (issue #7)";
  }
}

std::vector<json> sealing_vectors() {
  std::vector<json> out;
  for (const auto& v : vseal::testing::load_vectors("porep.json")) {
    const std::string c = v.at("category");
    if (c == "sdr_labels" || c == "parent_cache" || c == "graph" || c == "feistel" ||
        c == "porep_id" || c == "e2e_seal" || c == "fr32" || c == "comm_d" || c == "pieces" ||
        c == "cache_files" || c == "tree_shapes") {
      out.push_back(v);
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(PorepJson, PorepVector, ::testing::ValuesIn(sealing_vectors()),
                         [](const auto& p) { return vseal::testing::test_name(p.param); });

}  // namespace
}  // namespace vseal::porep
