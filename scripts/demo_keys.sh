#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The demo's key material, made with the openssl CLI: 25 certificates as PFX/P12/PEM/CER, some
# with passwords, one without its key file (23), one with a wrong password listed (24).
# Usage: demo_keys.sh WORKDIR -> WORKDIR/keys (with manifest.tsv for demo_seed.py),
# WORKDIR/der (the public certificates) and WORKDIR/passwords.json.
set -euo pipefail
work=$1
keys="$work/keys"
mkdir -p "$keys" "$work/der"
: >"$keys/manifest.tsv"
passwords="{"
for i in $(seq 0 24); do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj "/CN=demo-app-$i" \
    -keyout "$work/key$i.pem" -out "$work/cert$i.pem" 2>/dev/null
  openssl x509 -in "$work/cert$i.pem" -outform der -out "$work/der/cert$i.der"
  thumb=$(openssl x509 -in "$work/cert$i.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
  printf '%s\t%s\t%s\n' "$i" "$thumb" "$work/der/cert$i.der" >>"$keys/manifest.tsv"
  if [ "$i" -eq 23 ]; then
    continue # its key file is missing
  elif [ "$i" -eq 24 ]; then
    openssl pkcs12 -export -inkey "$work/key$i.pem" -in "$work/cert$i.pem" -passout pass:the-real-one \
      -out "$keys/$thumb.pfx"
    passwords="$passwords\"$thumb\": \"not-the-password\", "
  elif [ $((i % 5)) -eq 0 ]; then
    openssl pkcs12 -export -inkey "$work/key$i.pem" -in "$work/cert$i.pem" -passout "pass:pw-$i" \
      -out "$keys/app$i.pfx"
    passwords="$passwords\"app$i.pfx\": \"pw-$i\", "
  elif [ $((i % 5)) -eq 1 ]; then
    openssl pkcs12 -export -inkey "$work/key$i.pem" -in "$work/cert$i.pem" -passout pass: -out "$keys/app$i.p12"
  elif [ $((i % 5)) -eq 2 ]; then
    cat "$work/cert$i.pem" "$work/key$i.pem" >"$keys/app$i.pem"
  elif [ $((i % 5)) -eq 3 ]; then
    cp "$work/der/cert$i.der" "$keys/root$i.cer" # public only: stored as a secret
  else
    openssl pkcs12 -export -inkey "$work/key$i.pem" -in "$work/cert$i.pem" -passout "pass:pw-$i" \
      -out "$keys/$thumb.pfx"
    passwords="$passwords\"$thumb\": \"pw-$i\", "
  fi
done
echo "${passwords%, }}" >"$work/passwords.json"
rm -f "$work"/key*.pem
