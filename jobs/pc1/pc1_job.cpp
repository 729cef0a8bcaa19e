// PC1 job: resolve the graph, compute CommD and replica_id, label every layer, record each
// finished layer (HDF5 flushed and fsync'ed, digest in the step ledger) before starting the next.
// Memory: two layers (current and previous) plus the memory-mapped parent cache.
#include "pc1/pc1_job.hpp"

#include <chrono>
#include <iostream>

#include "base/aligned_buffer.hpp"
#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/sha256.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_layers.hpp"
#include "jobs/common/job_clock.hpp"
#include "jobs/common/job_main.hpp"
#include "jobs/common/progress.hpp"
#include "jobs/common/step_ledger.hpp"
#include "merkle/sha256_tree.hpp"
#include "porep/ids.hpp"
#include "porep/label.hpp"
#include "porep/parent_cache.hpp"
#include "porep/tree_d.hpp"

namespace vseal::pc1 {
namespace {

using jobs::Clock;
using jobs::peak_rss_bytes;
using jobs::seconds_since;

// Nodes labelled between progress checks: small enough for a timely line, large enough that the
// check costs nothing (~1 ms of hashing for 2^11 nodes).
constexpr std::uint64_t kProgressStride = 1u << 11;

std::string layer_step(int layer) {
  return "layer-" + std::to_string(layer);
}

// tree_d goes where rust-fil-proofs keeps it (the cache directory) when there is one.
std::filesystem::path tree_d_path(const Pc1Spec& s) {
  return (s.cache ? *s.cache : s.sector_dir()) / porep::kTreeDFileName;
}

// CommD is tree_d's root: the tree is written once and recorded; a rerun trusts the recorded
// file only while its root still matches.
merkle::Node comm_d_step(const Pc1Spec& s, jobs::StepLedger& ledger) {
  const auto path = tree_d_path(s);
  const auto done = ledger.step("tree-d");
  if (done && std::filesystem::exists(path)) {
    try {
      const auto root = porep::read_tree_d_root(path, s.sector_size);
      if (to_hex(root) == done->at("comm_d")) return root;
    } catch (const Error&) {
    }
    std::cerr << "vseal-pc1: " << path.string() << " does not match its record; rebuilding\n";
  }
  const auto start = Clock::now();
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  const auto root =
      porep::write_tree_d(s.cc ? std::nullopt : std::optional(s.data), s.sector_size, path);
  // Same root as recorded: the layers after it (which depend on comm_d) stay valid.
  if (done && done->at("comm_d") == to_hex(root)) return root;
  ledger.complete(
      "tree-d",
      {{"comm_d", to_hex(root)}, {"file", path.string()}, {"seconds", seconds_since(start)}});
  return root;
}

}  // namespace

int run_pc1(const Pc1Spec& s, const Pc1Options& options) {
  const auto job_start = Clock::now();
  const auto dir = s.sector_dir();
  std::filesystem::create_directories(dir);
  std::cerr << "vseal-pc1: sector " << s.miner << "/" << s.sector_number << ", " << s.sector_size
            << " bytes, " << s.layers << " layers, api " << porep::api_version_name(s.api_version)
            << "; memory: 2 x " << (s.nodes * 32 >> 20) << " MiB layers + parent cache map ("
            << (s.nodes * porep::kParentCacheBytesPerNode >> 20) << " MiB)\n";

  const auto cache_start = Clock::now();
  const porep::GraphParams graph{s.nodes, s.porep_id, s.api_version};
  const auto parents = porep::ParentCache::open(s.parents, graph, s.threads);
  const double cache_seconds = seconds_since(cache_start);
  std::cerr << "vseal-pc1: parent cache " << parents.info().path.string()
            << (parents.info().generated ? " (generated" : " (verified") << ", " << cache_seconds
            << " s)\n";

  jobs::StepLedger ledger(dir / "pc1.steps.json", s.sha256);
  const auto comm_d = comm_d_step(s, ledger);
  const auto replica_id =
      porep::replica_id(s.prover_id, s.sector_number, s.ticket, comm_d, s.porep_id);
  auto store = io::H5LayerStore::open_or_create(dir / "layers.h5",
                                                static_cast<std::uint64_t>(s.layers), s.nodes);
  if (store.created() && !ledger.fresh() && ledger.step(layer_step(1))) {
    std::cerr << "vseal-pc1: layers.h5 was missing or unreadable; starting from layer 1\n";
    ledger.forget_from(layer_step(1));
  }

  AlignedBuffer cur(s.nodes * 32), prev(s.nodes * 32);
  bool prev_loaded = false;  // whether `prev` holds layer l-1 when layer l starts
  nlohmann::json layer_reports = nlohmann::json::array();

  for (int layer = 1; layer <= s.layers; ++layer) {
    const auto done = ledger.step(layer_step(layer));
    if (done) {
      // Recorded: check the bytes on disk still carry the recorded digest, then move on.
      store.read_layer(static_cast<std::uint64_t>(layer), cur.span());
      if (to_hex(hash::sha256(cur.span())) == done->at("sha256")) {
        std::cerr << "vseal-pc1: layer " << layer << " already complete, resuming after it\n";
        layer_reports.push_back(*done);
        std::swap(cur, prev);
        prev_loaded = true;
        continue;
      }
      std::cerr << "vseal-pc1: layer " << layer << " on disk does not match its record; redoing\n";
      ledger.forget_from(layer_step(layer));
    }
    if (layer > 1 && !prev_loaded)
      store.read_layer(static_cast<std::uint64_t>(layer - 1), prev.span());

    const auto start = Clock::now();
    jobs::Progress progress(
        "vseal-pc1: layer " + std::to_string(layer) + "/" + std::to_string(s.layers), s.nodes,
        "nodes");
    for (std::uint64_t first = 0; first < s.nodes; first += kProgressStride) {
      const std::uint64_t last = std::min(s.nodes, first + kProgressStride);
      porep::label_layer(parents.data(), s.nodes, replica_id, static_cast<std::uint32_t>(layer),
                         cur.data(), layer > 1 ? prev.data() : nullptr, {first, last});
      progress.update(last);
    }
    progress.finish();
    const double label_seconds = seconds_since(start);

    store.write_layer(static_cast<std::uint64_t>(layer), cur.span());
    store.sync();
    if (s.cache) {
      std::filesystem::create_directories(*s.cache);
      io::write_file_atomic(*s.cache / ("sc-02-data-layer-" + std::to_string(layer) + ".dat"),
                            cur.span());
    }
    const nlohmann::json report = {
        {"layer", layer},
        {"sha256", to_hex(hash::sha256(cur.span()))},
        {"seconds", label_seconds},
        {"nodes_per_second", static_cast<double>(s.nodes) / label_seconds}};
    ledger.complete(layer_step(layer), report);
    layer_reports.push_back(report);
    std::swap(cur, prev);
    prev_loaded = true;
    if (options.stop_after_layer && *options.stop_after_layer == layer && layer < s.layers) {
      std::cerr << "vseal-pc1: stopping after layer " << layer
                << " as asked (--stop-after-layer)\n";
      return jobs::kExitTransient;
    }
  }

  const nlohmann::json result = {
      {"stage", "pc1"},
      {"miner", s.miner},
      {"sector_number", s.sector_number},
      {"sector_size", s.sector_size},
      {"registered_proof", s.registered_proof},
      {"porep_id", to_hex(s.porep_id)},
      {"api_version", porep::api_version_name(s.api_version)},
      {"comm_d", to_hex(comm_d)},
      {"replica_id", to_hex(replica_id)},
      {"layers_file", (dir / "layers.h5").string()},
      {"tree_d_file", tree_d_path(s).string()},
      {"last_label", to_hex(prev.span().last(32))},  // `prev` holds the last layer here
      {"layers", layer_reports},
      {"parent_cache",
       {{"file", parents.info().path.string()},
        {"sha256", parents.info().sha256},
        {"generated", parents.info().generated},
        {"seconds", cache_seconds}}},
      {"seconds", seconds_since(job_start)},
      {"peak_rss_bytes", peak_rss_bytes()}};
  io::write_file_atomic(dir / "result.json", result.dump(2));
  std::cout << result.dump() << "\n";
  return jobs::kExitOk;
}

}  // namespace vseal::pc1
