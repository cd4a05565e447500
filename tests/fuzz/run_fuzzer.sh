#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run one libFuzzer target for a bounded time over its seeds; fail on any crash, leak, timeout or
# sanitizer report. New inputs go to ${KVB_FUZZ_WORK:-a temporary directory}/<target>; crash
# inputs to <build>/tests/fuzz/artifacts/. Prints "<target>: N executions in S s, C crashes".
#
# usage: run_fuzzer.sh FUZZER SEED_DIR SECONDS
set -uo pipefail
fuzzer=$1 seeds=$2 seconds=$3
name=$(basename "$fuzzer")
artifacts="$(dirname "$fuzzer")/artifacts"
mkdir -p "$artifacts"
if [ -n "${KVB_FUZZ_WORK:-}" ]; then
  work="$KVB_FUZZ_WORK/$name"
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
log="$artifacts/$name.log"

# -timeout: one input taking this long is a hang; -rss_limit_mb: a runaway allocation is a bug.
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -seed=1 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$work" "$seeds" >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
crashes=0
[ $status -eq 0 ] || crashes=1
echo "$name: ${runs:-0} executions in ${seconds} s, $crashes crashes"
if [ $status -ne 0 ]; then
  tail -60 "$log"
  exit 1
fi
