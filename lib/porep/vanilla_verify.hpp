#pragma once
// The vanilla PoRep verifier (commit-and-post.md §4.3): checks a C1 output against its public
// values the way rust-fil-proofs does before C2, and a little more (the label parents are
// checked against the parent columns, as the circuit enforces). Challenges are re-derived from
// replica_id, seed and comm_r by the proof type's rules and parents from its graph. Every
// failure is reported with its place — partition, challenge, node and which opening — so an
// operator can tell a damaged layer from a damaged tree file. Never throws on bad proofs.
#include <string>
#include <vector>

#include "porep/vanilla_proof.hpp"

namespace vseal::porep {

struct VanillaReport {
  bool ok() const { return problems.empty(); }
  std::vector<std::string> problems;  // at most max_problems, then a count of the rest
  std::size_t challenges_checked = 0;
};

VanillaReport verify_c1_output(const C1Output& c1, std::size_t max_problems = 20);

}  // namespace vseal::porep
