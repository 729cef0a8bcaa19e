// PC2 job spec parsing and validation.
#include "pc2/pc2_spec.hpp"

#include <thread>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/sha256.hpp"
#include "merkle/tree_shape.hpp"
#include "porep/registered_proof.hpp"

namespace vseal::pc2 {

Pc2Spec parse_pc2_spec(const std::filesystem::path& file) {
  const auto doc = jobs::load_spec_file(file);
  jobs::SpecObject spec(doc, "spec");
  Pc2Spec s{};
  s.sector = jobs::read_sector_identity(spec);
  s.comm_d = spec.hex32("comm_d");
  s.replica_id = spec.optional_hex32("replica_id");
  const auto cc = spec.optional_bool("cc");
  const auto data = spec.optional_string("data");
  if (cc.value_or(false) == data.has_value())
    throw Error(ErrorCode::BadInput, "spec: give exactly one of \"cc\": true or \"data\": PATH");
  s.cc = cc.value_or(false);
  if (data) s.data = *data;
  const std::string layers = spec.optional_string("layers").value_or("hdf5");
  if (layers == "hdf5") {
    s.layer_input = LayerInput::Hdf5;
  } else if (layers == "cache") {
    s.layer_input = LayerInput::CacheFiles;
  } else {
    throw Error(ErrorCode::BadInput,
                "spec.layers: \"hdf5\" (layers.h5 in the sector directory) "
                "or \"cache\" (sc-02-data-layer-<l>.dat), not \"" +
                    layers + "\"");
  }
  auto paths = spec.object("paths");
  s.scratch = paths.string("scratch");
  s.cache = paths.string("cache");
  s.sealed = paths.string("sealed");
  paths.finish();
  const std::uint64_t per = porep::sector_shape(s.sector.sector_size).base_tree_leaves();
  const int default_rtd = merkle::default_rows_to_discard(per, 8);
  s.rows_to_discard = default_rtd;
  if (const auto rtd = spec.optional_u64("rows_to_discard")) {
    const int rows = merkle::tree_geometry(per, 8).rows;
    if (*rtd > static_cast<std::uint64_t>(rows - 1))
      throw Error(ErrorCode::BadInput, "spec.rows_to_discard: at most " + std::to_string(rows - 1) +
                                           " for base trees of " + std::to_string(per) + " leaves");
    s.rows_to_discard = static_cast<int>(*rtd);
  }
  s.threads = std::max(1u, std::thread::hardware_concurrency());
  s.gpus = 0;
  if (auto res = spec.optional_object("resources")) {
    if (const auto t = res->optional_u64("threads")) {
      if (*t < 1 || *t > 1024) throw Error(ErrorCode::BadInput, "spec.resources.threads: 1..1024");
      s.threads = static_cast<unsigned>(*t);
    }
    if (const auto g = res->optional_u64("gpus")) {
      if (*g > 64) throw Error(ErrorCode::BadInput, "spec.resources.gpus: 0..64");
      s.gpus = static_cast<unsigned>(*g);
    }
    res->finish();
  }
  spec.finish();
  // Resume state is bound to what determines the bytes; threads, GPUs and rank count are not.
  const std::string canonical = nlohmann::json{
      {"miner", s.sector.miner},
      {"sector_number", s.sector.sector_number},
      {"sector_size", s.sector.sector_size},
      {"comm_d", to_hex(s.comm_d)},
      {"cc", s.cc},
      {"data", s.data.string()},
      {"layers", layers},
      {"cache", s.cache.string()},
      {"sealed", s.sealed.string()},
      {"rows_to_discard",
       s.rows_to_discard}}.dump();
  s.sha256 = to_hex(hash::sha256(
      std::span(reinterpret_cast<const std::uint8_t*>(canonical.data()), canonical.size())));
  return s;
}

}  // namespace vseal::pc2
