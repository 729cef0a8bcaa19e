#pragma once
// Inclusion proofs out of a sealed sector's files (commit-and-post.md §4.2): tree_d from
// `sc-02-data-tree-d.dat` (every row stored), tree_c from its base-tree files (every row), and
// tree_r_last from its base-tree files, which lack the leaves and `rows_to_discard` rows
// above them: those are rebuilt from the replica for the 8^(rtd+1)-leaf sub-tree around the
// leaf, and the rebuilt sub-tree root is checked against the stored row so a damaged replica
// or tree file is reported (Error{Corrupt}, naming file and node) rather than proven.
// Sub and top levels come from the base roots (last element of each base-tree file).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "io/positional_file.hpp"
#include "merkle/inclusion_proof.hpp"
#include "merkle/tree_shape.hpp"
#include "porep/cache_files.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::porep {

class SectorTrees {
 public:
  // Opens the files of a cache directory (t_aux gives rows_to_discard; p_aux the roots) and
  // the sealed replica. Throws Error{BadInput} for missing files or wrong sizes, naming them.
  SectorTrees(const std::filesystem::path& cache_dir, const std::filesystem::path& sealed,
              const SectorShape& shape);

  merkle::InclusionProof tree_d_proof(std::uint64_t node) const;
  merkle::InclusionProof tree_c_proof(std::uint64_t node) const;
  merkle::InclusionProof tree_r_last_proof(std::uint64_t node) const;

  const PAux& p_aux() const { return p_aux_; }
  merkle::Node comm_d() const;  // tree_d's root
  int rows_to_discard() const { return rows_to_discard_; }

 private:
  struct PoseidonTree {
    std::vector<io::PositionalFile> files;  // one per base tree
    int first_row = 0;                      // rows below are not stored
    std::vector<merkle::Node> base_roots;
  };
  merkle::InclusionProof poseidon_proof(const PoseidonTree& t, std::uint64_t node) const;
  merkle::Node stored(const PoseidonTree& t, std::size_t tree, int row, std::uint64_t i) const;
  PoseidonTree open_tree(const std::filesystem::path& dir, bool tree_c, int first_row) const;

  const SectorShape& shape_;
  PAux p_aux_;
  int rows_to_discard_ = 0;
  merkle::TreeGeometry base_;  // one base tree of tree_c / tree_r_last
  merkle::TreeGeometry d_;     // tree_d
  io::PositionalFile tree_d_;
  io::PositionalFile replica_;
  PoseidonTree tree_c_, tree_r_;
};

}  // namespace vseal::porep
