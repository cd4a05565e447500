#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds build-bench if needed and runs kvbridge-bench against a local emulator (loopback only).
# Usage: scripts/bench.sh [--callgrind|--no-callgrind] [--calls N] [--out PATH] [--quick] [--build-cpu]
#                         [--build DIR]
# Instructions per warm call (GetSecret, SetSecret, a list page) on both sides, counted by
# callgrind as (Ir(N=201) - Ir(N=1)) / 200 so that start-up, TLS handshake and token cost cancel
# out, are the headline: measured by default whenever valgrind is installed.
# --callgrind: insist on them (installs valgrind if missing and possible).
# --no-callgrind: skip them (wall-clock figures only).
# --quick: skip the scale scenarios (pager over 100,000 secrets, migration of 1,000 certificates).
# --build-cpu: also build the whole project from scratch with ccache off in a scratch directory
# and report its user+sys CPU time (takes long on a small machine).
# --build DIR: use (and configure if needed) DIR instead of build-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-bench
callgrind=auto
calls=2000
out=bench/report.md
quick=0
buildcpu=0
while [ $# -gt 0 ]; do
  case "$1" in
    --callgrind) callgrind=1; shift ;;
    --no-callgrind) callgrind=0; shift ;;
    --calls) calls=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --build-cpu) buildcpu=1; shift ;;
    --build) build=$2; shift 2 ;;
    *) echo "usage: $0 [--callgrind|--no-callgrind] [--calls N] [--out PATH] [--quick] [--build-cpu] [--build DIR]" >&2
       exit 2 ;;
  esac
done
# A fresh machine gets the build's packages and valgrind (install-deps lists it) first.
bash scripts/install-deps.sh
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --wrap-mode=nodownload -Dbench=enabled -Dtests=disabled -Dexamples=enabled \
    >"$build.setup.log" 2>&1 || { cat "$build.setup.log" >&2; exit 1; }
fi
# Only what the benchmark runs and measures, whatever else the build directory holds.
# (awk reads to the end: an early exit would kill ninja with SIGPIPE and, under pipefail, this script.)
capi_lib=$(ninja -C "$build" -t targets all | awk -F: '!found && /^capi\/libkvbridge-c\.so[.0-9]*:/ {print $1; found=1}')
ninja -C "$build" -j2 bench/kvbridge-bench tests/emulator/kvbridge-emulator src/cli/kvbridge $capi_lib >/dev/null
bench=$build/bench/kvbridge-bench
emulator=$build/tests/emulator/kvbridge-emulator
scale=(--pager 1000,100000 --migration 1000,100)
[ "$quick" = 1 ] && scale=()
"$bench" --emulator "$emulator" --calls "$calls" --out "$out" "${scale[@]}" >/dev/null

# Instructions retired by one side's run of N calls (the bench process only, not the emulator).
instructions() {
  local side=$1 op=$2 n=$3 dir
  dir=$(mktemp -d)
  valgrind --tool=callgrind --callgrind-out-file="$dir/cg.%p" \
    "$bench" --emulator "$emulator" --calls "$n" --only "$side" --op "$op" >/dev/null 2>"$dir/log"
  # The largest profile is the bench itself (a forked child may leave a tiny one before exec).
  grep -h '^summary:\|^totals:' "$dir"/cg.* | awk '{print $2}' | sort -n | tail -1
  rm -rf "$dir"
}

if [ "$callgrind" = auto ]; then
  if command -v valgrind >/dev/null; then callgrind=1; else callgrind=0; fi
fi
if [ "$callgrind" = 1 ]; then
  if ! command -v valgrind >/dev/null; then
    echo "valgrind not installed: skipping --callgrind" >&2
  else
    {
      echo
      echo "## Instructions per warm call (callgrind, (Ir(201) - Ir(1)) / 200; the headline)"
      echo
      echo "| operation | SecretClient Ir/call | libcurl floor Ir/call | ratio |"
      echo "|---|---|---|---|"
      for op in get set list; do
        declare -A per
        for side in client libcurl; do
          one=$(instructions "$side" "$op" 1)
          many=$(instructions "$side" "$op" 201)
          per[$side]=$(( (many - one) / 200 ))
        done
        ratio=$(awk -v a="${per[client]}" -v b="${per[libcurl]}" 'BEGIN { printf "%.2f", a / b }')
        echo "| $op | ${per[client]} | ${per[libcurl]} | $ratio |"
      done
    } >>"$out"
  fi
fi

# Footprint: what a user ships (stripped) and, on request, what the project costs to build.
stripped() {
  local f=$1 tmp
  tmp=$(mktemp)
  strip -o "$tmp" "$f"
  stat -c %s "$tmp"
  rm -f "$tmp"
}
{
  echo
  echo "## Footprint"
  echo
  echo "| file | stripped bytes |"
  echo "|---|---|"
  for f in "$build"/src/libkvbridge.so "$build"/capi/libkvbridge-c.so "$build"/src/cli/kvbridge; do
    if [ -e "$f" ]; then echo "| $(basename "$f") | $(stripped "$(readlink -f "$f")") |"; fi
  done
} >>"$out"
if [ "$buildcpu" = 1 ]; then
  scratch=$(mktemp -d /tmp/kvb-build-cpu-XXXXXX)
  meson setup "$scratch" --wrap-mode=nodownload -Dbench=enabled -Dtests=enabled -Dexamples=enabled \
    -Demulator=enabled >/dev/null
  # user+sys of ninja and every compiler it runs (children's times), ccache off.
  cpu=$( { CCACHE_DISABLE=1 /usr/bin/time -f "%U %S %e" ninja -C "$scratch" -j2 >/dev/null; } 2>&1 | tail -1)
  rm -rf "$scratch"
  read -r user sys wall <<<"$cpu"
  {
    echo
    echo "Build from scratch (meson setup + ninja -j2, every option on, ccache off): user ${user} s +" \
      "sys ${sys} s CPU, ${wall} s wall on this machine."
  } >>"$out"
fi
echo "$out"
