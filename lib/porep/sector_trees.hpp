#pragma once
// Inclusion proofs out of a sealed sector's files (commit-and-post.md §4.2, §7.3): tree_d from
// `sc-02-data-tree-d.dat` (every row stored), tree_c from its base-tree files (every row), and
// tree_r_last from its base-tree files, which lack the leaves and `rows_to_discard` rows
// above them: those are rebuilt from the replica for the 8^(rtd+1)-leaf sub-tree around the
// leaf, and the rebuilt sub-tree root is checked against the stored row so a damaged replica
// or tree file is reported (Error{Corrupt}, naming file and node) rather than proven.
// Sub and top levels come from the base roots (last element of each base-tree file).
// C1 needs all three trees (SectorTrees); PoSt only tree_r_last, p_aux and t_aux, which is
// what a finalized sector keeps (ProvingTree). Missing files or wrong sizes: Error{BadInput}.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "io/positional_file.hpp"
#include "merkle/inclusion_proof.hpp"
#include "merkle/tree_shape.hpp"
#include "porep/cache_files.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::porep {

// tree_c or tree_r_last of one sector, as base-tree files.
class StoredTree {
 public:
  // first_row: 0 for tree_c (all rows stored); rows_to_discard + 1 for tree_r_last, whose lower
  // rows are rebuilt from `replica`.
  StoredTree(const std::filesystem::path& cache_dir, const SectorShape& shape, bool tree_c,
             int first_row, std::shared_ptr<const io::PositionalFile> replica);
  merkle::InclusionProof prove(std::uint64_t node) const;
  merkle::Node root() const { return root_; }

 private:
  merkle::Node stored(std::size_t tree, int row, std::uint64_t i) const;
  const SectorShape* shape_;
  merkle::TreeGeometry base_;
  int first_row_;
  std::vector<io::PositionalFile> files_;  // one per base tree
  std::vector<field::Fr> base_roots_;
  merkle::Node root_{};
  std::shared_ptr<const io::PositionalFile> replica_;
};

// p_aux and t_aux of a cache directory.
PAux read_p_aux(const std::filesystem::path& cache_dir);
int read_rows_to_discard(const std::filesystem::path& cache_dir, const SectorShape& shape);
// The replica, checked to be exactly sector-sized.
std::shared_ptr<const io::PositionalFile> open_replica(const std::filesystem::path& sealed,
                                                       const SectorShape& shape);

// What PoSt proves from: p_aux and tree_r_last (+ the replica).
struct ProvingTree {
  ProvingTree(const std::filesystem::path& cache_dir, const std::filesystem::path& sealed,
              const SectorShape& shape);
  PAux p_aux;
  StoredTree tree_r_last;
};

// Everything C1 opens.
class SectorTrees {
 public:
  SectorTrees(const std::filesystem::path& cache_dir, const std::filesystem::path& sealed,
              const SectorShape& shape);

  merkle::InclusionProof tree_d_proof(std::uint64_t node) const;
  merkle::InclusionProof tree_c_proof(std::uint64_t node) const { return tree_c_.prove(node); }
  merkle::InclusionProof tree_r_last_proof(std::uint64_t node) const { return tree_r_.prove(node); }

  const PAux& p_aux() const { return p_aux_; }
  merkle::Node comm_d() const;  // tree_d's root

 private:
  const SectorShape* shape_;
  PAux p_aux_;
  merkle::TreeGeometry d_;
  io::PositionalFile tree_d_;
  std::shared_ptr<const io::PositionalFile> replica_;
  StoredTree tree_c_, tree_r_;
};

}  // namespace vseal::porep
