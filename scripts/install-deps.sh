#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages kvbridge needs, only those missing.
# Usage: scripts/install-deps.sh [--demo] [extra-package ...]
#   --demo   only what scripts/demo.sh builds and runs (the libraries, the CLI, the emulator, the
#            demo's key material and seeding): a fresh machine shows the demo sooner
#   (none)   that plus everything the test suites run (scripts/test.sh)
# Extras asked for only when needed: scripts/fuzz.sh wants clang-14 and libclang-rt-14-dev (Debian 12
# ships libFuzzer and clang's sanitizer runtimes there); GCC's ASan/UBSan/TSan come with g++.
set -euo pipefail

# Build: compiler, meson, pkg-config; the libraries' headers (Microsoft GSL's are used as they are
# when cmake is missing); python3 (meson, demo_seed.py) and openssl (demo_keys.sh).
demo=(g++ meson ninja-build pkg-config python3 openssl
  libcurl4-openssl-dev libssl-dev rapidjson-dev libmsgsl-dev libcpp-httplib-dev)
# Tests: doctest and cmake (doctest's package, the CMake consumer test); doxygen (docs),
# clang-format (style), valgrind, abigail-tools (ABI check); Mono (C# binding); meson-python and
# venv (the pip consumer test); ca-certificates (the system store tests); git.
tests=(doctest-dev cmake doxygen clang-format valgrind abigail-tools mono-mcs mono-runtime
  python3-mesonpy python3-venv ca-certificates git)

packages=("${demo[@]}")
if [ "${1:-}" = --demo ]; then
  shift
else
  packages+=("${tests[@]}")
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "kvbridge: missing packages: ${missing[*]} (run as root or install them)" >&2
  exit 1
fi
echo "kvbridge: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# dpkg's unpacking is most of the time on a fresh machine (measured for the demo's 174 packages:
# 83 s of 91, 43 s with unsafe I/O). Unsafe I/O skips the syncs before renames, for this run
# only: a power cut in the middle may leave a package to reinstall.
apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-unsafe-io "${missing[@]}" >/dev/null
