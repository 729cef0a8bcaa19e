// vseal bench sha256|poseidon|fr|pc1|pc2|pairing|verify: quick throughput figures as JSON, every
// variant measured in the same run so ratios are side by side. The Google Benchmark suite (bench/,
// `make bench`) is the detailed tool; this one answers "how fast is this machine" in a few seconds.
#include <chrono>
#include <cstring>
#include <functional>
#include <random>
#include <thread>

#include "base/aligned_buffer.hpp"
#include "base/cpu_features.hpp"
#include "base/error.hpp"
#include "field/fr_backend.hpp"
#include "field/msm.hpp"
#include "field/pairing.hpp"
#include "hash/poseidon.hpp"
#include "hash/poseidon_gpu.hpp"
#include "hash/sha256.hpp"
#include "merkle/poseidon_tree.hpp"
#include "porep/columns.hpp"
#include "porep/label.hpp"
#include "porep/parent_cache.hpp"
#include "porep/registered_proof.hpp"
#include "snark/groth16_simulate.hpp"
#include "snark/groth16_verify.hpp"
#include "vseal/options.hpp"

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace vseal::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct Rate {
  double ns_per_item;
  double tsc_per_item;
};

// Runs `batch` (which processes `items` items) until `seconds` have passed; returns the time
// per item. Time stamp counter ticks are reported too: on these machines the TSC runs at the
// nominal clock, so ticks approximate core cycles when the core is not boosting.
Rate measure(double seconds, std::size_t items, const std::function<void()>& batch) {
  batch();  // warm caches and lazily built constants
  std::size_t rounds = 0;
  const auto start = Clock::now();
#if defined(__x86_64__)
  const auto tsc0 = __rdtsc();
#endif
  Clock::time_point now;
  do {
    batch();
    ++rounds;
    now = Clock::now();
  } while (std::chrono::duration<double>(now - start).count() < seconds);
  const double ns = std::chrono::duration<double, std::nano>(now - start).count();
  double tsc = 0;
#if defined(__x86_64__)
  tsc = static_cast<double>(__rdtsc() - tsc0);
#endif
  const double n = static_cast<double>(rounds * items);
  return {ns / n, tsc / n};
}

nlohmann::json context() {
  const auto& f = cpu_features();
  return {{"cpu", f.brand},
          {"sha_ni", f.sha_ni},
          {"adx", f.adx && f.bmi2},
          {"avx512ifma", f.avx512ifma},
          {"gpu", hash::poseidon_gpu_describe(0)}};
}

// 1-, 2- and 4-stream compression of `blocks` blocks per stream with the current backend.
struct CompressionRates {
  Rate one, two, four;  // per block per stream
};

CompressionRates measure_compression(double seconds, std::size_t blocks) {
  std::vector<std::uint8_t> data(4 * blocks * 64);
  std::mt19937_64 rng(1);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  const std::uint8_t* streams[4] = {data.data(), data.data() + blocks * 64,
                                    data.data() + 2 * blocks * 64, data.data() + 3 * blocks * 64};
  std::array<hash::Sha256State, 4> st;
  st.fill(hash::Sha256State::initial());
  CompressionRates r;
  r.one = measure(seconds, blocks, [&] { hash::sha256_compress(st[0], streams[0], blocks); });
  r.two = measure(seconds, 2 * blocks, [&] {
    hash::sha256_compress_x2(std::span<hash::Sha256State, 2>(st.data(), 2),
                             std::span<const std::uint8_t* const, 2>(streams, 2), blocks);
  });
  r.four = measure(seconds, 4 * blocks, [&] {
    hash::sha256_compress_x4(st, std::span<const std::uint8_t* const, 4>(streams, 4), blocks);
  });
  return r;
}

int bench_sha256(double seconds) {
  constexpr std::size_t kBlocks = 64;  // 4 KiB per stream: stays in L1
  nlohmann::json out = {{"context", context()}};
  for (const auto backend : {hash::Sha256Backend::Portable, hash::Sha256Backend::ShaNi}) {
    if (!hash::sha256_backend_supported(backend)) continue;
    const auto saved = hash::sha256_backend();
    hash::force_sha256_backend(backend);
    const auto [one, two, four] = measure_compression(seconds, kBlocks);
    hash::force_sha256_backend(saved);
    out[std::string(hash::sha256_backend_name(backend))] = {
        {"ns_per_block_1_stream", one.ns_per_item},
        {"ns_per_block_per_stream_2_streams", two.ns_per_item},
        {"ns_per_block_per_stream_4_streams", four.ns_per_item},
        {"tsc_per_block_1_stream", one.tsc_per_item},
        {"throughput_ratio_2_vs_1", one.ns_per_item / two.ns_per_item},
        {"throughput_ratio_4_vs_1", one.ns_per_item / four.ns_per_item},
        {"mb_per_s_4_streams", 64.0 / four.ns_per_item * 1e3},
        // A PC1 label (v >= 1) costs 20 compressions (porep-sdr.md §7.1).
        {"ns_per_label_4_streams", 20 * four.ns_per_item}};
  }
  print_json(out);
  return 0;
}

int bench_poseidon(double seconds) {
  nlohmann::json out = {{"context", context()}};
  std::mt19937_64 rng(2);
  for (const std::size_t arity : {std::size_t{2}, std::size_t{8}, std::size_t{11}}) {
    constexpr std::size_t kHashes = 64;
    std::vector<field::Fr> in(kHashes * arity), res(kHashes);
    for (auto& x : in) x = field::Fr::from_u64(rng());
    nlohmann::json per = nlohmann::json::object();
    double plain_us = 0;
    for (const auto backend : {hash::PoseidonBackend::Plain, hash::PoseidonBackend::Optimized,
                               hash::PoseidonBackend::OptimizedAdx, hash::PoseidonBackend::Ifma}) {
      if (!hash::poseidon_backend_supported(backend)) continue;
      const Rate r = measure(seconds, kHashes,
                             [&] { hash::poseidon_hash_batch_with(backend, arity, res, in); });
      const double us = r.ns_per_item / 1e3;
      if (backend == hash::PoseidonBackend::Plain) plain_us = us;
      per[std::string(hash::poseidon_backend_name(backend))] = {
          {"us_per_hash", us},
          {"hashes_per_s_per_core", 1e6 / us},
          {"speedup_vs_plain", plain_us / us}};
    }
    if (hash::poseidon_gpu_available()) {
      const std::size_t n = std::size_t{1} << 20;
      std::vector<field::Fr> gin(n * arity), gout(n);
      for (auto& x : gin) x = field::Fr::from_u64(rng());
      const Rate r = measure(seconds, n, [&] { hash::poseidon_hash_batch_gpu(arity, gout, gin); });
      per["cuda"] = {
          {"hashes_per_s", 1e9 / r.ns_per_item}, {"batch", n}, {"includes_transfers", true}};
    }
    out["arity_" + std::to_string(arity)] = per;
  }
  print_json(out);
  return 0;
}

int bench_fr(double seconds) {
  nlohmann::json out = {{"context", context()}};
  constexpr std::size_t kOps = 4096;
  for (const auto backend : {field::FrBackend::Portable, field::FrBackend::Adx}) {
    if (!field::fr_backend_supported(backend)) continue;
    field::Fr x = field::Fr::from_u64(3), y = field::Fr::from_u64(0x1234567890abcdefull);
    // Latency: each product depends on the previous one.
    const Rate latency = measure(seconds, kOps, [&] {
      for (std::size_t i = 0; i < kOps; ++i) x = field::fr_mul(backend, x, y);
    });
    // Throughput: four independent chains.
    field::Fr a = x, b = y, c = x + y, d = x - y;
    const Rate throughput = measure(seconds, 4 * kOps, [&] {
      for (std::size_t i = 0; i < kOps; ++i) {
        a = field::fr_mul(backend, a, y);
        b = field::fr_mul(backend, b, x);
        c = field::fr_mul(backend, c, y);
        d = field::fr_mul(backend, d, x);
      }
    });
    out[std::string(field::fr_backend_name(backend))] = {
        {"mul_latency_ns", latency.ns_per_item},
        {"mul_latency_tsc", latency.tsc_per_item},
        {"mul_throughput_ns", throughput.ns_per_item},
        {"mul_throughput_tsc", throughput.tsc_per_item},
        {"checksum", (a + b + c + d + x).to_hex().substr(0, 16)}};
  }
  print_json(out);
  return 0;
}

// PC1 labelling of a whole sector (all layers), single-sector and K-sector batch, against the
// SHA-256 compression speed measured in the same run: a label costs 20 compressions, so
// 20 x (compression time) is the hashing limit per label.
int bench_pc1(double seconds, std::uint64_t sector_size, std::size_t sectors,
              const std::string& cache_dir) {
  const auto& shape = porep::sector_shape(sector_size);
  // The V1_1 graph of the size, or the 2KiB V1_1 porep_id for test sizes (porep-sdr.md §1.2).
  int proof_id = 5;
  for (const auto& p : porep::registered_seal_proofs()) {
    if (p.sector_size == sector_size && p.api_version == porep::ApiVersion::V1_1_0) proof_id = p.id;
  }
  const porep::GraphParams g{shape.nodes, porep::porep_id_for(proof_id), porep::ApiVersion::V1_1_0};
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto cache_start = Clock::now();
  const auto cache = porep::ParentCache::open(cache_dir, g, threads);
  const double cache_s = std::chrono::duration<double>(Clock::now() - cache_start).count();
  const std::size_t layers = static_cast<std::size_t>(shape.layers);

  std::vector<std::array<std::uint8_t, 32>> ids(sectors);
  for (std::size_t s = 0; s < sectors; ++s) ids[s].fill(static_cast<std::uint8_t>(s + 1));
  std::vector<AlignedBuffer> cur, prev;
  for (std::size_t s = 0; s < sectors; ++s) {
    cur.emplace_back(shape.nodes * 32);
    prev.emplace_back(shape.nodes * 32);
  }

  auto run_single = [&] {
    for (std::size_t l = 1; l <= layers; ++l) {
      std::swap(cur[0], prev[0]);
      porep::label_layer(cache.data(), g.nodes, ids[0], static_cast<std::uint32_t>(l),
                         cur[0].data(), prev[0].data(), {0, g.nodes});
    }
  };
  auto run_batch = [&] {
    for (std::size_t l = 1; l <= layers; ++l) {
      std::vector<std::uint8_t*> c;
      std::vector<const std::uint8_t*> p;
      for (std::size_t s = 0; s < sectors; ++s) {
        std::swap(cur[s], prev[s]);
        c.push_back(cur[s].data());
        p.push_back(prev[s].data());
      }
      porep::label_layer_batch(cache.data(), g.nodes, ids, static_cast<std::uint32_t>(l), c, p);
    }
  };
  const std::uint64_t labels = g.nodes * layers;
  const Rate single = measure(seconds, labels, run_single);
  const Rate batch = measure(seconds, labels * sectors, run_batch);

  // The hashing limit, same run: 20 blocks per label.
  const auto [one, two, four] = measure_compression(seconds, 20);
  print_json({{"context", context()},
              {"sector_size", sector_size},
              {"nodes", g.nodes},
              {"layers", layers},
              {"sectors_in_batch", sectors},
              {"parent_cache",
               {{"file", cache.info().path.string()},
                {"generated", cache.info().generated},
                {"seconds", cache_s}}},
              {"single_ns_per_label", single.ns_per_item},
              {"single_sector_pc1_seconds", single.ns_per_item * static_cast<double>(labels) / 1e9},
              {"batch_ns_per_label_per_sector", batch.ns_per_item},
              {"sha256_ns_per_block_1_stream", one.ns_per_item},
              {"sha256_ns_per_block_per_stream_4_streams", four.ns_per_item},
              {"single_vs_hash_limit", single.ns_per_item / (20 * one.ns_per_item)},
              {"batch_vs_hash_limit", batch.ns_per_item / (20 * four.ns_per_item)}});
  return 0;
}

}  // namespace

// PC2's three per-node steps on synthetic layers of the sector's shape, one core (and one GPU
// when present): column hashes (Poseidon of arity L), tree_c/tree_r_last rows (arity 8; a base
// tree has leaves/7 internal nodes), encoding. The sector estimate adds them for tree_c and
// tree_r_last; reading the layers is not included (the job's result.json splits that out).
int bench_pc2(double seconds, std::uint64_t sector_size) {
  const auto& shape = porep::sector_shape(sector_size);
  const auto L = static_cast<std::size_t>(shape.layers);
  const std::size_t block = std::min<std::uint64_t>(shape.nodes, 1u << 15);
  std::mt19937_64 rng(3);
  std::vector<std::uint8_t> labels(L * block * 32), data(block * 32), replica(block * 32);
  for (std::size_t i = 0; i < labels.size(); ++i)
    labels[i] = static_cast<std::uint8_t>(i % 32 == 31 ? rng() & 0x3f : rng());
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<std::uint8_t>(i % 32 == 31 ? rng() & 0x3f : rng());
  std::vector<const std::uint8_t*> ptrs;
  for (std::size_t l = 0; l < L; ++l) ptrs.push_back(labels.data() + l * block * 32);
  std::vector<field::Fr> columns(block), leaves(block);

  auto run = [&](const merkle::PoseidonLevelHasher& hasher) {
    const Rate col =
        measure(seconds, block, [&] { porep::column_hashes(ptrs, 0, columns, hasher); });
    const std::size_t internal = (block - 1) / 7;
    const Rate tree = measure(seconds, internal, [&] {
      const auto rows = merkle::poseidon_tree_rows(8, columns, hasher);
      if (rows.back().size() != 1) std::abort();
    });
    const Rate enc = measure(seconds, block, [&] {
      porep::encode_replica(std::span(labels).subspan((L - 1) * block * 32, block * 32), data, 0,
                            replica, leaves);
    });
    const double n = static_cast<double>(shape.nodes);
    const double sector_s =
        (n * col.ns_per_item + 2 * (n / 7) * tree.ns_per_item + n * enc.ns_per_item) / 1e9;
    return nlohmann::json{{"column_hashes_per_s", 1e9 / col.ns_per_item},
                          {"tree_nodes_per_s", 1e9 / tree.ns_per_item},
                          {"encode_nodes_per_s", 1e9 / enc.ns_per_item},
                          {"sector_hashing_seconds", sector_s}};
  };
  nlohmann::json out = {
      {"context", context()}, {"sector_size", sector_size}, {"layers", L}, {"block_nodes", block}};
  auto per_core = run(merkle::cpu_level_hasher());
  const double cores = std::max(1u, std::thread::hardware_concurrency());
  per_core["sector_seconds_all_cores"] = per_core["sector_hashing_seconds"].get<double>() / cores;
  out["per_core"] = per_core;
  out["cores"] = cores;
  if (hash::poseidon_gpu_available() && hash::poseidon_gpu_supports_arity(L)) {
    out["per_gpu"] =
        run([](std::size_t arity, std::span<field::Fr> o, std::span<const field::Fr> i) {
          hash::poseidon_hash_batch_gpu(arity, o, i, 0);
        });
  } else {
    out["per_gpu"] = hash::poseidon_gpu_describe(0);
  }
  print_json(out);
  return 0;
}

// BLS12-381 building blocks, each timed on its own: field products, the two halves of the
// pairing, scalar multiplications (255-bit scalars) and the MSM size of a 32GiB PoRep input.
int bench_pairing(double seconds) {
  std::mt19937_64 rng(7);
  const auto scalar = [&] {
    field::FrBytes b;
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    b[31] &= 0x3f;
    return field::Fr::from_bytes(b);
  };
  const field::G1 g1 = field::G1::from_affine(field::g1_generator());
  const field::G2 g2 = field::G2::from_affine(field::g2_generator());
  const field::G1Affine p = g1.mul(scalar().to_canonical_limbs()).to_affine();
  const field::G2Affine q = g2.mul(scalar().to_canonical_limbs()).to_affine();
  field::Fq a = field::Fq::from_u64(3), b = p.x;
  field::Fq2 a2 = q.x, b2 = q.y;
  const field::G2Prepared prepared = field::G2Prepared::from(q);
  const field::MillerTerm term{p, &prepared};
  field::Fq12 f = field::multi_miller_loop(std::span(&term, 1));
  field::Fq12 f2 = f;
  const auto k = scalar().to_canonical_limbs();
  constexpr std::size_t kOps = 1024;
  const Rate fq_mul = measure(seconds, kOps, [&] {
    for (std::size_t i = 0; i < kOps; ++i) a = a * b;
  });
  // The same chain on the portable kernel, side by side (restored afterwards).
  const field::FqBackend chosen = field::fq_backend();
  field::force_fq_backend(field::FqBackend::Portable);
  const Rate fq_mul_portable = measure(seconds, kOps, [&] {
    for (std::size_t i = 0; i < kOps; ++i) a = a * b;
  });
  field::force_fq_backend(chosen);
  const Rate fq2_mul = measure(seconds, kOps, [&] {
    for (std::size_t i = 0; i < kOps; ++i) a2 = a2 * b2;
  });
  const Rate fq12_mul = measure(seconds, 64, [&] {
    for (int i = 0; i < 64; ++i) f2 = f2 * f;
  });
  const Rate prepare = measure(seconds, 1, [&] { (void)field::G2Prepared::from(q); });
  const Rate miller =
      measure(seconds, 1, [&] { f = field::multi_miller_loop(std::span(&term, 1)); });
  const Rate final_exp = measure(seconds, 1, [&] { f2 = field::final_exponentiation(f); });
  const Rate pairing = measure(seconds, 1, [&] { f2 = field::pairing(p, q); });
  field::G1 r1 = g1;
  field::G2 r2 = g2;
  const Rate g1_mul = measure(seconds, 1, [&] { r1 = field::G1::from_affine(p).mul(k); });
  const Rate g2_mul = measure(seconds, 1, [&] { r2 = field::G2::from_affine(q).mul(k); });
  const Rate g1_check = measure(seconds, 1, [&] { (void)field::g1_in_subgroup(p); });
  const Rate g2_check = measure(seconds, 1, [&] { (void)field::g2_in_subgroup(q); });
  std::vector<field::G1Affine> points(327, p);
  std::vector<field::Fr> scalars(327);
  for (std::size_t i = 0; i < points.size(); ++i) {
    points[i] = g1.mul(scalar().to_canonical_limbs()).to_affine();
    scalars[i] = scalar();
  }
  const Rate msm = measure(seconds, 1, [&] { r1 = field::g1_msm(points, scalars); });
  print_json({{"context", context()},
              {"fq_backend", chosen == field::FqBackend::Adx ? "adx" : "portable"},
              {"fq_mul_latency_ns", fq_mul.ns_per_item},
              {"fq_mul_latency_portable_ns", fq_mul_portable.ns_per_item},
              {"fq2_mul_latency_ns", fq2_mul.ns_per_item},
              {"fq12_mul_ns", fq12_mul.ns_per_item},
              {"g2_prepare_us", prepare.ns_per_item / 1e3},
              {"miller_loop_us", miller.ns_per_item / 1e3},
              {"final_exponentiation_us", final_exp.ns_per_item / 1e3},
              {"pairing_us", pairing.ns_per_item / 1e3},
              {"g1_scalar_mul_us", g1_mul.ns_per_item / 1e3},
              {"g2_scalar_mul_us", g2_mul.ns_per_item / 1e3},
              {"g1_subgroup_check_us", g1_check.ns_per_item / 1e3},
              {"g2_subgroup_check_us", g2_check.ns_per_item / 1e3},
              {"g1_msm_327_us", msm.ns_per_item / 1e3},
              {"g1_msm_327_per_point_us", msm.ns_per_item / 1e3 / 327},
              {"checksum", (a.to_hex() + a2.c0.to_hex() + f2.c0.c0.c0.to_hex()).substr(0, 16) +
                               std::to_string(r1.is_identity() + r2.is_identity())}});
  return 0;
}

// Groth16 verification at the 32GiB seal's shape (10 partitions x 327 inputs) on a trapdoor
// instance: the same pairings and MSM sizes as the real key, without needing the key file.
int bench_verify(double seconds) {
  const auto sim = snark::simulate_groth16(327, 10, 11);
  const auto vk_bytes = snark::encode_verifying_key(sim.vk);
  std::vector<std::uint8_t> proof_bytes;
  for (const auto& p : sim.proofs) {
    const auto b = snark::encode_proof(p);
    proof_bytes.insert(proof_bytes.end(), b.begin(), b.end());
  }
  const Rate parse_vk = measure(seconds, 1, [&] { (void)snark::parse_verifying_key(vk_bytes); });
  const Rate parse_proofs = measure(seconds, 10, [&] { (void)snark::parse_proofs(proof_bytes); });
  const Rate prepare = measure(seconds, 1, [&] { (void)snark::prepare_verifying_key(sim.vk); });
  const auto pvk = snark::prepare_verifying_key(sim.vk);
  bool ok = true;
  const Rate one = measure(
      seconds, 1, [&] { ok = ok && snark::verify_proof(pvk, sim.proofs[0], sim.inputs[0]); });
  const Rate batch = measure(
      seconds, 1, [&] { ok = ok && snark::verify_proofs_batch(pvk, sim.proofs, sim.inputs); });
  if (!ok) throw Error(ErrorCode::Internal, "bench verify: a valid simulated proof failed");
  print_json({{"context", context()},
              {"shape", {{"public_inputs", 327}, {"partitions", 10}}},
              {"parse_vk_ms", parse_vk.ns_per_item / 1e6},
              {"parse_proof_ms", parse_proofs.ns_per_item / 1e6},
              {"prepare_vk_ms", prepare.ns_per_item / 1e6},
              {"verify_one_partition_ms", one.ns_per_item / 1e6},
              {"verify_seal_10_partitions_batched_ms", batch.ns_per_item / 1e6},
              {"verify_seal_10_partitions_one_by_one_ms", 10 * one.ns_per_item / 1e6},
              {"cold_seal_verification_ms", (parse_vk.ns_per_item + 10 * parse_proofs.ns_per_item +
                                             prepare.ns_per_item + batch.ns_per_item) /
                                                1e6}});
  return 0;
}

int cmd_bench(const Args& args) {
  if (args.empty())
    usage_error("vseal bench: expected sha256, poseidon, fr, pc1, pc2, pairing or verify");
  po::options_description desc("vseal bench");
  desc.add_options()("seconds", po::value<double>()->default_value(0.3), "time per measurement")(
      "sector-size", po::value<std::string>()->default_value("2KiB"), "pc1/pc2: sector size")(
      "sectors", po::value<std::size_t>()->default_value(4), "pc1: sectors in the batch")(
      "parent-cache", po::value<std::string>()->default_value("/var/tmp/filecoin-parents"),
      "pc1: parent cache directory (rust-fil-proofs' default)");
  const auto vm = parse_options(Args(args.begin() + 1, args.end()), desc, {});
  const double seconds = vm["seconds"].as<double>();
  if (!(seconds > 0 && seconds <= 60)) usage_error("--seconds must be in (0, 60]");
  if (args[0] == "sha256") return bench_sha256(seconds);
  if (args[0] == "poseidon") return bench_poseidon(seconds);
  if (args[0] == "fr") return bench_fr(seconds);
  if (args[0] == "pc1") {
    const std::size_t sectors = vm["sectors"].as<std::size_t>();
    if (sectors < 1 || sectors > 64) usage_error("--sectors must be in 1..64");
    return bench_pc1(seconds, porep::parse_sector_size(vm["sector-size"].as<std::string>()),
                     sectors, vm["parent-cache"].as<std::string>());
  }
  if (args[0] == "pc2")
    return bench_pc2(seconds, porep::parse_sector_size(vm["sector-size"].as<std::string>()));
  if (args[0] == "pairing") return bench_pairing(seconds);
  if (args[0] == "verify") return bench_verify(seconds);
  usage_error("vseal bench: unknown target '" + args[0] +
              "' (sha256|poseidon|fr|pc1|pc2|pairing|verify)");
}

}  // namespace vseal::cli
