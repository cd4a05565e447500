#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Key material for the C ABI Batch and migration tests, made with the openssl CLI.
# Usage: make_test_keys.sh OUTDIR
#   one.pfx (password pw-one, in passwords.json), two.pem (certificate + key), three.cer (public
#   only), and *.upload: the DER certificates of one..five for Batch (five has no key file, four
#   is a PFX whose password nobody gave: four.pfx.upload, password pw-four).
set -euo pipefail
out=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in one two three four five; do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj "/CN=capi-$name" \
    -keyout "$tmp/$name.key" -out "$tmp/$name.crt" 2>/dev/null
  openssl x509 -in "$tmp/$name.crt" -outform der -out "$out/$name.upload"
done
openssl pkcs12 -export -inkey "$tmp/one.key" -in "$tmp/one.crt" -passout pass:pw-one -out "$out/one.pfx"
cat "$tmp/two.crt" "$tmp/two.key" >"$out/two.pem"
cp "$out/three.upload" "$out/three.cer"
openssl pkcs12 -export -inkey "$tmp/four.key" -in "$tmp/four.crt" -passout pass:pw-four -out "$out/four.pfx.upload"
echo '{"one.pfx": "pw-one"}' >"$out/passwords.json"
