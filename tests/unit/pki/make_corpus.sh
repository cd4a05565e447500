#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Generate the PKI test corpus with the openssl command: keys, certificates, chains, PEM in every
# key form, DER, and PFX files with modern and legacy encryption. Nothing binary is committed.
# For each certificate NAME.crt it also writes NAME.sha1 / NAME.sha256, the fingerprints openssl
# itself reports, which the tests compare with kvb::pki's thumbprints.
#
# Usage: make_corpus.sh OUTDIR [STAMPFILE]
set -euo pipefail

out=${1:?usage: make_corpus.sh OUTDIR [STAMPFILE]}
stamp=${2:+$(realpath -m "$2")}
pass='Corpus-Pa55word!'

rm -rf "$out"
mkdir -p "$out"
cd "$out"

days=3650
subj() { printf '/C=US/O=kvbridge tests/CN=%s' "$1"; }

fingerprints() { # NAME: NAME.crt -> NAME.sha1, NAME.sha256 (bare upper-case hex)
    for alg in sha1 sha256; do
        openssl x509 -in "$1.crt" -noout -fingerprint -"$alg" | sed 's/.*=//; s/://g' > "$1.$alg"
    done
}

selfsigned() { # NAME KEYFILE: a self-signed leaf for an existing key
    openssl req -new -x509 -key "$2" -subj "$(subj "$1")" -days "$days" -sha256 -out "$1.crt" \
        -addext basicConstraints=critical,CA:FALSE 2>/dev/null
    fingerprints "$1"
}

# Keys: PKCS#8 from genpkey; PKCS#1 and SEC1 forms derived from them.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pkcs8.pem 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out rsa4096.pkcs8.pem 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec256.pkcs8.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec384.pkcs8.pem
openssl rsa -in rsa2048.pkcs8.pem -traditional -out rsa2048.pkcs1.pem 2>/dev/null
openssl ec -in ec256.pkcs8.pem -out ec256.sec1.pem 2>/dev/null
openssl ec -in ec384.pkcs8.pem -out ec384.sec1.pem 2>/dev/null
openssl pkcs8 -topk8 -in rsa2048.pkcs8.pem -v2 aes-256-cbc -passout "pass:$pass" \
    -out rsa2048.pkcs8enc.pem
openssl rsa -in rsa2048.pkcs8.pem -traditional -aes256 -passout "pass:$pass" \
    -out rsa2048.pkcs1enc.pem 2>/dev/null

# Self-signed leaves.
selfsigned rsa2048 rsa2048.pkcs8.pem
selfsigned rsa4096 rsa4096.pkcs8.pem
selfsigned ec256 ec256.pkcs8.pem
selfsigned ec384 ec384.pkcs8.pem

# A three-level chain: root -> intermediate -> leaf.
cat > ca.ext <<'EXT'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
EXT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out root.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out inter.key
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out chainleaf.key 2>/dev/null
openssl req -new -x509 -key root.key -subj "$(subj 'Corpus Root')" -days "$days" -out root.crt \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -new -key inter.key -subj "$(subj 'Corpus Intermediate')" -out inter.csr
openssl x509 -req -in inter.csr -CA root.crt -CAkey root.key -CAcreateserial -days "$days" \
    -extfile ca.ext -extensions ca -out inter.crt 2>/dev/null
openssl req -new -key chainleaf.key -subj "$(subj 'Corpus Chain Leaf')" -out chainleaf.csr
openssl x509 -req -in chainleaf.csr -CA inter.crt -CAkey inter.key -CAcreateserial -days "$days" \
    -extfile ca.ext -extensions leaf -out chainleaf.crt 2>/dev/null
for name in root inter chainleaf; do fingerprints "$name"; done

# PEM bundles: certificate(s) followed by the key in each form.
cat rsa2048.crt rsa2048.pkcs1.pem > rsa2048-pkcs1.pem
cat rsa2048.crt rsa2048.pkcs8.pem > rsa2048-pkcs8.pem
cat rsa2048.crt rsa2048.pkcs8enc.pem > rsa2048-pkcs8enc.pem
cat rsa2048.crt rsa2048.pkcs1enc.pem > rsa2048-pkcs1enc.pem
cat ec256.crt ec256.sec1.pem > ec256-sec1.pem
cat ec384.crt ec384.sec1.pem > ec384-sec1.pem
# Key first, chain scrambled: loaders must still put the leaf first.
cat chainleaf.key root.crt chainleaf.crt inter.crt > chain-scrambled.pem

# DER certificates (.cer).
openssl x509 -in rsa2048.crt -outform DER -out rsa2048.cer
openssl x509 -in ec256.crt -outform DER -out ec256.cer

# PFX: modern AES-256/SHA-256, legacy RC2/3DES (-legacy), 3DES only, and without a password.
aes=(-keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256)
tdes=(-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1)
pfx() { # OUT KEY CERT PASSWORD ALG-ARGS...
    local outfile=$1 key=$2 cert=$3 password=$4
    shift 4
    openssl pkcs12 -export -inkey "$key" -in "$cert" -passout "pass:$password" "$@" -out "$outfile"
}
pfx rsa2048-aes.pfx rsa2048.pkcs8.pem rsa2048.crt "$pass" "${aes[@]}"
pfx rsa2048-legacy.pfx rsa2048.pkcs8.pem rsa2048.crt "$pass" -legacy
pfx rsa2048-3des.pfx rsa2048.pkcs8.pem rsa2048.crt "$pass" "${tdes[@]}"
pfx rsa2048-nopass.pfx rsa2048.pkcs8.pem rsa2048.crt "" "${aes[@]}"
pfx rsa2048-plain.pfx rsa2048.pkcs8.pem rsa2048.crt "" -keypbe NONE -certpbe NONE -nomac
pfx rsa4096-aes.pfx rsa4096.pkcs8.pem rsa4096.crt "$pass" "${aes[@]}"
pfx ec256-aes.pfx ec256.pkcs8.pem ec256.crt "$pass" "${aes[@]}"
pfx ec384-legacy.pfx ec384.pkcs8.pem ec384.crt "$pass" -legacy
cat root.crt inter.crt > chain-cas.pem
pfx chain-aes.pfx chainleaf.key chainleaf.crt "$pass" -certfile chain-cas.pem "${aes[@]}"
pfx chain-legacy.pfx chainleaf.key chainleaf.crt "$pass" -certfile chain-cas.pem -legacy
openssl pkcs12 -export -nokeys -in rsa2048.crt -passout "pass:$pass" "${aes[@]}" \
    -out certonly.pfx

# Not key material at all.
head -c 512 /dev/urandom > garbage.bin
printf -- '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n' \
    > bad-cert.pem

rm -f ./*.csr ./*.srl ca.ext
if [[ -n "$stamp" ]]; then
    date -u > "$stamp"
fi
