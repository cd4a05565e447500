#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The ABI of libkvbridge-c with abigail-tools, dumped the same way for the baseline and the check.
#   abi.sh dump LIBRARY HEADERS_DIR OUT.abi     write the ABI (kvb_ functions and the types of kvbridge.h)
#   abi.sh check LIBRARY HEADERS_DIR BASELINE   compare with the baseline: added functions pass; a
#                                               removed or changed function or variable fails.
# What varies between builds is left out: paths, source locations, parameter names, DT_NEEDED.
# check exits 77 (skipped) when abidw/abidiff are not installed.
set -u
mode=$1
lib=$2
headers=$3
target=$4

dump() {
  abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed --no-parameter-names \
    --exported-interfaces-only --drop-undefined-syms --type-id-style hash --headers-dir "$headers" \
    --drop-private-types --out-file "$2" "$1"
}

case "$mode" in
dump)
  dump "$lib" "$target"
  ;;
check)
  if ! command -v abidw >/dev/null || ! command -v abidiff >/dev/null; then
    echo "abigail-tools not installed: skipped"
    exit 77
  fi
  [ -f "$target" ] || { echo "no baseline $target (scripts/update-abi-baseline.sh writes it)"; exit 1; }
  current=$(mktemp)
  trap 'rm -f "$current"' EXIT
  dump "$lib" "$current" || { echo "abidw failed"; exit 1; }
  report=$(abidiff --no-show-locs "$target" "$current")
  status=$?
  echo "$report"
  # abidiff's status is a bit set: 1 error, 2 usage error, 4 ABI change, 8 incompatible change.
  failed=0
  if [ $((status & 3)) -ne 0 ]; then
    echo "abidiff could not compare (status $status)"
    failed=1
  elif [ $((status & 8)) -ne 0 ]; then
    echo "incompatible ABI change"
    failed=1
  elif [ $((status & 4)) -ne 0 ]; then
    # A change: only additions are compatible for a C ABI that callers bind by name.
    if echo "$report" | grep -E '(Functions|Variables) changes summary:' | grep -qvE ' 0 Removed, 0 Changed'; then
      echo "functions or variables were removed or changed"
      failed=1
    else
      echo "only additions: compatible (regenerate the baseline with scripts/update-abi-baseline.sh)"
    fi
  fi
  if [ $failed -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
  exit $failed
  ;;
*)
  echo "usage: abi.sh dump|check LIBRARY HEADERS_DIR FILE" >&2
  exit 2
  ;;
esac
