#pragma once
// neptune-compatible Poseidon over BLS12-381 Fr (spec: poseidon.md). Width t = arity + 1, lane 0
// holds the domain tag, lanes 1..arity the preimage, the digest is lane 1 after the permutation.
// Constants are generated in code (Grain LFSR round constants, Cauchy MDS, neptune's compressed
// constants and sparse-matrix factorisation), once per (arity, strength), and are immutable and
// shared read-only between threads afterwards. The plain permutation (§5) and the optimised one
// (§7) agree bit for bit; hashes use the optimised one. Inputs are canonical Fr values; outputs
// are full field elements (never trimmed).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "field/fr.hpp"

namespace vseal::hash {

using field::Fr;

enum class PoseidonStrength { Standard, Strengthened };

// Arity limits: 1..36 (t = 2..37) covers every Filecoin use (2, 4, 8, 11, 16, 24, 36).
inline constexpr std::size_t kPoseidonMaxArity = 36;
inline constexpr std::size_t kPoseidonMaxWidth = kPoseidonMaxArity + 1;

struct PoseidonRounds {
  int full;     // R_F, always 8 (4 before and 4 after the partial rounds)
  int partial;  // R_P
};
// neptune's round numbers for width t (2..125); throws Error{BadInput} outside that range.
PoseidonRounds poseidon_round_numbers(std::size_t width, PoseidonStrength strength);

struct PoseidonConstants {
  std::size_t arity = 0;
  std::size_t width = 0;  // t
  int full_rounds = 0;
  int partial_rounds = 0;
  PoseidonStrength strength = PoseidonStrength::Standard;
  // Plain form (§4): t*(R_F+R_P) round constants (round r, lane i at r*t+i) and the t x t
  // Cauchy MDS matrix, row-major.
  std::vector<Fr> round_constants;
  std::vector<Fr> mds;
  // Optimised form (§7): compressed constants (R_F*t + R_P), the pre-sparse matrix P (t x t,
  // row-major, applied as s.P) and R_P sparse matrices, each t values of the first column
  // (w_hat_full) then t-1 values of the rest of the first row (v_rest).
  std::vector<Fr> compressed_round_constants;
  std::vector<Fr> pre_sparse;
  std::vector<Fr> sparse;
};

// Throws Error{BadInput} for an arity outside 1..36.
const PoseidonConstants& poseidon_constants(std::size_t arity,
                                            PoseidonStrength strength = PoseidonStrength::Standard);

// Domain tags (§2.1).
Fr poseidon_merkle_tag(std::size_t arity);         // 2^arity - 1
Fr poseidon_custom_tag(std::uint64_t id);          // id * 2^40 (SnapDeals uses id 1)
Fr poseidon_constant_length_tag(std::uint64_t n);  // n * 2^64
enum class PoseidonHashType { MerkleTree, ConstantLength, Encryption, Custom, Sponge };
// Any of neptune's tags: `param` is the length (ConstantLength) or the id (Custom).
Fr poseidon_domain_tag(PoseidonHashType type, std::size_t arity, std::uint64_t param = 0);

// Permutations over a full state of c.width elements.
void poseidon_permute_plain(const PoseidonConstants& c, std::span<Fr> state);
// One round r (0-based) of the plain permutation: constants, S-box, MDS. For traces and tests.
void poseidon_plain_round(const PoseidonConstants& c, std::span<Fr> state, std::size_t round);
void poseidon_permute_optimized(const PoseidonConstants& c, std::span<Fr> state);

// H_a(inputs) with the MerkleTree tag; arity = inputs.size().
Fr poseidon_hash(std::span<const Fr> inputs,
                 PoseidonStrength strength = PoseidonStrength::Standard);
// State [tag, inputs..., 0...] for the given arity (inputs.size() <= arity); output lane 1.
Fr poseidon_hash_tagged(const Fr& tag, std::span<const Fr> inputs, std::size_t arity,
                        PoseidonStrength strength = PoseidonStrength::Standard);
// neptune's constant-length simplex sponge (§2.2): any number of inputs, tag n*2^64.
Fr poseidon_sponge_constant_length(std::size_t arity, std::span<const Fr> inputs,
                                   PoseidonStrength strength = PoseidonStrength::Standard);
// filecoin-hashers hash_md (§6): arity-36 chaining over >= 1 inputs.
Fr poseidon_hash_md(std::span<const Fr> inputs);

// Bulk MerkleTree hashing: out[k] = H_arity(inputs[k*arity .. k*arity+arity-1]).
// inputs.size() must equal out.size() * arity. Uses the fastest backend of this CPU.
void poseidon_hash_batch(std::size_t arity, std::span<Fr> out, std::span<const Fr> inputs,
                         PoseidonStrength strength = PoseidonStrength::Standard);

// Implementations of the bulk hash, for tests and benchmarks to compare. Ifma hashes eight
// preimages per pass with AVX-512 IFMA (CPUs with avx512ifma).
enum class PoseidonBackend { Plain, Optimized, OptimizedAdx, Ifma };
bool poseidon_backend_supported(PoseidonBackend backend) noexcept;
PoseidonBackend poseidon_best_backend() noexcept;
std::string_view poseidon_backend_name(PoseidonBackend backend) noexcept;
void poseidon_hash_batch_with(PoseidonBackend backend, std::size_t arity, std::span<Fr> out,
                              std::span<const Fr> inputs,
                              PoseidonStrength strength = PoseidonStrength::Standard);

// The supra_seal constants blob for this instance (§8): C, M, P, sparse matrices, each element
// 32 bytes of Montgomery-form limbs. Used to cross-check the optimised constants.
std::vector<std::uint8_t> poseidon_supra_seal_blob(const PoseidonConstants& c);

}  // namespace vseal::hash
