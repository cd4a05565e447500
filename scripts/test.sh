#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One command: install what is missing, build, run every test suite. The last line printed is
# "N passed, N failed" (N counts test cases inside each test program where it reports them).
#
#   scripts/test.sh                 every suite, in ./build
#   scripts/test.sh --sanitize      ASan + UBSan build in ./build-asan; every suite except the
#                                   ones that load the library into another runtime (Python, Mono,
#                                   valgrind), which cannot host a sanitized library
#   scripts/test.sh [meson test args]   e.g. --suite unit
set -uo pipefail
cd "$(dirname "$0")/.."

setup_args=()
test_args=()
if [ "${1:-}" = "--sanitize" ]; then
  shift
  export KVB_BUILD_DIR=${KVB_BUILD_DIR:-build-asan}
  setup_args=(-Db_sanitize=address,undefined -Db_lundef=false)
  test_args=(--no-suite bindings --no-suite valgrind)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi

bash scripts/install-deps.sh || exit 1
bash scripts/build.sh "${setup_args[@]}" || { echo "0 passed, 1 failed"; exit 1; }

build=${KVB_BUILD_DIR:-build}
meson test -C "$build" --print-errorlogs --num-processes 2 "${test_args[@]}" "$@"
status=$?
python3 scripts/summarize_tests.py "$build/meson-logs/testlog.json"
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
