#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds build-bench if needed and runs kvbridge-bench against a local emulator (loopback only).
# Usage: scripts/bench.sh [--callgrind] [--calls N] [--out PATH]
# --callgrind (needs valgrind): also counts instructions per warm GetSecret call on both sides as
# (Ir(N=201) - Ir(N=1)) / 200, so that start-up, TLS handshake and token cost cancel out.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-bench
callgrind=0
calls=2000
out=bench/report.md
while [ $# -gt 0 ]; do
  case "$1" in
    --callgrind) callgrind=1; shift ;;
    --calls) calls=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--callgrind] [--calls N] [--out PATH]" >&2; exit 2 ;;
  esac
done
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --wrap-mode=nodownload -Dbench=enabled -Dtests=disabled -Dexamples=disabled \
    >"$build.setup.log" 2>&1 || { cat "$build.setup.log" >&2; exit 1; }
fi
ninja -C "$build" -j2 >/dev/null
bench=$build/bench/kvbridge-bench
emulator=$build/tests/emulator/kvbridge-emulator
"$bench" --emulator "$emulator" --calls "$calls" --out "$out" >/dev/null

# Instructions retired by one side's run of N calls (the bench process only, not the emulator).
instructions() {
  local side=$1 n=$2 dir
  dir=$(mktemp -d)
  valgrind --tool=callgrind --callgrind-out-file="$dir/cg.%p" \
    "$bench" --emulator "$emulator" --calls "$n" --only "$side" >/dev/null 2>"$dir/log"
  # The largest profile is the bench itself (a forked child may leave a tiny one before exec).
  grep -h '^summary:\|^totals:' "$dir"/cg.* | awk '{print $2}' | sort -n | tail -1
  rm -rf "$dir"
}

if [ "$callgrind" = 1 ]; then
  if ! command -v valgrind >/dev/null; then
    echo "valgrind not installed: skipping --callgrind" >&2
  else
    {
      echo
      echo "## Instructions per warm GetSecret call (callgrind, (Ir(201) - Ir(1)) / 200)"
      echo
      echo "| side | Ir(1) | Ir(201) | Ir per call |"
      echo "|---|---|---|---|"
      for side in client libcurl; do
        one=$(instructions "$side" 1)
        many=$(instructions "$side" 201)
        echo "| $side | $one | $many | $(( (many - one) / 200 )) |"
      done
    } >>"$out"
  fi
fi
echo "$out"
