#!/usr/bin/env bash
# `make demo` at this stage of vseal: known-answer self-checks of the crypto primitives on every
# backend this machine offers (and every shared Poseidon vector when ../shared/vectors exists),
# then a short benchmark of each primitive. Later stages extend this to a full 2KiB seal.
set -euo pipefail
bin=${1:-build/bin}
vectors=${VSEAL_VECTORS_DIR:-../shared/vectors}

summary() {  # prints selected keys of a JSON document, one per line
  python3 -c 'import json,sys
d=json.load(sys.stdin)
for path in sys.argv[1:]:
    v=d
    for k in path.split("."): v=v[k]
    print(f"  {path:48s} {v:.4g}" if isinstance(v,float) else f"  {path:48s} {v}")' "$@" 2>/dev/null || cat
}

echo "== vseal selftest"
args=()
[[ -f "$vectors/poseidon.json" ]] && args=(--vectors "$vectors")
"$bin/vseal" selftest "${args[@]}" | summary ok checks_run failed sha256_backend fr_backend poseidon_backend gpu

echo "== vseal bench fr"
"$bin/vseal" bench fr --seconds 0.2 | summary portable.mul_throughput_ns adx.mul_throughput_ns
echo "== vseal bench sha256"
"$bin/vseal" bench sha256 --seconds 0.2 | summary sha-ni.ns_per_block_1_stream \
  sha-ni.ns_per_block_per_stream_4_streams sha-ni.throughput_ratio_4_vs_1 portable.ns_per_block_1_stream
echo "== vseal bench poseidon"
"$bin/vseal" bench poseidon --seconds 0.2 | summary arity_8.plain.us_per_hash \
  arity_8.optimized-adx.us_per_hash arity_8.optimized-adx.speedup_vs_plain arity_11.optimized-adx.us_per_hash
echo "demo: ok"
