// Inclusion proofs from a sealed sector's files (see sector_trees.hpp).
#include "porep/sector_trees.hpp"

#include <string>

#include "base/error.hpp"
#include "field/fr.hpp"
#include "merkle/poseidon_tree.hpp"
#include "porep/tree_d.hpp"

namespace vseal::porep {
namespace {

std::vector<std::uint8_t> read_all(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p))
    throw Error(ErrorCode::BadInput, p.string() + " is missing (PC2 writes it)");
  const auto f = io::PositionalFile::open_read(p);
  std::vector<std::uint8_t> b(f.size());
  f.read_at(0, b);
  return b;
}

io::PositionalFile open_sized(const std::filesystem::path& p, std::uint64_t bytes) {
  if (!std::filesystem::exists(p)) throw Error(ErrorCode::BadInput, p.string() + " is missing");
  auto f = io::PositionalFile::open_read(p);
  if (f.size() != bytes)
    throw Error(ErrorCode::BadInput, p.string() + " holds " + std::to_string(f.size()) +
                                         " bytes, expected " + std::to_string(bytes));
  return f;
}

merkle::Node read_node(const io::PositionalFile& f, std::uint64_t index) {
  merkle::Node n{};
  f.read_at(index * 32, n);
  return n;
}

field::Fr to_fr(const merkle::Node& n, const std::filesystem::path& file, std::uint64_t index) {
  field::Fr v;
  if (!field::Fr::try_from_bytes(n, v))
    throw Error(ErrorCode::Corrupt,
                file.string() + ": node " + std::to_string(index) + " is not a field element");
  return v;
}

}  // namespace

PAux read_p_aux(const std::filesystem::path& cache_dir) {
  return decode_p_aux(read_all(cache_dir / kPAuxFileName));
}

int read_rows_to_discard(const std::filesystem::path& cache_dir, const SectorShape& shape) {
  const auto rtd = decode_t_aux(read_all(cache_dir / kTAuxFileName)).tree_r_last.rows_to_discard;
  const auto g = merkle::tree_geometry(shape.base_tree_leaves(), 8);
  if (rtd + 1 >= static_cast<std::uint64_t>(g.rows))
    throw Error(ErrorCode::Corrupt, (cache_dir / kTAuxFileName).string() + ": rows_to_discard " +
                                        std::to_string(rtd) +
                                        " is impossible for this sector size");
  return static_cast<int>(rtd);
}

std::shared_ptr<const io::PositionalFile> open_replica(const std::filesystem::path& sealed,
                                                       const SectorShape& shape) {
  return std::make_shared<const io::PositionalFile>(open_sized(sealed, shape.nodes * 32));
}

StoredTree::StoredTree(const std::filesystem::path& cache_dir, const SectorShape& shape,
                       bool tree_c, int first_row,
                       std::shared_ptr<const io::PositionalFile> replica)
    : shape_(&shape),
      base_(merkle::tree_geometry(shape.base_tree_leaves(), 8)),
      first_row_(first_row),
      replica_(std::move(replica)) {
  const auto trees = static_cast<std::size_t>(shape.base_trees());
  const std::uint64_t bytes = (base_.total() - base_.row_start(first_row)) * 32;
  for (std::size_t i = 0; i < trees; ++i) {
    const auto name = tree_c ? tree_c_file_name(trees, i) : tree_r_last_file_name(trees, i);
    files_.push_back(open_sized(cache_dir / name, bytes));
    base_roots_.push_back(
        to_fr(read_node(files_.back(), bytes / 32 - 1), files_.back().path(), base_.total() - 1));
  }
  root_ = merkle::compound_root(base_roots_, static_cast<std::size_t>(shape.sub_arity),
                                static_cast<std::size_t>(shape.top_arity))
              .to_bytes();
}

merkle::Node StoredTree::stored(std::size_t tree, int row, std::uint64_t i) const {
  return read_node(files_[tree], base_.row_start(row) - base_.row_start(first_row_) + i);
}

merkle::InclusionProof StoredTree::prove(std::uint64_t node) const {
  if (node >= shape_->nodes) throw Error(ErrorCode::BadInput, "node outside the sector");
  const std::size_t arity = base_.arity;
  const auto tree = static_cast<std::size_t>(node / base_.leaves);
  const std::uint64_t local = node % base_.leaves;
  // Rows below first_row: rebuild the sub-tree of arity^first_row leaves holding `local`.
  std::vector<std::vector<field::Fr>> low;  // low[r] = row r of the sub-tree
  std::uint64_t span = 1;
  for (int r = 0; r < first_row_; ++r) span *= arity;
  const std::uint64_t sub_first = local / span * span;
  if (first_row_ > 0) {
    std::vector<std::uint8_t> bytes(span * 32);
    const std::uint64_t first = static_cast<std::uint64_t>(tree) * base_.leaves + sub_first;
    replica_->read_at(first * 32, bytes);
    std::vector<field::Fr> leaves(span);
    for (std::uint64_t i = 0; i < span; ++i) {
      merkle::Node n{};
      std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(32 * i), 32, n.begin());
      leaves[i] = to_fr(n, replica_->path(), first + i);
    }
    low.push_back(std::move(leaves));
    for (auto& row : merkle::poseidon_tree_rows(arity, low[0], merkle::cpu_level_hasher()))
      low.push_back(std::move(row));
    const std::uint64_t at = local / span;
    if (low.back()[0].to_bytes() != stored(tree, first_row_, at))
      throw Error(ErrorCode::Corrupt,
                  replica_->path().string() + " nodes " + std::to_string(first) + ".." +
                      std::to_string(first + span - 1) + " do not hash to node " +
                      std::to_string(at) + " of row " + std::to_string(first_row_) + " in " +
                      files_[tree].path().string() + ": the replica or the tree file is damaged");
  }
  auto node_at = [&](int row, std::uint64_t i) -> merkle::Node {
    if (row >= first_row_) return stored(tree, row, i);
    std::uint64_t scale = 1;
    for (int r = 0; r < row; ++r) scale *= arity;
    return low[static_cast<std::size_t>(row)][i - sub_first / scale].to_bytes();
  };
  merkle::InclusionProof p;
  p.leaf = node_at(0, local);
  std::uint64_t pos = local;
  for (int row = 0; row + 1 < base_.rows; ++row, pos /= arity) {
    merkle::PathElement e;
    e.index = pos % arity;
    const std::uint64_t group = pos - e.index;
    for (std::uint64_t i = 0; i < arity; ++i)
      if (i != e.index) e.hashes.push_back(node_at(row, group + i));
    p.base.push_back(std::move(e));
  }
  const auto sub = static_cast<std::size_t>(shape_->sub_arity);
  const auto top = static_cast<std::size_t>(shape_->top_arity);
  if (sub > 0) {
    merkle::PathElement e;
    e.index = tree % sub;
    const std::size_t group = tree - e.index;
    for (std::size_t i = 0; i < sub; ++i)
      if (i != e.index) e.hashes.push_back(base_roots_[group + i].to_bytes());
    p.sub.push_back(std::move(e));
  }
  if (top > 0) {
    merkle::PathElement e;
    e.index = (tree / sub) % top;
    for (std::size_t i = 0; i < top; ++i)
      if (i != e.index)
        e.hashes.push_back(
            merkle::compound_root(std::span(base_roots_).subspan(i * sub, sub), sub, 0).to_bytes());
    p.top.push_back(std::move(e));
  }
  p.root = root_;
  return p;
}

ProvingTree::ProvingTree(const std::filesystem::path& cache_dir,
                         const std::filesystem::path& sealed, const SectorShape& shape)
    : p_aux(read_p_aux(cache_dir)),
      tree_r_last(cache_dir, shape, false, read_rows_to_discard(cache_dir, shape) + 1,
                  open_replica(sealed, shape)) {}

SectorTrees::SectorTrees(const std::filesystem::path& cache_dir,
                         const std::filesystem::path& sealed, const SectorShape& shape)
    : shape_(&shape),
      p_aux_(read_p_aux(cache_dir)),
      d_(merkle::tree_geometry(shape.nodes, 2)),
      tree_d_(open_sized(cache_dir / kTreeDFileName, d_.total() * 32)),
      replica_(open_replica(sealed, shape)),
      tree_c_(cache_dir, shape, true, 0, replica_),
      tree_r_(cache_dir, shape, false, read_rows_to_discard(cache_dir, shape) + 1, replica_) {}

merkle::Node SectorTrees::comm_d() const {
  return read_node(tree_d_, d_.total() - 1);
}

merkle::InclusionProof SectorTrees::tree_d_proof(std::uint64_t node) const {
  if (node >= shape_->nodes) throw Error(ErrorCode::BadInput, "node outside the sector");
  merkle::InclusionProof p;
  p.leaf = read_node(tree_d_, node);
  std::uint64_t pos = node;
  for (int row = 0; row + 1 < d_.rows; ++row, pos /= 2)
    p.base.push_back({{read_node(tree_d_, d_.row_start(row) + (pos ^ 1))}, pos & 1});
  p.root = comm_d();
  return p;
}

}  // namespace vseal::porep
