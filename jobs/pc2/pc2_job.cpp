// PC2 job in three phases separated by Team::agree: rank 0 prepares (tree_d / comm_d check,
// the ".partial" output files at their final sizes), every rank hashes its units, rank 0 builds
// the rows above the unit roots and publishes everything. Unit records live in
// <sector>/pc2/unit-<u>.json and are written only after the unit's bytes are fsync'ed.
#include "pc2/pc2_job.hpp"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_gpu.hpp"
#include "hash/sha256.hpp"
#include "io/atomic_file.hpp"
#include "jobs/common/job_clock.hpp"
#include "jobs/common/job_main.hpp"
#include "jobs/common/progress.hpp"
#include "merkle/poseidon_tree.hpp"
#include "pc2/pc2_io.hpp"
#include "pc2/pc2_plan.hpp"
#include "porep/cache_files.hpp"
#include "porep/columns.hpp"
#include "porep/layer_reader.hpp"
#include "porep/tree_d.hpp"

namespace vseal::pc2 {
namespace {

using field::Fr;
using jobs::Clock;
using jobs::peak_rss_bytes;
using jobs::seconds_since;

Fr fr_from_hex(const nlohmann::json& v) {
  return Fr::from_hex(v.get<std::string>(), "unit root");
}

// Where everything goes.
struct Paths {
  std::vector<std::filesystem::path> tree_c, tree_r_last;
  std::filesystem::path sealed, units_dir, result;

  Paths(const Pc2Spec& s, const Pc2Plan& p) {
    for (std::size_t i = 0; i < p.trees; ++i) {
      tree_c.push_back(s.cache / porep::tree_c_file_name(p.trees, i));
      tree_r_last.push_back(s.cache / porep::tree_r_last_file_name(p.trees, i));
    }
    sealed = s.sealed;
    units_dir = s.sector_dir() / "pc2";
    result = s.sector_dir() / "pc2.result.json";
  }
  std::filesystem::path unit(std::uint64_t u) const {
    return units_dir / ("unit-" + std::to_string(u) + ".json");
  }
};

// Time spent per kind of work, summed over threads (CPU-seconds), for result.json.
struct Timers {
  std::atomic<std::uint64_t> read_ns{0}, columns_ns{0}, encode_ns{0}, trees_ns{0}, write_ns{0};
  static void add(std::atomic<std::uint64_t>& t, Clock::time_point since) {
    t += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - since).count());
  }
};

// The Poseidon engine for this rank: a GPU (chosen by local rank) when asked for and present.
merkle::PoseidonLevelHasher make_hasher(const Pc2Spec& s, const jobs::Team& team,
                                        std::string& engine) {
  if (s.gpus > 0 && hash::poseidon_gpu_available()) {
    const int device = team.local_rank() % hash::poseidon_gpu_device_count();
    engine = "gpu " + std::to_string(device) + " (" + hash::poseidon_gpu_describe(device) + ")";
    auto cpu = merkle::cpu_level_hasher();
    auto gpu_lock = std::make_shared<std::mutex>();
    return [device, cpu, gpu_lock](std::size_t arity, std::span<Fr> out, std::span<const Fr> in) {
      if (!hash::poseidon_gpu_supports_arity(arity)) return cpu(arity, out, in);
      const std::lock_guard lock(*gpu_lock);  // one batch at a time per device
      hash::poseidon_hash_batch_gpu(arity, out, in, device);
    };
  }
  if (s.gpus > 0) {
    std::cerr << "vseal-pc2: resources.gpus = " << s.gpus << " but no GPU is usable here ("
              << hash::poseidon_gpu_describe(0) << "); hashing on the CPU\n";
  }
  engine = "cpu";
  return merkle::cpu_level_hasher();
}

// Every file a unit writes into, opened by one rank.
struct UnitOutputs {
  std::vector<TreeFile> tree_c, tree_r_last;
  io::PositionalFile sealed;
};

UnitOutputs open_outputs(const Paths& paths, const Pc2Plan& plan) {
  UnitOutputs o{{}, {}, io::PositionalFile::open_write(io::partial_path(paths.sealed))};
  for (std::size_t i = 0; i < plan.trees; ++i) {
    o.tree_c.emplace_back(io::PositionalFile::open_write(io::partial_path(paths.tree_c[i])),
                          plan.base, 0);
    o.tree_r_last.emplace_back(
        io::PositionalFile::open_write(io::partial_path(paths.tree_r_last[i])), plan.base,
        plan.r_last_first_row());
  }
  return o;
}

struct UnitResult {
  Fr c_root, r_root;
  std::string replica_digest;
};

class UnitWorker {
 public:
  UnitWorker(const Pc2Plan& plan, porep::LayerReader& layers, const io::PositionalFile* data,
             UnitOutputs& out, merkle::PoseidonLevelHasher hasher, Timers& timers)
      : plan_(plan),
        layers_(layers),
        data_(data),
        out_(out),
        hasher_(std::move(hasher)),
        timers_(timers) {}

  UnitResult run(std::uint64_t unit, tbb::task_arena& arena) {
    const std::size_t tree = unit / plan_.units_per_tree;
    const std::uint64_t local_first = (unit % plan_.units_per_tree) * plan_.unit_leaves;
    const std::uint64_t blocks = plan_.unit_leaves / plan_.block_leaves;
    std::vector<Fr> c_roots(blocks), r_roots(blocks);
    std::vector<hash::Sha256Digest> digests(blocks);
    arena.execute([&] {
      tbb::parallel_for(std::uint64_t{0}, blocks, [&](std::uint64_t b) {
        const std::uint64_t local = local_first + b * plan_.block_leaves;
        block(tree, local, c_roots[b], r_roots[b], digests[b]);
      });
    });
    // Rows between the block roots and the unit root.
    UnitResult r{c_roots[0], r_roots[0], {}};
    if (blocks > 1) {
      const auto t = Clock::now();
      r.c_root = rows_above(out_.tree_c[tree], c_roots, plan_.block_row, local_first);
      r.r_root = rows_above(out_.tree_r_last[tree], r_roots, plan_.block_row, local_first);
      Timers::add(timers_.trees_ns, t);
    }
    hash::Sha256 all;
    for (const auto& d : digests) all.update(d);
    r.replica_digest = to_hex(all.finalize());
    return r;
  }

  // The unit's replica digest as recorded (SHA-256 over the per-block SHA-256s), from the file.
  std::string replica_digest(std::uint64_t unit) const {
    const std::uint64_t first = plan_.unit_first_node(unit);
    std::vector<std::uint8_t> buf(plan_.block_leaves * 32);
    hash::Sha256 all;
    for (std::uint64_t n = 0; n < plan_.unit_leaves; n += plan_.block_leaves) {
      out_.sealed.read_at((first + n) * 32, buf);
      all.update(hash::sha256(buf));
    }
    return to_hex(all.finalize());
  }

 private:
  // Writes the rows above `roots` (row `row`) of a base tree, starting at leaf `local_first`,
  // and returns the single root they end in.
  Fr rows_above(TreeFile& file, std::span<const Fr> roots, int row, std::uint64_t local_first) {
    const auto rows = merkle::poseidon_tree_rows(8, roots, hasher_);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const int at = row + 1 + static_cast<int>(k);
      std::uint64_t scale = 1;
      for (int r = 0; r < at; ++r) scale *= 8;
      file.write(at, local_first / scale, rows[k]);
    }
    return rows.back()[0];
  }

  void block(std::size_t tree, std::uint64_t local, Fr& c_root, Fr& r_root,
             hash::Sha256Digest& digest) {
    const std::uint64_t B = plan_.block_leaves;
    const std::uint64_t node = tree * plan_.base.leaves + local;
    const auto L = static_cast<std::size_t>(plan_.layers);
    auto t = Clock::now();
    std::vector<std::uint8_t> labels(L * B * 32), data(data_ ? B * 32 : 0), replica(B * 32);
    for (std::size_t l = 0; l < L; ++l)
      layers_.read(static_cast<int>(l + 1), node, std::span(labels).subspan(l * B * 32, B * 32));
    if (data_) data_->read_at(node * 32, data);
    Timers::add(timers_.read_ns, t);

    t = Clock::now();
    std::vector<const std::uint8_t*> layer_ptrs(L);
    for (std::size_t l = 0; l < L; ++l) layer_ptrs[l] = labels.data() + l * B * 32;
    std::vector<Fr> c_leaves(B), r_leaves(B);
    porep::column_hashes(layer_ptrs, node, c_leaves, hasher_);
    Timers::add(timers_.columns_ns, t);

    t = Clock::now();
    porep::encode_replica(std::span(labels).subspan((L - 1) * B * 32, B * 32), data, node, replica,
                          r_leaves);
    digest = hash::sha256(replica);
    Timers::add(timers_.encode_ns, t);

    t = Clock::now();
    const auto c_rows = merkle::poseidon_tree_rows(8, c_leaves, hasher_);
    const auto r_rows = merkle::poseidon_tree_rows(8, r_leaves, hasher_);
    Timers::add(timers_.trees_ns, t);

    t = Clock::now();
    out_.sealed.write_at(node * 32, replica);
    auto& c_file = out_.tree_c[tree];
    auto& r_file = out_.tree_r_last[tree];
    c_file.write(0, local, c_leaves);
    std::uint64_t scale = 1;
    for (std::size_t k = 0; k < c_rows.size(); ++k) {
      scale *= 8;
      c_file.write(static_cast<int>(k + 1), local / scale, c_rows[k]);
      r_file.write(static_cast<int>(k + 1), local / scale, r_rows[k]);
    }
    Timers::add(timers_.write_ns, t);
    c_root = c_rows.back()[0];
    r_root = r_rows.back()[0];
  }

  const Pc2Plan& plan_;
  porep::LayerReader& layers_;
  const io::PositionalFile* data_;
  UnitOutputs& out_;
  merkle::PoseidonLevelHasher hasher_;
  Timers& timers_;
};

// A recorded unit whose bytes on disk still match the record.
bool unit_is_recorded(const Pc2Spec& s, const Pc2Plan& plan, const Paths& paths,
                      const UnitOutputs& out, const UnitWorker& worker, std::uint64_t u) {
  if (!std::filesystem::exists(paths.unit(u))) return false;
  try {
    const auto rec = nlohmann::json::parse(io::read_text_file(paths.unit(u)));
    if (rec.at("spec_sha256") != s.sha256) return false;
    const std::size_t tree = u / plan.units_per_tree;
    const std::uint64_t index = u % plan.units_per_tree;
    if (out.tree_c[tree].read(plan.unit_row, index) != fr_from_hex(rec.at("tree_c_root")))
      return false;
    const auto& r_file = out.tree_r_last[tree];
    if (r_file.stores(plan.unit_row) &&
        r_file.read(plan.unit_row, index) != fr_from_hex(rec.at("tree_r_last_root")))
      return false;
    return worker.replica_digest(u) == rec.at("replica_sha256");
  } catch (const std::exception&) {
    return false;  // unreadable record: redo the unit
  }
}

// Phase 1 (rank 0): inputs checked, comm_d confirmed against tree_d, partial outputs sized.
void prepare(const Pc2Spec& s, const Pc2Plan& plan, const Paths& paths) {
  std::filesystem::create_directories(s.cache);
  std::filesystem::create_directories(paths.units_dir);
  if (paths.sealed.has_parent_path())
    std::filesystem::create_directories(paths.sealed.parent_path());
  if (!s.cc) {
    const auto size = io::PositionalFile::open_read(s.data).size();
    if (size != s.sector.sector_size) {
      throw Error(ErrorCode::BadInput, s.data.string() + " holds " + std::to_string(size) +
                                           " bytes, expected the sector size " +
                                           std::to_string(s.sector.sector_size));
    }
  }
  const auto tree_d = s.cache / porep::kTreeDFileName;
  merkle::Node comm_d;
  if (std::filesystem::exists(tree_d)) {
    comm_d = porep::read_tree_d_root(tree_d, s.sector.sector_size);
  } else {
    std::cerr << "vseal-pc2: no " << tree_d.string() << "; building it from the data\n";
    comm_d = porep::write_tree_d(s.cc ? std::nullopt : std::optional(s.data), s.sector.sector_size,
                                 tree_d);
  }
  if (comm_d != s.comm_d) {
    throw Error(ErrorCode::BadInput, "spec.comm_d " + to_hex(s.comm_d) +
                                         " does not match tree_d's root " + to_hex(comm_d) + " (" +
                                         tree_d.string() + ")");
  }
  auto size_partial = [](const std::filesystem::path& final_path, std::uint64_t bytes) {
    auto f = io::PositionalFile::open_write(io::partial_path(final_path));
    if (f.size() != bytes) f.resize(bytes);
  };
  size_partial(paths.sealed, s.sector.sector_size);
  for (std::size_t i = 0; i < plan.trees; ++i) {
    size_partial(paths.tree_c[i], plan.tree_c_file_bytes());
    size_partial(paths.tree_r_last[i], plan.tree_r_last_file_bytes());
  }
}

// An earlier run finished: its result is there and every published file exists.
std::optional<nlohmann::json> finished_result(const Pc2Spec& s, const Paths& paths) {
  if (!std::filesystem::exists(paths.result)) return std::nullopt;
  try {
    auto result = nlohmann::json::parse(io::read_text_file(paths.result));
    if (result.at("spec_sha256") != s.sha256) return std::nullopt;
    for (const auto& f : paths.tree_c)
      if (!std::filesystem::exists(f)) return std::nullopt;
    for (const auto& f : paths.tree_r_last)
      if (!std::filesystem::exists(f)) return std::nullopt;
    if (!std::filesystem::exists(paths.sealed) ||
        !std::filesystem::exists(s.cache / porep::kPAuxFileName) ||
        !std::filesystem::exists(s.cache / porep::kTAuxFileName))
      return std::nullopt;
    return result;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

struct HashPhase {
  std::uint64_t units_done = 0, units_skipped = 0;
  double seconds = 0;
  bool stopped = false;
};

// Phase 2 (every rank): this rank's units, round-robin.
HashPhase hash_units(const Pc2Spec& s, const Pc2Plan& plan, const Paths& paths, jobs::Team& team,
                     porep::LayerReader& layers, const Pc2Options& options, Timers& timers,
                     std::string& engine) {
  const auto start = Clock::now();
  std::optional<io::PositionalFile> data;
  if (!s.cc) data = io::PositionalFile::open_read(s.data);
  auto out = open_outputs(paths, plan);
  UnitWorker worker(plan, layers, data ? &*data : nullptr, out, make_hasher(s, team, engine),
                    timers);
  // mpirun/srun bind each rank to its cores: more threads than those only oversubscribe them.
  const int threads = std::min(static_cast<int>(s.threads), tbb::info::default_concurrency());
  tbb::task_arena arena(threads);
  std::vector<std::uint64_t> mine;
  for (std::uint64_t u = static_cast<std::uint64_t>(team.rank()); u < plan.units();
       u += static_cast<std::uint64_t>(team.size()))
    mine.push_back(u);
  const std::string who = team.size() > 1 ? "vseal-pc2 rank " + std::to_string(team.rank()) + "/" +
                                                std::to_string(team.size())
                                          : "vseal-pc2";
  HashPhase phase;
  jobs::Progress progress(who + ": trees", mine.size() * plan.unit_leaves, "leaves");
  for (std::size_t k = 0; k < mine.size(); ++k) {
    const std::uint64_t u = mine[k];
    if (unit_is_recorded(s, plan, paths, out, worker, u)) {
      ++phase.units_skipped;
      continue;
    }
    const auto t = Clock::now();
    const auto r = worker.run(u, arena);
    out.sealed.sync();
    const std::size_t tree = u / plan.units_per_tree;
    out.tree_c[tree].sync();
    out.tree_r_last[tree].sync();
    io::write_file_atomic(paths.unit(u), nlohmann::json{{"spec_sha256", s.sha256},
                                                        {"unit", u},
                                                        {"tree_c_root", r.c_root.to_hex()},
                                                        {"tree_r_last_root", r.r_root.to_hex()},
                                                        {"replica_sha256", r.replica_digest},
                                                        {"rank", team.rank()},
                                                        {"seconds", seconds_since(t)}}
                                             .dump());
    ++phase.units_done;
    progress.update((k + 1) * plan.unit_leaves);
    if (options.stop_after_units && phase.units_done >= *options.stop_after_units &&
        k + 1 < mine.size()) {
      std::cerr << who << ": stopping after " << phase.units_done
                << " units as asked (--stop-after-units)\n";
      phase.stopped = true;
      break;
    }
  }
  if (!phase.stopped) progress.finish();
  phase.seconds = seconds_since(start);
  return phase;
}

struct Commitments {
  std::vector<Fr> c_roots, r_roots;
  Fr comm_c, comm_r_last, comm_r;
};

// Phase 3 (rank 0): the rows above the unit roots, the compound roots, then publication.
Commitments build_tops(const Pc2Spec& s, const Pc2Plan& plan, const Paths& paths) {
  auto out = open_outputs(paths, plan);
  const auto hasher = merkle::cpu_level_hasher();
  Commitments c;
  for (std::size_t i = 0; i < plan.trees; ++i) {
    std::vector<Fr> c_units, r_units;
    for (std::uint64_t k = 0; k < plan.units_per_tree; ++k) {
      const std::uint64_t u = i * plan.units_per_tree + k;
      const auto rec = nlohmann::json::parse(io::read_text_file(paths.unit(u)));
      if (rec.at("spec_sha256") != s.sha256)
        throw Error(ErrorCode::Internal, "unit " + std::to_string(u) + " is not recorded");
      c_units.push_back(fr_from_hex(rec.at("tree_c_root")));
      r_units.push_back(fr_from_hex(rec.at("tree_r_last_root")));
    }
    if (plan.units_per_tree == 1) {
      c.c_roots.push_back(c_units[0]);
      c.r_roots.push_back(r_units[0]);
      continue;
    }
    const auto c_rows = merkle::poseidon_tree_rows(8, c_units, hasher);
    const auto r_rows = merkle::poseidon_tree_rows(8, r_units, hasher);
    for (std::size_t k = 0; k < c_rows.size(); ++k) {
      out.tree_c[i].write(plan.unit_row + 1 + static_cast<int>(k), 0, c_rows[k]);
      out.tree_r_last[i].write(plan.unit_row + 1 + static_cast<int>(k), 0, r_rows[k]);
    }
    c.c_roots.push_back(c_rows.back()[0]);
    c.r_roots.push_back(r_rows.back()[0]);
  }
  c.comm_c = merkle::compound_root(c.c_roots, plan.sub_arity, plan.top_arity);
  c.comm_r_last = merkle::compound_root(c.r_roots, plan.sub_arity, plan.top_arity);
  const Fr pair[2] = {c.comm_c, c.comm_r_last};
  c.comm_r = hash::poseidon_hash(pair);
  for (std::size_t i = 0; i < plan.trees; ++i) {
    out.tree_c[i].sync();
    out.tree_r_last[i].sync();
  }
  return c;
}

nlohmann::json publish(const Pc2Spec& s, const Pc2Plan& plan, const Paths& paths,
                       const Commitments& c) {
  for (std::size_t i = 0; i < plan.trees; ++i) {
    io::commit_partial_file(paths.tree_c[i]);
    io::commit_partial_file(paths.tree_r_last[i]);
  }
  io::commit_partial_file(paths.sealed);
  io::write_file_atomic(s.cache / porep::kPAuxFileName,
                        porep::encode_p_aux({c.comm_c, c.comm_r_last}));
  const auto cache_dir = std::filesystem::absolute(s.cache).lexically_normal().string();
  io::write_file_atomic(
      s.cache / porep::kTAuxFileName,
      porep::encode_t_aux(porep::make_t_aux(cache_dir, plan.nodes, plan.layers, plan.base.leaves,
                                            plan.rows_to_discard)));
  nlohmann::json roots_c = nlohmann::json::array(), roots_r = nlohmann::json::array();
  for (const auto& r : c.c_roots) roots_c.push_back(r.to_hex());
  for (const auto& r : c.r_roots) roots_r.push_back(r.to_hex());
  return {{"stage", "pc2"},
          {"miner", s.sector.miner},
          {"sector_number", s.sector.sector_number},
          {"sector_size", s.sector.sector_size},
          {"registered_proof", s.sector.registered_proof},
          {"comm_d", to_hex(s.comm_d)},
          {"replica_id", s.replica_id ? to_hex(*s.replica_id) : ""},
          {"comm_c", c.comm_c.to_hex()},
          {"comm_r_last", c.comm_r_last.to_hex()},
          {"comm_r", c.comm_r.to_hex()},
          {"tree_c_roots", roots_c},
          {"tree_r_last_roots", roots_r},
          {"rows_to_discard", plan.rows_to_discard},
          {"cache", s.cache.string()},
          {"sealed", s.sealed.string()},
          {"spec_sha256", s.sha256}};
}

// Runs one phase's work on this rank, turning a failure into this rank's exit status.
int guarded(const char* what, const std::function<void()>& body) {
  try {
    body();
    return jobs::kExitOk;
  } catch (const Error& e) {
    std::cerr << "vseal-pc2: " << what << ": " << error_code_name(e.code()) << ": " << e.what()
              << "\n";
    return jobs::exit_code_for(e.code());
  } catch (const std::exception& e) {
    std::cerr << "vseal-pc2: " << what << ": internal error: " << e.what() << "\n";
    return jobs::kExitBug;
  }
}

}  // namespace

int run_pc2(const Pc2Spec& s, jobs::Team& team, const Pc2Options& options) {
  const auto job_start = Clock::now();
  const auto plan = make_pc2_plan(s.sector.sector_size, s.rows_to_discard);
  const Paths paths(s, plan);
  if (const auto done = finished_result(s, paths)) {
    if (team.rank() == 0) {
      std::cerr << "vseal-pc2: already complete (" << paths.result.string() << ")\n";
      std::cout << done->dump() << "\n";
    }
    return team.agree(jobs::kExitOk);
  }
  if (team.rank() == 0) {
    std::cerr << "vseal-pc2: sector " << s.sector.miner << "/" << s.sector.sector_number << ", "
              << s.sector.sector_size << " bytes, " << plan.trees << " base tree(s) of "
              << plan.base.leaves << " leaves in " << plan.units() << " unit(s), " << team.size()
              << " rank(s), " << s.threads << " thread(s) each; memory per "
              << "thread: "
              << ((static_cast<std::uint64_t>(plan.layers) + 3) * plan.block_leaves * 32 >> 10)
              << " KiB\n";
  }

  // Phase 1.
  auto t = Clock::now();
  int status = team.rank() == 0 ? guarded("prepare", [&] { prepare(s, plan, paths); }) : 0;
  if ((status = team.agree(status)) != 0) return status;
  const double prepare_seconds = seconds_since(t);

  // Phase 2. The layer reader outlives the agreement: under MPI-IO its close is collective.
  Timers timers;
  HashPhase phase;
  std::string engine;
  std::unique_ptr<porep::LayerReader> layers;
  status = guarded("trees", [&] {
    layers = s.layer_input == LayerInput::Hdf5
                 ? porep::open_hdf5_layers(s.sector_dir() / "layers.h5", plan.layers, plan.nodes,
                                           team.size() > 1 ? team.mpi_communicator() : nullptr)
                 : porep::open_layer_files(s.cache, plan.layers, plan.nodes);
    phase = hash_units(s, plan, paths, team, *layers, options, timers, engine);
  });
  if (status == 0 && phase.stopped) status = jobs::kExitTransient;
  status = team.agree(status);
  layers.reset();
  if (status != 0) return status;

  // Phase 3.
  nlohmann::json result;
  status = team.rank() == 0
               ? guarded("publish",
                         [&] {
                           const auto top_start = Clock::now();
                           const auto c = build_tops(s, plan, paths);
                           result = publish(s, plan, paths, c);
                           const double ns = 1e-9;
                           result["engine"] = engine;
                           result["ranks"] = team.size();
                           result["threads"] = s.threads;
                           result["units"] = {{"total", plan.units()},
                                              {"done_by_rank0", phase.units_done},
                                              {"resumed_by_rank0", phase.units_skipped}};
                           result["seconds"] = {{"prepare", prepare_seconds},
                                                {"trees_rank0", phase.seconds},
                                                {"top", seconds_since(top_start)},
                                                {"total", seconds_since(job_start)}};
                           result["cpu_seconds_rank0"] = {
                               {"read", static_cast<double>(timers.read_ns) * ns},
                               {"column_hashes", static_cast<double>(timers.columns_ns) * ns},
                               {"encode", static_cast<double>(timers.encode_ns) * ns},
                               {"trees", static_cast<double>(timers.trees_ns) * ns},
                               {"write", static_cast<double>(timers.write_ns) * ns}};
                           result["peak_rss_bytes_rank0"] = peak_rss_bytes();
                           io::write_file_atomic(paths.result, result.dump(2));
                           std::cout << result.dump() << "\n";
                         })
               : 0;
  return team.agree(status);
}

}  // namespace vseal::pc2
