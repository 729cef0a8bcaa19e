// Registered seal proofs and sector shapes (porep-sdr.md §1.1, §1.2).
#include "porep/registered_proof.hpp"

#include <charconv>

#include "base/error.hpp"

namespace vseal::porep {
namespace {

constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

// size, nodes, layers, shape, rows_to_discard, partitions, challenges/partition, registered
constexpr SectorShape kShapes[] = {
    {2 * KiB, 2 * KiB / 32, 2, 8, 0, 0, 1, 1, 2, true},
    {4 * KiB, 4 * KiB / 32, 2, 8, 2, 0, 1, 1, 2, false},
    {16 * KiB, 16 * KiB / 32, 2, 8, 8, 0, 1, 1, 2, false},
    {32 * KiB, 32 * KiB / 32, 2, 8, 8, 2, 1, 1, 2, false},
    {8 * MiB, 8 * MiB / 32, 2, 8, 0, 0, 2, 1, 2, true},
    {16 * MiB, 16 * MiB / 32, 2, 8, 2, 0, 2, 1, 2, false},
    {512 * MiB, 512 * MiB / 32, 2, 8, 0, 0, 2, 1, 2, true},
    {1 * GiB, 1 * GiB / 32, 2, 8, 2, 0, 2, 1, 2, false},
    {32 * GiB, 32 * GiB / 32, 11, 8, 8, 0, 2, 10, 18, true},
    {64 * GiB, 64 * GiB / 32, 11, 8, 8, 2, 2, 10, 18, true},
};

constexpr std::uint64_t kProductionSizes[] = {2 * KiB, 8 * MiB, 512 * MiB, 32 * GiB, 64 * GiB};
constexpr std::string_view kSizeNames[] = {"2KiB", "8MiB", "512MiB", "32GiB", "64GiB"};

struct ProofTable {
  std::array<RegisteredSealProof, 20> proofs;
  std::array<std::string, 20> names;
  ProofTable() {
    static constexpr std::string_view kSuffix[] = {"V1", "V1_1", "V1_1_Feat_SyntheticPoRep",
                                                   "V1_2_Feat_NonInteractivePoRep"};
    static constexpr ApiVersion kApi[] = {ApiVersion::V1_0_0, ApiVersion::V1_1_0,
                                          ApiVersion::V1_2_0, ApiVersion::V1_2_0};
    static constexpr ApiFeature kFeature[] = {ApiFeature::None, ApiFeature::None,
                                              ApiFeature::SyntheticPoRep,
                                              ApiFeature::NonInteractivePoRep};
    for (int group = 0; group < 4; ++group) {
      for (int s = 0; s < 5; ++s) {
        const auto i = static_cast<std::size_t>(group * 5 + s);
        names[i] = "StackedDrg" + std::string(kSizeNames[s]) + std::string(kSuffix[group]);
        proofs[i] = {static_cast<int>(i), names[i], kProductionSizes[s], kApi[group],
                     kFeature[group]};
      }
    }
  }
};

const ProofTable& table() {
  static const ProofTable t;
  return t;
}

}  // namespace

ApiVersion parse_api_version(std::string_view text) {
  if (text == "1.0.0") return ApiVersion::V1_0_0;
  if (text == "1.1.0") return ApiVersion::V1_1_0;
  if (text == "1.2.0") return ApiVersion::V1_2_0;
  throw Error(ErrorCode::BadInput,
              "api version '" + std::string(text) + "' is not one of 1.0.0, 1.1.0, 1.2.0");
}

std::string_view api_version_name(ApiVersion v) {
  switch (v) {
    case ApiVersion::V1_0_0:
      return "1.0.0";
    case ApiVersion::V1_1_0:
      return "1.1.0";
    case ApiVersion::V1_2_0:
      return "1.2.0";
  }
  return "?";
}

std::span<const SectorShape> sector_shapes() {
  return kShapes;
}

const SectorShape& sector_shape(std::uint64_t sector_size) {
  for (const auto& s : kShapes) {
    if (s.sector_size == sector_size) return s;
  }
  std::string sizes;
  for (const auto& s : kShapes)
    sizes += (sizes.empty() ? "" : ", ") + std::to_string(s.sector_size);
  throw Error(ErrorCode::BadInput, "unsupported sector size " + std::to_string(sector_size) +
                                       " bytes (supported: " + sizes + ")");
}

std::uint64_t parse_sector_size(std::string_view text) {
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr == text.data()) {
    throw Error(ErrorCode::BadInput, "sector size '" + std::string(text) + "' is not a size");
  }
  const std::string_view unit(ptr, static_cast<std::size_t>(end - ptr));
  std::uint64_t mult = 0;
  if (unit.empty() || unit == "B")
    mult = 1;
  else if (unit == "KiB")
    mult = KiB;
  else if (unit == "MiB")
    mult = MiB;
  else if (unit == "GiB")
    mult = GiB;
  if (mult == 0) {
    throw Error(ErrorCode::BadInput,
                "sector size unit '" + std::string(unit) + "' is not one of KiB, MiB, GiB");
  }
  return sector_shape(value * mult).sector_size;
}

std::span<const RegisteredSealProof> registered_seal_proofs() {
  return table().proofs;
}

const RegisteredSealProof& registered_seal_proof(int id) {
  if (id < 0 || id >= 20) {
    throw Error(ErrorCode::BadInput,
                "registered seal proof id " + std::to_string(id) + " is not in 0..19");
  }
  return table().proofs[static_cast<std::size_t>(id)];
}

const RegisteredSealProof& registered_seal_proof(std::string_view name) {
  std::string rust_name(name);
  constexpr std::string_view kGoSuffix = "_Feat_NiPoRep";
  if (rust_name.size() > kGoSuffix.size() && rust_name.ends_with(kGoSuffix)) {
    rust_name =
        rust_name.substr(0, rust_name.size() - kGoSuffix.size()) + "_Feat_NonInteractivePoRep";
  }
  for (const auto& p : table().proofs) {
    if (p.name == rust_name) return p;
  }
  throw Error(ErrorCode::BadInput, "unknown registered seal proof '" + std::string(name) + "'");
}

PorepId porep_id_for(int registered_proof_id, std::uint64_t nonce) {
  registered_seal_proof(registered_proof_id);  // validates the id
  PorepId id{};
  const auto v = static_cast<std::uint64_t>(registered_proof_id);
  for (std::size_t i = 0; i < 8; ++i) {
    id[i] = static_cast<std::uint8_t>(v >> (8 * i));
    id[8 + i] = static_cast<std::uint8_t>(nonce >> (8 * i));
  }
  return id;
}

}  // namespace vseal::porep
