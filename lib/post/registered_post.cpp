// Registered PoSt proofs (see registered_post.hpp).
#include "post/registered_post.hpp"

#include <array>
#include <string>

#include "base/error.hpp"

namespace vseal::post {
namespace {

constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;
constexpr std::uint64_t kSizes[] = {2 * KiB, 8 * MiB, 512 * MiB, 32 * GiB, 64 * GiB};
constexpr std::string_view kSizeNames[] = {"2KiB", "8MiB", "512MiB", "32GiB", "64GiB"};
constexpr std::uint64_t kWindowSectors[] = {2, 2, 2, 2349, 2300};

struct PostTable {
  std::array<RegisteredPostProof, 15> proofs;
  std::array<std::string, 15> names;
  PostTable() {
    for (std::size_t group = 0; group < 3; ++group) {
      for (std::size_t s = 0; s < 5; ++s) {
        const std::size_t i = group * 5 + s;
        const bool winning = group == 0;
        names[i] = std::string(winning ? "StackedDrgWinning" : "StackedDrgWindow");
        names[i] += kSizeNames[s];
        names[i] += group == 2 ? "V1_2" : "V1";
        proofs[i] = {static_cast<int>(i),
                     names[i],
                     kSizes[s],
                     winning ? PostKind::Winning : PostKind::Window,
                     group == 2 ? porep::ApiVersion::V1_2_0 : porep::ApiVersion::V1_0_0,
                     winning ? kWinningChallenges : kWindowSectors[s],
                     winning ? 1 : kWindowChallengesPerSector};
      }
    }
  }
};

const PostTable& table() {
  static const PostTable t;
  return t;
}

}  // namespace

std::span<const RegisteredPostProof> registered_post_proofs() {
  return table().proofs;
}

const RegisteredPostProof& registered_post_proof(int id) {
  if (id < 0 || id >= 15)
    throw Error(ErrorCode::BadInput,
                "registered PoSt proof id " + std::to_string(id) + " is not in 0..14");
  return table().proofs[static_cast<std::size_t>(id)];
}

const RegisteredPostProof& registered_post_proof(std::string_view name) {
  std::string rust_name(name);
  // go-state-types calls the proofs-1.2.0 Window PoSt "V1_1".
  if (rust_name.starts_with("StackedDrgWindow") && rust_name.ends_with("V1_1"))
    rust_name.back() = '2';
  for (const auto& p : table().proofs)
    if (p.name == rust_name) return p;
  throw Error(ErrorCode::BadInput, "unknown registered PoSt proof '" + std::string(name) + "'");
}

std::uint64_t window_sectors_per_partition(std::uint64_t sector_size) {
  for (std::size_t s = 0; s < 5; ++s)
    if (kSizes[s] == sector_size) return kWindowSectors[s];
  throw Error(ErrorCode::BadInput,
              "no Window PoSt for sector size " + std::to_string(sector_size) + " bytes");
}

}  // namespace vseal::post
