// Sector identity fields shared by the stage specs.
#include "jobs/common/sector_spec.hpp"

#include "base/error.hpp"

namespace vseal::jobs {

SectorIdentity read_sector_identity(SpecObject& spec) {
  SectorIdentity s;
  s.miner = spec.u64("miner");
  s.sector_number = spec.u64("sector_number");
  const auto registered = spec.optional_string("registered_proof");
  const auto size_text = spec.optional_string("sector_size");
  const auto porep_id = spec.optional_hex32("porep_id");
  const auto api = spec.optional_string("api_version");
  if (registered) {
    if (size_text || porep_id) {
      throw Error(ErrorCode::BadInput,
                  "spec: give either registered_proof or sector_size + porep_id, not both");
    }
    const auto& proof = porep::registered_seal_proof(*registered);
    s.registered_proof = std::string(proof.name);
    s.sector_size = proof.sector_size;
    s.porep_id = porep::porep_id_for(proof.id);
    s.api_version = proof.api_version;
    if (api && porep::parse_api_version(*api) != proof.api_version) {
      throw Error(ErrorCode::BadInput,
                  "spec.api_version: " + *api + " does not match " + s.registered_proof);
    }
  } else {
    if (!size_text || !porep_id || !api) {
      throw Error(ErrorCode::BadInput,
                  "spec: missing registered_proof (or sector_size, porep_id and api_version)");
    }
    s.sector_size = porep::parse_sector_size(*size_text);
    s.porep_id = *porep_id;
    s.api_version = porep::parse_api_version(*api);
  }
  const auto& shape = porep::sector_shape(s.sector_size);
  s.nodes = shape.nodes;
  s.layers = shape.layers;
  return s;
}

}  // namespace vseal::jobs
