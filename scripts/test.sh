#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One command: install what is missing, build, run every test suite. The last line printed is
# "N passed, N failed" (N counts test cases inside each test program where it reports them).
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || exit 1
bash scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }

build=${KVB_BUILD_DIR:-build}
meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
status=$?
python3 scripts/summarize_tests.py "$build/meson-logs/testlog.json"
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
