#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets in ./build-fuzz (clang-14, -fsanitize=fuzzer,address,undefined,
# any UBSan finding fatal) and runs each for SECONDS (default 60) over its seed corpus plus what
# earlier runs found (kept in build-fuzz/fuzz-work/<target>). Prints one line per target,
# "<target>: N executions in S s, C crashes"; crash inputs land in build-fuzz/tests/fuzz/artifacts/.
# Exits 1 when any target crashed. Reproduce one: build-fuzz/tests/fuzz/<target> <crash-file>.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   e.g. scripts/fuzz.sh 300 fuzz_pki
#   scripts/fuzz.sh --build-only            configure and build only (used by scripts/test.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
build=build-fuzz

if [ ! -f "$build/build.ninja" ]; then
  bash scripts/install-deps.sh clang-14 libclang-rt-14-dev || exit 1
  # -O1 and line tables only: fuzzing wants speed of compile and run, stack traces still resolve.
  CC=clang-14 CXX=clang++-14 meson setup "$build" --wrap-mode=nodownload -Dfuzzing=enabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Doptimization=1 -Ddebug=false \
    -Dc_args=-gline-tables-only -Dcpp_args=-gline-tables-only \
    -Dtests=disabled -Demulator=disabled -Dexamples=disabled -Dbench=disabled \
    >"$build.setup.log" 2>&1 || {
    cat "$build.setup.log" >&2
    exit 1
  }
fi
ninja -C "$build" -j"$(nproc)" || exit 1
[ "${1:-}" = "--build-only" ] && exit 0

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(find "$build/tests/fuzz" -maxdepth 1 -type f -executable -name 'fuzz_*' -printf '%f\n' | sort)
fi
export KVB_FUZZ_WORK=$PWD/$build/fuzz-work
status=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  bash tests/fuzz/run_fuzzer.sh "$build/tests/fuzz/$target" "$build/tests/fuzz/corpus/$name" "$seconds" || status=1
done
exit $status
