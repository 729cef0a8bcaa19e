#!/usr/bin/env bash
# `make bench`: runs every Google Benchmark binary; JSON lands in BUILD/bench/results-*.json.
set -euo pipefail
build=${1:-build}
for b in "$build"/bench/bench_*; do
  name=$(basename "$b")
  echo "== $name"
  "$b" --benchmark_min_time=0.2 --benchmark_out="$build/bench/results-$name.json" \
       --benchmark_out_format=json
done
