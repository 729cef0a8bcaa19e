#!/usr/bin/env bash
# Fails when a tracked C++/CUDA file differs from .clang-format's layout. Exit 77 (CTest "skipped")
# where clang-format or git is missing.
set -u
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed: format check skipped"; exit 77; }
files=$(git ls-files '*.cpp' '*.hpp' '*.cu' '*.cuh' 2>/dev/null) || { echo "not a git checkout: skipped"; exit 77; }
if ! clang-format --dry-run -Werror $files; then
  echo "files differ from .clang-format: run clang-format -i on them" >&2
  exit 1
fi
echo "format: ok"
