#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Rebuild libkvbridge-c and write its ABI baseline, capi/abi/libkvbridge-c.abi, which the
# capi-abi test compares every build against. Run it when the C ABI changes on purpose.
# Usage: scripts/update-abi-baseline.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
meson compile -C "$build" kvbridge-c >/dev/null
lib=$(find "$build/capi" -maxdepth 1 -type f -name 'libkvbridge-c.so.*' | head -1)
[ -n "$lib" ] || { echo "libkvbridge-c not found in $build/capi" >&2; exit 1; }
mkdir -p capi/abi
bash scripts/abi.sh dump "$lib" capi/include/kvbridge capi/abi/libkvbridge-c.abi
echo "wrote capi/abi/libkvbridge-c.abi from $lib ($(grep -c '<elf-symbol name=.kvb_' capi/abi/libkvbridge-c.abi) kvb_ symbols)"
