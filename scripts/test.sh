#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One command: install what is missing, build, run the tests. The last line printed is
# "N passed, N failed" over every phase that ran (N counts test cases inside each test program
# where it reports them; a build that fails counts as one failure).
#
#   scripts/test.sh             what CI runs: every suite in ./build, then, unless KVB_QUICK=1,
#                               the fuzz-smoke suite (./build-fuzz: clang-14, libFuzzer, ASan+UBSan)
#                               and the concurrency suite under ThreadSanitizer (./build-tsan)
#   scripts/test.sh --sanitize  only: ASan + UBSan build in ./build-asan, every suite except the
#                               ones that load the library into another runtime (Python, Mono,
#                               valgrind), which cannot host a sanitized library
#   scripts/test.sh --tsan      only: the concurrency suite under TSan (builds ./build first: its
#                               emulator and CLI serve the TSan tests)
#   scripts/test.sh --fuzz      only: the fuzz-smoke suite (scripts/fuzz.sh runs targets longer)
#   scripts/test.sh --all       CI's phases plus the --sanitize one
#   scripts/test.sh [meson test args]   the normal build only, e.g. --suite unit
set -uo pipefail
cd "$(dirname "$0")/.."

logs=()    # testlog.json of each phase run now
timings=() # "phase: seconds"

# A build that fails still has to show in the final count.
record_build_failure() {
  local dir=$1
  mkdir -p "$dir/meson-logs"
  echo "{\"name\": \"build $dir\", \"result\": \"FAIL\"}" >"$dir/meson-logs/build-failure.json"
  logs+=("$dir/meson-logs/build-failure.json")
}

# run_tests DIR [meson test args]: run and remember the log (a stale one never counts).
run_tests() {
  local dir=$1
  shift
  rm -f "$dir/meson-logs/testlog.json"
  meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"
  if [ -f "$dir/meson-logs/testlog.json" ]; then
    logs+=("$dir/meson-logs/testlog.json")
  else
    record_build_failure "$dir" # meson test could not even start
  fi
}

phase_normal() {
  # tests=enabled: a tree the demo configured before the test tools were installed gets its tests.
  KVB_BUILD_DIR=build bash scripts/build.sh -Dtests=enabled || { record_build_failure build; return; }
  run_tests build "$@"
}

phase_asan() {
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  KVB_BUILD_DIR=build-asan bash scripts/build.sh -Db_sanitize=address,undefined -Db_lundef=false ||
    { record_build_failure build-asan; return; }
  run_tests build-asan --no-suite bindings --no-suite valgrind
}

phase_fuzz() {
  bash scripts/install-deps.sh clang-14 libclang-rt-14-dev || { record_build_failure build-fuzz; return; }
  bash scripts/fuzz.sh --build-only || { record_build_failure build-fuzz; return; }
  run_tests build-fuzz --suite fuzz-smoke
}

# TSan instruments the library and the test programs; the emulator and the CLI they drive are
# the normal build's (test infrastructure: building them with TSan would double the cost).
phase_tsan() {
  if [ ! -x build/tests/emulator/kvbridge-emulator ] || [ ! -x build/src/cli/kvbridge ]; then
    KVB_BUILD_DIR=build bash scripts/build.sh || { record_build_failure build; return; }
  fi
  if [ ! -f build-tsan/build.ninja ]; then
    meson setup build-tsan --wrap-mode=nodownload -Db_sanitize=thread -Db_lundef=false \
      -Doptimization=1 -Ddebug=false -Dcpp_args=-g1 >build-tsan.setup.log 2>&1 ||
      { cat build-tsan.setup.log >&2; record_build_failure build-tsan; return; }
  fi
  # Only the programs of the concurrency suite, not the whole tree.
  local targets
  targets=$(meson introspect build-tsan --tests | python3 -c '
import json, os, sys
print(" ".join(sorted({os.path.relpath(t["cmd"][0], "build-tsan") for t in json.load(sys.stdin)
                       if any(s.split(":")[-1] == "concurrency" for s in t["suite"])})))')
  # shellcheck disable=SC2086 # one target per word
  ninja -C build-tsan -j"$(nproc)" $targets || { record_build_failure build-tsan; return; }
  KVB_EMULATOR=$PWD/build/tests/emulator/kvbridge-emulator KVB_CLI=$PWD/build/src/cli/kvbridge \
    TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan.supp} \
    run_tests build-tsan --no-rebuild --suite concurrency
}

timed() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  timings+=("$name: $((SECONDS - start)) s")
}

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
case "${1:-}" in
  --sanitize) timed asan phase_asan ;;
  --tsan) timed tsan phase_tsan ;;
  --fuzz) timed fuzz phase_fuzz ;;
  --all)
    timed normal phase_normal
    timed fuzz phase_fuzz
    timed tsan phase_tsan
    timed asan phase_asan
    ;;
  *)
    timed normal phase_normal "$@"
    if [ $# -eq 0 ] && [ "${KVB_QUICK:-0}" != 1 ]; then
      timed fuzz phase_fuzz
      timed tsan phase_tsan
    fi
    ;;
esac
printf 'phase time: %s\n' "${timings[@]}"
python3 scripts/summarize_tests.py "${logs[@]}"
