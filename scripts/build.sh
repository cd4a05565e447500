#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures (once) and builds kvbridge into ${KVB_BUILD_DIR:-build}. Extra arguments go to meson setup.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KVB_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --wrap-mode=nodownload "$@" >"${build}.setup.log" 2>&1 || {
    cat "${build}.setup.log" >&2
    exit 1
  }
fi
ninja -C "$build" -j"$(nproc)"
