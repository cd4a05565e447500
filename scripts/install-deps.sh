#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages kvbridge needs to build and test, only those missing.
# Usage: scripts/install-deps.sh [extra-package ...]
# Extras asked for only when needed: scripts/fuzz.sh wants clang-14 and libclang-rt-14-dev (Debian 12
# ships libFuzzer and clang's sanitizer runtimes there); GCC's ASan/UBSan/TSan come with g++.
set -euo pipefail

packages=(meson ninja-build pkg-config g++ cmake git python3 openssl ca-certificates
  libcurl4-openssl-dev libssl-dev rapidjson-dev libmsgsl-dev doctest-dev libcpp-httplib-dev doxygen
  valgrind mono-mcs mono-runtime abigail-tools clang-format
  "$@")

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
echo "kvbridge: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
