// Poseidon constants generated from first principles (poseidon.md §3, §4, §7): round numbers,
// Grain LFSR round constants, the Cauchy MDS matrix, and neptune's optimised form (compressed
// round constants, pre-sparse and sparse matrices). Nothing here is loaded from a file; the
// supra_seal blobs in the shared vectors only serve as a cross-check in tests.
#include <array>
#include <memory>
#include <mutex>

#include "base/error.hpp"
#include "hash/poseidon.hpp"

namespace vseal::hash {
namespace {

using Matrix = std::vector<std::vector<Fr>>;

// --- Grain LFSR (§4.1) ------------------------------------------------------------------

// 80-bit register kept as a ring of bits: b[head] is b0, so one clock is O(1).
class GrainLfsr {
 public:
  GrainLfsr(std::size_t width, int full_rounds, int partial_rounds) {
    std::size_t pos = 0;
    auto put = [&](std::uint64_t value, int nbits) {
      for (int i = nbits - 1; i >= 0; --i)
        bits_[pos++] = static_cast<std::uint8_t>((value >> i) & 1u);
    };
    put(1, 2);     // field type: prime field
    put(1, 4);     // S-box code neptune uses for x^5
    put(255, 12);  // field size in bits
    put(width, 12);
    put(static_cast<std::uint64_t>(full_rounds), 10);
    put(static_cast<std::uint64_t>(partial_rounds), 10);
    put((1u << 30) - 1, 30);
    VSEAL_ASSERT(pos == kBits);
    for (int i = 0; i < 160; ++i) clock();
  }

  // Next self-shrunk output bit: pairs (a, b), emit b when a == 1.
  std::uint8_t next_bit() {
    for (;;) {
      const std::uint8_t a = clock();
      const std::uint8_t b = clock();
      if (a == 1) return b;
    }
  }

  // Next field element: 255 bits, most significant first, rejected while >= r.
  Fr next_field_element() {
    for (;;) {
      std::array<std::uint64_t, 4> limbs{};
      for (int bit = 254; bit >= 0; --bit) {
        limbs[static_cast<std::size_t>(bit / 64)] |= static_cast<std::uint64_t>(next_bit())
                                                     << (bit % 64);
      }
      if (!field::detail::geq_modulus(limbs.data())) return Fr::from_canonical_limbs(limbs);
    }
  }

 private:
  static constexpr std::size_t kBits = 80;

  std::uint8_t at(std::size_t i) const { return bits_[(head_ + i) % kBits]; }
  std::uint8_t clock() {
    const std::uint8_t bit = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
    bits_[head_] = bit;  // b0 drops out; the new bit becomes b79
    head_ = (head_ + 1) % kBits;
    return bit;
  }

  std::array<std::uint8_t, kBits> bits_{};
  std::size_t head_ = 0;
};

// --- small dense linear algebra over Fr ----------------------------------------------------

Matrix identity(std::size_t n) {
  Matrix m(n, std::vector<Fr>(n, Fr::zero()));
  for (std::size_t i = 0; i < n; ++i) m[i][i] = Fr::one();
  return m;
}

Matrix multiply(const Matrix& a, const Matrix& b) {
  const std::size_t n = a.size(), k = b.size(), m = b[0].size();
  Matrix out(n, std::vector<Fr>(m, Fr::zero()));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t l = 0; l < k; ++l) {
      if (a[i][l].is_zero()) continue;
      for (std::size_t j = 0; j < m; ++j) out[i][j] += a[i][l] * b[l][j];
    }
  }
  return out;
}

std::vector<Fr> mat_vec(const Matrix& a, const std::vector<Fr>& v) {
  std::vector<Fr> out(a.size(), Fr::zero());
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < v.size(); ++j) out[i] += a[i][j] * v[j];
  }
  return out;
}

// Gauss-Jordan inverse; the Cauchy matrix and its minors are invertible, so a zero pivot
// column means a bug.
Matrix invert(Matrix a) {
  const std::size_t n = a.size();
  Matrix inv = identity(n);
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    while (pivot < n && a[pivot][col].is_zero()) ++pivot;
    VSEAL_ASSERT(pivot < n);
    std::swap(a[pivot], a[col]);
    std::swap(inv[pivot], inv[col]);
    const Fr scale = a[col][col].inverse();
    for (std::size_t j = 0; j < n; ++j) {
      a[col][j] *= scale;
      inv[col][j] *= scale;
    }
    for (std::size_t row = 0; row < n; ++row) {
      if (row == col || a[row][col].is_zero()) continue;
      const Fr f = a[row][col];
      for (std::size_t j = 0; j < n; ++j) {
        a[row][j] -= f * a[col][j];
        inv[row][j] -= f * inv[col][j];
      }
    }
  }
  return inv;
}

Matrix transpose(const Matrix& a) {
  Matrix t(a[0].size(), std::vector<Fr>(a.size()));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < a[0].size(); ++j) t[j][i] = a[i][j];
  }
  return t;
}

std::vector<Fr> flatten(const Matrix& m) {
  std::vector<Fr> out;
  for (const auto& row : m) out.insert(out.end(), row.begin(), row.end());
  return out;
}

// --- the instance ---------------------------------------------------------------------------

std::vector<Fr> round_keys(const PoseidonConstants& c, std::size_t round) {
  const auto first = c.round_constants.begin() + static_cast<std::ptrdiff_t>(round * c.width);
  return std::vector<Fr>(first, first + static_cast<std::ptrdiff_t>(c.width));
}

// §7.1: compressed round constants.
void compress_round_constants(PoseidonConstants& c, const Matrix& m_inv) {
  const std::size_t half = static_cast<std::size_t>(c.full_rounds / 2);
  const std::size_t rp = static_cast<std::size_t>(c.partial_rounds);
  auto& out = c.compressed_round_constants;
  const auto rc0 = round_keys(c, 0);
  out.insert(out.end(), rc0.begin(), rc0.end());
  for (std::size_t r = 1; r < half; ++r) {
    const auto v = mat_vec(m_inv, round_keys(c, r));
    out.insert(out.end(), v.begin(), v.end());
  }
  // Backward pass: push each partial round's constants (except lane 0) through M^-1 into the
  // round before, so a partial round only adds one constant, to lane 0.
  std::vector<Fr> acc = round_keys(c, half + rp);
  std::vector<Fr> partial;
  for (std::size_t r = half + rp; r-- > half;) {
    auto x = mat_vec(m_inv, acc);
    partial.push_back(x[0]);
    x[0] = Fr::zero();
    const auto rk = round_keys(c, r);
    for (std::size_t i = 0; i < c.width; ++i) acc[i] = rk[i] + x[i];
  }
  const auto last = mat_vec(m_inv, acc);
  out.insert(out.end(), last.begin(), last.end());
  out.insert(out.end(), partial.rbegin(), partial.rend());
  for (std::size_t r = half + rp + 1; r < static_cast<std::size_t>(c.full_rounds) + rp; ++r) {
    const auto v = mat_vec(m_inv, round_keys(c, r));
    out.insert(out.end(), v.begin(), v.end());
  }
  VSEAL_ASSERT(out.size() == static_cast<std::size_t>(c.full_rounds) * c.width + rp);
}

// §7.2: M = P * S_0 * ... * S_{R_P-1} with sparse S_j (identity except first row and column).
void factor_sparse(PoseidonConstants& c, const Matrix& mds) {
  const std::size_t t = c.width;
  const Matrix base = transpose(mds);
  Matrix cur = base;
  std::vector<std::vector<Fr>> recorded;
  for (int round = 0; round < c.partial_rounds; ++round) {
    Matrix a_hat(t - 1, std::vector<Fr>(t - 1));
    std::vector<Fr> w(t - 1), v(t - 1);
    for (std::size_t i = 1; i < t; ++i) {
      w[i - 1] = cur[i][0];
      v[i - 1] = cur[0][i];
      for (std::size_t j = 1; j < t; ++j) a_hat[i - 1][j - 1] = cur[i][j];
    }
    const auto w_hat = mat_vec(invert(a_hat), w);
    std::vector<Fr> entry;
    entry.reserve(2 * t - 1);
    entry.push_back(cur[0][0]);
    entry.insert(entry.end(), w_hat.begin(), w_hat.end());
    entry.insert(entry.end(), v.begin(), v.end());
    recorded.push_back(std::move(entry));
    Matrix m_prime = identity(t);
    for (std::size_t i = 1; i < t; ++i) {
      for (std::size_t j = 1; j < t; ++j) m_prime[i][j] = a_hat[i - 1][j - 1];
    }
    cur = multiply(base, m_prime);
  }
  c.pre_sparse = flatten(cur);
  for (auto it = recorded.rbegin(); it != recorded.rend(); ++it) {
    c.sparse.insert(c.sparse.end(), it->begin(), it->end());
  }
}

std::unique_ptr<PoseidonConstants> generate(std::size_t arity, PoseidonStrength strength) {
  auto c = std::make_unique<PoseidonConstants>();
  c->arity = arity;
  c->width = arity + 1;
  c->strength = strength;
  const PoseidonRounds rounds = poseidon_round_numbers(c->width, strength);
  c->full_rounds = rounds.full;
  c->partial_rounds = rounds.partial;

  GrainLfsr grain(c->width, rounds.full, rounds.partial);
  const std::size_t count = c->width * static_cast<std::size_t>(rounds.full + rounds.partial);
  c->round_constants.reserve(count);
  for (std::size_t i = 0; i < count; ++i) c->round_constants.push_back(grain.next_field_element());

  // Cauchy matrix with xs = 0..t-1, ys = t..2t-1: M[i][j] = 1 / (i + j + t).
  Matrix mds(c->width, std::vector<Fr>(c->width));
  for (std::size_t i = 0; i < c->width; ++i) {
    for (std::size_t j = 0; j < c->width; ++j) mds[i][j] = Fr::from_u64(i + j + c->width).inverse();
  }
  c->mds = flatten(mds);
  compress_round_constants(*c, invert(mds));
  factor_sparse(*c, mds);
  return c;
}

}  // namespace

PoseidonRounds poseidon_round_numbers(std::size_t width, PoseidonStrength strength) {
  // neptune's search (calc_round_numbers with n = 256, M = 128, alpha = 5, security margin)
  // yields R_F = 8 and R_P constant over these width ranges; poseidon.md §3.
  struct Range {
    std::size_t max_width;
    int partial;
  };
  static constexpr Range kStandard[] = {{3, 55},  {7, 56},   {15, 57}, {31, 59},
                                        {62, 60}, {124, 61}, {125, 62}};
  if (width < 2 || width > 125) {
    throw Error(ErrorCode::BadInput,
                "Poseidon width " + std::to_string(width) + " is outside 2..125");
  }
  int partial = 0;
  for (const auto& range : kStandard) {
    if (width <= range.max_width) {
      partial = range.partial;
      break;
    }
  }
  if (strength == PoseidonStrength::Strengthened) partial = (partial * 5 + 3) / 4;  // ceil(1.25x)
  return {8, partial};
}

const PoseidonConstants& poseidon_constants(std::size_t arity, PoseidonStrength strength) {
  if (arity < 1 || arity > kPoseidonMaxArity) {
    throw Error(ErrorCode::BadInput, "Poseidon arity " + std::to_string(arity) +
                                         " is not supported (1.." +
                                         std::to_string(kPoseidonMaxArity) + ")");
  }
  // Generated on first use and never modified afterwards: immutable derived data, not
  // configuration. once_flag makes concurrent first uses safe.
  struct Slot {
    std::once_flag once;
    std::unique_ptr<PoseidonConstants> constants;
  };
  static std::array<std::array<Slot, 2>, kPoseidonMaxArity + 1> slots;
  Slot& slot = slots[arity][strength == PoseidonStrength::Standard ? 0 : 1];
  std::call_once(slot.once, [&] { slot.constants = generate(arity, strength); });
  return *slot.constants;
}

Fr poseidon_merkle_tag(std::size_t arity) {
  if (arity < 1 || arity > 63) {
    throw Error(ErrorCode::BadInput, "MerkleTree tag needs an arity in 1..63");
  }
  return Fr::from_u64((std::uint64_t{1} << arity) - 1);
}

Fr poseidon_custom_tag(std::uint64_t id) {
  if (id < 1 || id > 256) throw Error(ErrorCode::BadInput, "custom Poseidon tag id must be 1..256");
  return Fr::from_canonical_limbs({id << 40, 0, 0, 0});
}

Fr poseidon_constant_length_tag(std::uint64_t n) {
  return Fr::from_canonical_limbs({0, n, 0, 0});
}

Fr poseidon_domain_tag(PoseidonHashType type, std::size_t arity, std::uint64_t param) {
  switch (type) {
    case PoseidonHashType::MerkleTree:
      return poseidon_merkle_tag(arity);
    case PoseidonHashType::ConstantLength:
      return poseidon_constant_length_tag(param);
    case PoseidonHashType::Encryption:
      return Fr::from_u64(std::uint64_t{1} << 32);
    case PoseidonHashType::Custom:
      return poseidon_custom_tag(param);
    case PoseidonHashType::Sponge:
      return Fr::zero();
  }
  throw Error(ErrorCode::BadInput, "unknown Poseidon hash type");
}

std::vector<std::uint8_t> poseidon_supra_seal_blob(const PoseidonConstants& c) {
  std::vector<std::uint8_t> out;
  auto append = [&](const std::vector<Fr>& values) {
    for (const Fr& v : values) {
      for (const std::uint64_t limb : v.mont) {
        for (int b = 0; b < 8; ++b) out.push_back(static_cast<std::uint8_t>(limb >> (8 * b)));
      }
    }
  };
  append(c.compressed_round_constants);
  append(c.mds);
  append(c.pre_sparse);
  append(c.sparse);
  return out;
}

}  // namespace vseal::hash
