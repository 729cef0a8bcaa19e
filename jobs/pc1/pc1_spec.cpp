// PC1 job spec parsing and validation.
#include "pc1/pc1_spec.hpp"

#include <thread>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/sha256.hpp"
#include "jobs/common/sector_spec.hpp"
#include "jobs/common/spec.hpp"

namespace vseal::pc1 {

std::array<std::uint8_t, 32> prover_id_for_miner(std::uint64_t miner) {
  std::array<std::uint8_t, 32> out{};
  std::size_t i = 0;
  do {
    std::uint8_t byte = miner & 0x7f;
    miner >>= 7;
    if (miner != 0) byte |= 0x80;
    out[i++] = byte;
  } while (miner != 0);
  return out;
}

Pc1Spec parse_pc1_spec(const std::filesystem::path& file) {
  const auto doc = jobs::load_spec_file(file);
  jobs::SpecObject spec(doc, "spec");
  Pc1Spec s{};
  const auto id = jobs::read_sector_identity(spec);
  s.miner = id.miner;
  s.sector_number = id.sector_number;
  s.registered_proof = id.registered_proof;
  s.sector_size = id.sector_size;
  s.porep_id = id.porep_id;
  s.api_version = id.api_version;
  s.nodes = id.nodes;
  s.layers = id.layers;
  s.ticket = spec.hex32("ticket");
  s.prover_id = spec.optional_hex32("prover_id").value_or(prover_id_for_miner(s.miner));
  const auto cc = spec.optional_bool("cc");
  const auto data = spec.optional_string("data");
  if (cc.value_or(false) == data.has_value()) {
    throw Error(ErrorCode::BadInput, "spec: give exactly one of \"cc\": true or \"data\": PATH");
  }
  s.cc = cc.value_or(false);
  if (data) s.data = *data;
  auto paths = spec.object("paths");
  s.scratch = paths.string("scratch");
  s.parents = paths.string("parents");
  if (const auto c = paths.optional_string("cache")) s.cache = *c;
  paths.finish();
  s.threads = std::max(1u, std::thread::hardware_concurrency());
  if (auto res = spec.optional_object("resources")) {
    if (const auto t = res->optional_u64("threads")) {
      if (*t < 1 || *t > 1024) throw Error(ErrorCode::BadInput, "spec.resources.threads: 1..1024");
      s.threads = static_cast<unsigned>(*t);
    }
    res->finish();
  }
  spec.finish();
  // The ledger binds to what determines the output bytes, not to resources or paths to caches,
  // so rerunning with more threads still resumes.
  const std::string canonical = nlohmann::json{
      {"miner", s.miner},
      {"sector_number", s.sector_number},
      {"sector_size", s.sector_size},
      {"porep_id", to_hex(s.porep_id)},
      {"api_version", porep::api_version_name(s.api_version)},
      {"ticket", to_hex(s.ticket)},
      {"prover_id", to_hex(s.prover_id)},
      {"cc", s.cc},
      {"data", s.data.string()}}.dump();
  s.sha256 = to_hex(hash::sha256(
      std::span(reinterpret_cast<const std::uint8_t*>(canonical.data()), canonical.size())));
  return s;
}

}  // namespace vseal::pc1
