// Feistel permutation with BLAKE2b-512 from OpenSSL 3 (one digest context per instance, the
// algorithm fetched once per process).
#include "porep/feistel.hpp"

#include <openssl/evp.h>

#include "base/error.hpp"

namespace vseal::porep {
namespace {

const EVP_MD* blake2b512() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "BLAKE2B-512", nullptr);
  if (md == nullptr) throw Error(ErrorCode::Unsupported, "OpenSSL has no BLAKE2B-512");
  return md;
}

}  // namespace

struct Feistel::Ctx {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Ctx() { EVP_MD_CTX_free(ctx); }
};

Feistel::Feistel(const std::array<std::uint64_t, 4>& keys, std::uint64_t domain)
    : keys_(keys), domain_(domain), ctx_(std::make_unique<Ctx>()) {
  if (domain < 2) throw Error(ErrorCode::BadInput, "Feistel domain must be at least 2");
  if (ctx_->ctx == nullptr) throw Error(ErrorCode::Internal, "EVP_MD_CTX_new failed");
  // Smallest h >= 1 with 4^h >= domain.
  half_bits_ = 1;
  while ((std::uint64_t{1} << (2 * half_bits_)) < domain) ++half_bits_;
  right_mask_ = (std::uint64_t{1} << half_bits_) - 1;
}

Feistel::~Feistel() = default;
Feistel::Feistel(Feistel&&) noexcept = default;

std::uint64_t Feistel::round(std::uint64_t r, std::uint64_t key) {
  std::uint8_t msg[16];
  for (int i = 0; i < 8; ++i) {
    msg[i] = static_cast<std::uint8_t>(r >> (56 - 8 * i));
    msg[8 + i] = static_cast<std::uint8_t>(key >> (56 - 8 * i));
  }
  std::uint8_t digest[64];
  unsigned int len = 0;
  if (EVP_DigestInit_ex2(ctx_->ctx, blake2b512(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx_->ctx, msg, sizeof msg) != 1 ||
      EVP_DigestFinal_ex(ctx_->ctx, digest, &len) != 1) {
    throw Error(ErrorCode::Internal, "BLAKE2b-512 failed in OpenSSL");
  }
  std::uint64_t out = 0;
  for (int i = 0; i < 8; ++i) out = (out << 8) | digest[i];
  return out & right_mask_;
}

std::uint64_t Feistel::encode(std::uint64_t x) {
  std::uint64_t left = (x & left_mask()) >> half_bits_;
  std::uint64_t right = x & right_mask_;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::uint64_t next_right = left ^ round(right, keys_[i]);
    left = right;
    right = next_right;
  }
  return (left << half_bits_) | right;
}

std::uint64_t Feistel::permute(std::uint64_t x) {
  std::uint64_t y = encode(x);
  while (y >= domain_) y = encode(y);
  return y;
}

}  // namespace vseal::porep
