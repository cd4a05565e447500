#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpus of every fuzz target into OUT/<target>/ (nothing is committed).

JSON bodies come from the x-ms-examples files under SPECS (tests/data/specs); ids and links are
the https:// strings found in them; DER certificates are the base64 "cer" values; PEM and PFX
seeds are made with the openssl CLI when it is installed. Small hand-written seeds cover the
inputs the specs have no examples for (Entra ID token bodies, challenge and retry headers, journals).

usage: make_corpus.py SPECS OUT STAMP
"""
import base64
import glob
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HAND = {
    "token_response": [
        '{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAi.x.y"}',
        '{"access_token":"t","expires_on":"1700003600","refresh_in":1800}',
        '{"access_token":"t","expires_on":1700003600}',
        '{"access_token":"t","expires_on":"2026-11-29T12:00:00Z"}',
        '{"access_token":"t","expires_on":"11/29/2026 12:00:00 PM +00:00"}',
        '{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret.",'
        '"error_codes":[7000215],"trace_id":"t","correlation_id":"c"}',
    ],
    "error_body": [
        '{"error":{"code":"SecretNotFound","message":"A secret with (name/id) s was not found.",'
        '"innererror":{"code":"Inner"}}}',
        '{"code":"CertificateNotFound","message":{"lang":"en-US","value":"The specified certificate '
        'does not exist."},"values":[{"key":"RequestId","value":"r"}]}',
        '{"error":"invalid_grant","error_description":"AADSTS70000: expired"}',
        '{"code":"x","message":"plain"}',
    ],
    "headers": [
        'Bearer authorization="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", '
        'resource="https://vault.azure.net"',
        'Bearer authorization="https://login.microsoftonline.com/tenant/", scope="https://vault.azure.net/.default"',
        'Bearer authorization_uri=https://login.windows.net/tenant resource=https://batch.core.windows.net/',
        'Basic realm="x"',
        "120", "2500", "Fri, 17 Feb 2017 00:00:00 GMT",
    ],
    "ids": [
        "https://myvault.vault.azure.net/secrets/name/0123456789abcdef0123456789abcdef",
        "https://myvault.vault.azure.net:443/keys/k?api-version=7.5&$skiptoken=abc",
        "https://[::1]:8443/certificates/c/v",
        "aGVsbG8gd29ybGQ", "00FF7a",
    ],
    "migrate_inputs": [
        '{"step":"import","thumbprint":"0123456789ABCDEF0123456789ABCDEF01234567","name":"c",'
        '"status":"succeeded","kvId":"https://v.vault.azure.net/certificates/c/1","x5t":"AQID"}\n'
        '{"step":"import","thumbprint":"0123456789ABCDEF0123456789ABCDEF01234567","status":"sta',
        '{"0123456789ABCDEF0123456789ABCDEF01234567":"pw","certs/a.pfx":"pw2"}',
        "# passwords\n[files]\ncerts/a.pfx = pw\n0123456789abcdef0123456789abcdef01234567=pw2\n",
    ],
    "capi": ["0123456789ABCDEF0123456789ABCDEF01234567", "ASNFZ4mrze8BI0VniavN7wEjRWc"],
}


def write(out, target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def strings(node, key=None):
    """(member name, string value) of every string in a JSON tree."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from strings(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, key)
    elif isinstance(node, str):
        yield key, node


def example_seeds(specs, out):
    for path in sorted(glob.glob(os.path.join(specs, "*", "*", "examples", "*.json"))):
        target = "batch_json" if os.sep + "batch" + os.sep in path else "keyvault_json"
        with open(path, encoding="utf-8") as f:
            example = json.load(f)
        bodies = [r["body"] for r in example.get("responses", {}).values() if isinstance(r, dict) and "body" in r]
        bodies += [p for p in example.get("parameters", {}).values() if isinstance(p, dict)]
        for body in bodies:
            text = json.dumps(body)
            write(out, target, text)
            if "error" in body or "code" in body:
                write(out, "error_body", text)
            for key, value in strings(body):
                if value.startswith("https://"):
                    write(out, "ids", value)
                elif key == "cer":
                    try:
                        der = base64.b64decode(value, validate=True)
                    except ValueError:
                        continue
                    write(out, "pki", der)
                    write(out, "capi", der)


def openssl_seeds(out):
    with tempfile.TemporaryDirectory() as tmp:
        key, cert, pfx = (os.path.join(tmp, n) for n in ("key.pem", "cert.pem", "c.pfx"))
        steps = [
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", key, "-out", cert, "-subj", "/CN=fuzz", "-days", "30"],
            ["openssl", "pkcs12", "-export", "-inkey", key, "-in", cert, "-out", pfx, "-passout", "pass:"],
        ]
        try:
            for step in steps:
                subprocess.run(step, check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            return
        with open(key, "rb") as k, open(cert, "rb") as c, open(pfx, "rb") as p:
            key_pem, cert_pem, pfx_der = k.read(), c.read(), p.read()
        for target in ("pki", "capi"):
            write(out, target, cert_pem + key_pem)
            write(out, target, cert_pem)
            write(out, target, pfx_der)


def main(specs, out, stamp):
    for target, seeds in HAND.items():
        for seed in seeds:
            write(out, target, seed)
    if os.path.isdir(specs):
        example_seeds(specs, out)
    openssl_seeds(out)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write("\n".join(f"{t}: {len(os.listdir(os.path.join(out, t)))}" for t in sorted(os.listdir(out))) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
