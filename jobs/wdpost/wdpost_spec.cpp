// vseal-wdpost spec parsing (see wdpost_spec.hpp).
#include "wdpost/wdpost_spec.hpp"

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/sha256.hpp"
#include "jobs/common/spec.hpp"
#include "post/challenges.hpp"

namespace vseal::wdpost {

WdpostSpec parse_wdpost_spec(const std::filesystem::path& file) {
  const auto doc = jobs::load_spec_file(file);
  jobs::SpecObject spec(doc, "spec");
  WdpostSpec s;
  s.miner = spec.u64("miner");
  s.deadline = spec.optional_u64("deadline");
  if (s.deadline && *s.deadline >= 48)
    throw Error(ErrorCode::BadInput, "spec.deadline: 0..47 (48 deadlines per proving period)");
  const std::string name = spec.string("registered_proof");
  try {
    s.proof = &post::registered_post_proof(name);
  } catch (const Error& e) {
    throw Error(ErrorCode::BadInput, std::string("spec.registered_proof: ") + e.what());
  }
  if (s.proof->kind != post::PostKind::Window)
    throw Error(ErrorCode::BadInput, "spec.registered_proof: " + name + " is not a Window PoSt");
  s.randomness = spec.hex32("randomness");
  if ((s.randomness[31] & 0xc0) != 0)
    throw Error(ErrorCode::BadInput,
                "spec.randomness: top two bits set; clear them as Lotus does (byte 31 &= 0x3f)");
  nlohmann::json canonical_sectors = nlohmann::json::array();
  for (auto& sector : spec.objects("sectors")) {
    post::ProvableSector p;
    p.sector_id = sector.u64("sector_number");
    p.comm_r = sector.hex32("comm_r");
    p.cache_dir = sector.string("cache");
    p.sealed = sector.string("sealed");
    sector.finish();
    if (!s.sectors.empty() && p.sector_id <= s.sectors.back().sector_id)
      throw Error(ErrorCode::BadInput, "spec.sectors: sector " + std::to_string(p.sector_id) +
                                           " after " + std::to_string(s.sectors.back().sector_id) +
                                           ": list each sector once, ascending");
    canonical_sectors.push_back(
        {p.sector_id, to_hex(p.comm_r), p.cache_dir.string(), p.sealed.string()});
    s.sectors.push_back(std::move(p));
  }
  auto paths = spec.object("paths");
  s.out = paths.string("out");
  paths.finish();
  spec.finish();
  const std::string canonical = nlohmann::json{
      {"miner", s.miner},
      {"proof", s.proof->id},
      {"randomness", to_hex(s.randomness)},
      {"sectors",
       canonical_sectors}}.dump();
  s.sha256 = to_hex(hash::sha256(
      std::span(reinterpret_cast<const std::uint8_t*>(canonical.data()), canonical.size())));
  return s;
}

}  // namespace vseal::wdpost
