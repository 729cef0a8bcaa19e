#pragma once
// The fields every stage's spec uses to name a sector and its proof type (docs/job-specs.md):
// miner, sector_number and either registered_proof or sector_size + porep_id + api_version.
// Read through a SpecObject, so errors name the field and exit with code 2.
#include <cstdint>
#include <string>

#include "jobs/common/spec.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::jobs {

struct SectorIdentity {
  std::uint64_t miner = 0;  // actor id (t0<miner>)
  std::uint64_t sector_number = 0;
  std::string registered_proof;  // empty for test sizes given by sector_size + porep_id
  std::uint64_t sector_size = 0;
  std::uint64_t nodes = 0;
  int layers = 0;
  porep::PorepId porep_id{};
  porep::ApiVersion api_version = porep::ApiVersion::V1_1_0;
};

SectorIdentity read_sector_identity(SpecObject& spec);

}  // namespace vseal::jobs
