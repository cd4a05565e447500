#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages kvbridge needs, only those missing.
# Usage: scripts/install-deps.sh [--demo] [extra-package ...]
#   --demo   only what scripts/demo.sh builds and runs (the libraries, the CLI, the emulator, the
#            demo's key material and seeding): a fresh machine shows the demo sooner
#   (none)   that plus everything the test suites run (scripts/test.sh), npm packages included
# Extras asked for only when needed: scripts/fuzz.sh wants clang-14 and libclang-rt-14-dev (Debian 12
# ships libFuzzer and clang's sanitizer runtimes there); GCC's ASan/UBSan/TSan come with g++.
set -euo pipefail

# Build: compiler, meson, pkg-config; the libraries' headers (Microsoft GSL's are used as they are
# when cmake is missing); python3 (meson, demo_seed.py) and openssl (demo_keys.sh).
demo=(g++ meson ninja-build pkg-config python3 openssl
  libcurl4-openssl-dev libssl-dev rapidjson-dev libmsgsl-dev libcpp-httplib-dev)
# Tests: doctest and cmake (doctest's package, the CMake consumer test); doxygen (docs),
# clang-format (style), valgrind, abigail-tools (ABI check); Mono (C# binding); meson-python and
# venv (the pip consumer test); ca-certificates (the system store tests); git. Then the npm
# packages of the conformance suite (install_conformance_js below).
tests=(doctest-dev cmake doxygen clang-format valgrind abigail-tools mono-mcs mono-runtime
  python3-mesonpy python3-venv ca-certificates git)

packages=("${demo[@]}")
with_tests=1
if [ "${1:-}" = --demo ]; then
  shift
  with_tests=0
else
  packages+=("${tests[@]}")
  # Node.js and npm for the conformance suite (tests/conformance/js), only when `node` is missing:
  # a machine's own Node.js (e.g. NodeSource's, which provides npm itself) conflicts with
  # Debian's npm package.
  command -v node >/dev/null || packages+=(nodejs npm)
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
install_missing() {
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "kvbridge: missing packages: ${missing[*]} (run as root or install them)" >&2
    return 1
  fi
  echo "kvbridge: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # dpkg's unpacking is most of the time on a fresh machine (measured for the demo's 174 packages:
  # 83 s of 91, 43 s with unsafe I/O). Unsafe I/O skips the syncs before renames, for this run
  # only: a power cut in the middle may leave a package to reinstall.
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-unsafe-io "${missing[@]}" >/dev/null
}

# The Azure SDK packages the conformance suite pins (package-lock.json), installed again only
# when the lockfile changed. @azure/identity 4.13 needs Node.js 20: with an older one (Debian 12's
# own is 18) the suite is skipped and says so.
install_conformance_js() {
  local dir node_major
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/conformance/js"
  command -v node >/dev/null && command -v npm >/dev/null || return 0
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" -lt 20 ]; then
    echo "kvbridge: node $(node --version) is older than 20: the conformance suite will be skipped" >&2
    return 0
  fi
  [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ] && return 0
  echo "kvbridge: installing the conformance suite's npm packages (npm ci in tests/conformance/js)" >&2
  # A registry that cannot be reached costs the conformance suite (skipped, saying why), not the
  # rest of the tests.
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null ||
    echo "kvbridge: npm ci failed in $dir: the conformance suite will be skipped" >&2
}

install_missing
if [ "$with_tests" -eq 1 ]; then
  install_conformance_js
fi
