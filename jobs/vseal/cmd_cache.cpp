// vseal cache check DIR [--sealed FILE]: verifies a rust-fil-proofs cache directory — t_aux and
// p_aux parse and agree with the sector shape, every tree file has its size and every stored
// row hashes to the row above, the compound roots equal p_aux's comm_c / comm_r_last, the
// layer files (when present) give tree_c's leaves, and the replica (when found) gives
// tree_r_last. Prints what was checked and every problem; exit code 1 when there is one.
#include <functional>
#include <optional>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "io/atomic_file.hpp"
#include "io/positional_file.hpp"
#include "merkle/poseidon_tree.hpp"
#include "merkle/sha256_tree.hpp"
#include "merkle/tree_shape.hpp"
#include "porep/cache_files.hpp"
#include "porep/columns.hpp"
#include "porep/registered_proof.hpp"
#include "porep/tree_d.hpp"
#include "vseal/options.hpp"

namespace vseal::cli {
namespace {

using field::Fr;
constexpr std::uint64_t kBlock = std::uint64_t{1} << 15;  // 8^5 leaves per pass

std::vector<std::uint8_t> read_file(const std::filesystem::path& p) {
  const auto f = io::PositionalFile::open_read(p);
  std::vector<std::uint8_t> b(f.size());
  f.read_at(0, b);
  return b;
}

std::vector<Fr> to_fr(std::span<const std::uint8_t> bytes) {
  std::vector<Fr> out(bytes.size() / 32);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!Fr::try_from_bytes(std::span<const std::uint8_t, 32>(bytes.data() + 32 * i, 32), out[i]))
      throw Error(ErrorCode::Corrupt, "element " + std::to_string(i) + " is not a field element");
  return out;
}

// Leaves [first, first + n) of one base tree, computed from other files.
using LeafSource = std::function<std::vector<Fr>(std::uint64_t first, std::uint64_t n)>;

struct Report {
  nlohmann::json checked = nlohmann::json::array();
  nlohmann::json problems = nlohmann::json::array();
  void problem(const std::string& what) { problems.push_back(what); }
};

// Checks one base tree file storing rows first_row.. and returns its root (nullopt when the
// file is unusable). With `leaves`, every stored element is recomputed from them; without,
// each stored row is hashed and compared with the stored row above.
std::optional<Fr> check_tree(const std::filesystem::path& path, const merkle::TreeGeometry& g,
                             int first_row, const LeafSource* leaves, Report& report) {
  const std::string name = path.filename().string();
  if (!std::filesystem::exists(path)) {
    report.problem(name + ": missing");
    return std::nullopt;
  }
  const auto file = io::PositionalFile::open_read(path);
  const std::uint64_t want = (g.total() - g.row_start(first_row)) * 32;
  if (file.size() != want) {
    report.problem(name + ": " + std::to_string(file.size()) + " bytes, expected " +
                   std::to_string(want));
    return std::nullopt;
  }
  const auto hasher = merkle::cpu_level_hasher();
  auto stored = [&](int row, std::uint64_t index, std::uint64_t n) {
    std::vector<std::uint8_t> b(n * 32);
    file.read_at((g.row_start(row) - g.row_start(first_row) + index) * 32, b);
    return b;
  };
  auto as_bytes = [](std::span<const Fr> v) {
    std::vector<std::uint8_t> b(v.size() * 32);
    field::fr_to_bytes(v, b);
    return b;
  };
  std::uint64_t mismatches = 0;
  auto compare = [&](int row, std::uint64_t index, std::span<const Fr> computed) {
    if (row < first_row) return;
    if (stored(row, index, computed.size()) != as_bytes(computed)) ++mismatches;
  };
  Fr root;
  if (leaves != nullptr) {
    const std::uint64_t block = std::min(g.leaves, kBlock);
    std::vector<Fr> roots;
    int block_row = 0;
    for (std::uint64_t first = 0; first < g.leaves; first += block) {
      const auto leaf = (*leaves)(first, block);
      compare(0, first, leaf);
      const auto rows = merkle::poseidon_tree_rows(g.arity, leaf, hasher);
      std::uint64_t scale = 1;
      for (std::size_t k = 0; k < rows.size(); ++k) {
        scale *= g.arity;
        compare(static_cast<int>(k + 1), first / scale, rows[k]);
      }
      block_row = static_cast<int>(rows.size());
      roots.push_back(rows.back()[0]);
    }
    if (roots.size() > 1) {
      const auto rows = merkle::poseidon_tree_rows(g.arity, roots, hasher);
      for (std::size_t k = 0; k < rows.size(); ++k)
        compare(block_row + 1 + static_cast<int>(k), 0, rows[k]);
      roots = {rows.back()[0]};
    }
    root = roots[0];
  } else {
    for (int row = first_row; row + 1 < g.rows; ++row) {
      const std::uint64_t width = g.row_width(row + 1);
      const std::uint64_t step = std::max<std::uint64_t>(1, kBlock / g.arity);
      for (std::uint64_t p = 0; p < width; p += step) {
        const std::uint64_t n = std::min(step, width - p);
        const auto children = to_fr(stored(row, p * g.arity, n * g.arity));
        std::vector<Fr> parents(n);
        hasher(g.arity, parents, children);
        compare(row + 1, p, parents);
      }
    }
    root = to_fr(stored(g.rows - 1, 0, 1))[0];
  }
  if (mismatches > 0) {
    report.problem(name + ": " + std::to_string(mismatches) + " row piece(s) do not match " +
                   (leaves != nullptr ? "the recomputed tree" : "the hash of the row below"));
  }
  report.checked.push_back(name);
  return root;
}

}  // namespace

// vseal cache t-aux --sector-size S --cache-path P [--rows-to-discard N]: the t_aux bytes PC2
// writes for such a sector.
int cache_t_aux(const Args& args) {
  po::options_description desc("vseal cache t-aux");
  desc.add_options()("sector-size", po::value<std::string>()->required(), "e.g. 2KiB")(
      "cache-path", po::value<std::string>()->required(), "the path recorded in t_aux")(
      "rows-to-discard", po::value<int>(), "tree_r_last (default: rust-fil-proofs' rule)");
  const auto vm = parse_options(args, desc, {});
  const auto& shape =
      porep::sector_shape(porep::parse_sector_size(vm["sector-size"].as<std::string>()));
  const std::uint64_t per = shape.base_tree_leaves();
  const int rtd = vm.count("rows-to-discard") ? vm["rows-to-discard"].as<int>()
                                              : merkle::default_rows_to_discard(per, 8);
  const auto bytes = porep::encode_t_aux(
      porep::make_t_aux(vm["cache-path"].as<std::string>(), shape.nodes, shape.layers, per, rtd));
  print_json({{"t_aux_hex", to_hex(bytes)}, {"size_bytes", bytes.size()}});
  return 0;
}

int cmd_cache(const Args& args) {
  if (!args.empty() && args[0] == "t-aux") return cache_t_aux(Args(args.begin() + 1, args.end()));
  if (args.empty() || args[0] != "check")
    usage_error("vseal cache: expected 'check DIR' or 't-aux'");
  po::options_description desc("vseal cache check");
  desc.add_options()("dir", po::value<std::string>()->required(), "the cache directory")(
      "sealed", po::value<std::string>(),
      "the replica (default: ../../sealed/<dir name> as lotus lays it out, or <dir>/../sealed)");
  po::positional_options_description pos;
  pos.add("dir", 1);
  const auto vm = parse_options(Args(args.begin() + 1, args.end()), desc, pos);
  const std::filesystem::path dir = vm["dir"].as<std::string>();
  if (!std::filesystem::is_directory(dir)) usage_error(dir.string() + " is not a directory");
  Report report;

  const auto t_aux_path = dir / porep::kTAuxFileName;
  if (!std::filesystem::exists(t_aux_path))
    usage_error(t_aux_path.string() + " is missing: the sector shape cannot be known");
  const auto t_aux = porep::decode_t_aux(read_file(t_aux_path));
  report.checked.push_back("t_aux");
  const std::uint64_t nodes = t_aux.labels.at(0).size.value_or(0);
  const auto& shape = porep::sector_shape(nodes * 32);
  const auto trees = static_cast<std::size_t>(shape.base_trees());
  const auto g = merkle::tree_geometry(shape.base_tree_leaves(), 8);
  const int layers = static_cast<int>(t_aux.labels.size());
  const int rtd = static_cast<int>(t_aux.tree_r_last.rows_to_discard);
  if (layers != shape.layers)
    report.problem("t_aux lists " + std::to_string(layers) + " layers; this sector size has " +
                   std::to_string(shape.layers));
  if (t_aux.tree_c.size != g.total() || t_aux.tree_r_last.size != g.total())
    report.problem("t_aux tree sizes do not match base trees of " + std::to_string(g.leaves) +
                   " leaves");
  if (rtd < 0 || rtd >= g.rows - 1) {
    report.problem("t_aux rows_to_discard " + std::to_string(rtd) + " is impossible");
    print_json({{"ok", false}, {"checked", report.checked}, {"problems", report.problems}});
    return 1;
  }

  std::optional<porep::PAux> p_aux;
  try {
    p_aux = porep::decode_p_aux(read_file(dir / porep::kPAuxFileName));
    report.checked.push_back("p_aux");
  } catch (const Error& e) {
    report.problem(std::string("p_aux: ") + e.what());
  }

  // Layers, when the cache still has them, give tree_c's leaves.
  std::vector<io::PositionalFile> layer_files;
  for (int l = 1; l <= layers; ++l) {
    const auto p = dir / porep::layer_file_name(l);
    if (!std::filesystem::exists(p)) break;
    layer_files.push_back(io::PositionalFile::open_read(p));
  }
  if (!layer_files.empty() && layer_files.size() != static_cast<std::size_t>(layers)) {
    report.problem("only " + std::to_string(layer_files.size()) + " of " + std::to_string(layers) +
                   " layer files are present");
    layer_files.clear();
  }
  std::optional<std::filesystem::path> sealed;
  if (vm.count("sealed")) {
    sealed = vm["sealed"].as<std::string>();
  } else {
    const auto name = std::filesystem::absolute(dir).lexically_normal().filename();
    for (const auto& c : {dir / ".." / ".." / "sealed" / name, dir / ".." / "sealed"})
      if (std::filesystem::is_regular_file(c)) sealed = c;
  }
  std::optional<io::PositionalFile> replica;
  if (sealed) {
    replica = io::PositionalFile::open_read(*sealed);
    if (replica->size() != nodes * 32) {
      report.problem(sealed->string() + ": " + std::to_string(replica->size()) +
                     " bytes, expected " + std::to_string(nodes * 32));
      replica.reset();
    }
  }

  std::vector<Fr> c_roots, r_roots;
  for (std::size_t i = 0; i < trees; ++i) {
    const std::uint64_t base = i * g.leaves;
    LeafSource columns = [&](std::uint64_t first, std::uint64_t n) {
      std::vector<std::uint8_t> labels(static_cast<std::size_t>(layers) * n * 32);
      std::vector<const std::uint8_t*> ptrs;
      for (int l = 0; l < layers; ++l) {
        auto part = std::span(labels).subspan(static_cast<std::size_t>(l) * n * 32, n * 32);
        layer_files[static_cast<std::size_t>(l)].read_at((base + first) * 32, part);
        ptrs.push_back(part.data());
      }
      std::vector<Fr> out(n);
      porep::column_hashes(ptrs, base + first, out, merkle::cpu_level_hasher());
      return out;
    };
    LeafSource replica_leaves = [&](std::uint64_t first, std::uint64_t n) {
      std::vector<std::uint8_t> b(n * 32);
      replica->read_at((base + first) * 32, b);
      return to_fr(b);
    };
    const auto c = check_tree(dir / porep::tree_c_file_name(trees, i), g, 0,
                              layer_files.empty() ? nullptr : &columns, report);
    const auto r = check_tree(dir / porep::tree_r_last_file_name(trees, i), g, 1 + rtd,
                              replica ? &replica_leaves : nullptr, report);
    if (c) c_roots.push_back(*c);
    if (r) r_roots.push_back(*r);
  }
  nlohmann::json out = {{"sector_size", nodes * 32},
                        {"layers", layers},
                        {"rows_to_discard", rtd},
                        {"replica", sealed ? sealed->string() : ""},
                        {"layers_checked", !layer_files.empty()}};
  const auto sub = static_cast<std::size_t>(shape.sub_arity);
  const auto top = static_cast<std::size_t>(shape.top_arity);
  if (c_roots.size() == trees && r_roots.size() == trees) {
    const Fr comm_c = merkle::compound_root(c_roots, sub, top);
    const Fr comm_r_last = merkle::compound_root(r_roots, sub, top);
    const Fr pair[2] = {comm_c, comm_r_last};
    out["comm_c"] = comm_c.to_hex();
    out["comm_r_last"] = comm_r_last.to_hex();
    out["comm_r"] = hash::poseidon_hash(pair).to_hex();
    if (p_aux && (p_aux->comm_c != comm_c || p_aux->comm_r_last != comm_r_last))
      report.problem("p_aux does not hold the trees' comm_c / comm_r_last");
  }
  if (std::filesystem::exists(dir / porep::kTreeDFileName)) {
    try {
      out["comm_d"] = to_hex(porep::read_tree_d_root(dir / porep::kTreeDFileName, nodes * 32));
      report.checked.push_back(porep::kTreeDFileName);
    } catch (const Error& e) {
      report.problem(e.what());
    }
  }
  out["ok"] = report.problems.empty();
  out["checked"] = report.checked;
  out["problems"] = report.problems;
  print_json(out);
  return report.problems.empty() ? 0 : 1;
}

}  // namespace vseal::cli
