#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Secret hygiene: run the integration test programs with the most verbose logging, then scan
everything they printed, logged and wrote (reports, journals, CLI output) for every secret they
used. The secrets come from the emulators (--secrets-log: client secrets, issued tokens, secret
values, PFX blobs and passwords, private keys) plus the emulator's documented defaults. A hit
fails the test and names only the secret's kind and where it was found, never the secret.

Usage: secret_scan.py BUILD_DIR SUITE...
"""
import json
import os
import subprocess
import sys
import tempfile

# Shorter values (e.g. "x", "hello") occur by chance in any text; they are not scanned.
MIN_LENGTH = 8
# The emulator's documented defaults (tests/emulator/README.md).
STATIC = [
    ("client-secret", "emulator-client-secret"),
    ("batch-shared-key", "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE="),
    ("identity-header", "emulator-identity-header"),
]


def needles(kind, value):
    """The strings whose presence betrays the secret: the whole value, and for long base64
    material (keys, PFX) each 64-character line of its PEM form; for a JWT its signature."""
    out = [value]
    if kind in ("private-key", "pfx", "certificate-import") and len(value) > 64 and "\n" not in value:
        out += [value[i:i + 64] for i in range(0, len(value) - 63, 64)]
    if kind == "access-token" and value.count(".") == 2:
        out.append(value.rsplit(".", 1)[1])
    return [n for n in out if len(n) >= MIN_LENGTH]


def load_secrets(path):
    secrets = list(STATIC)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                secrets.append((record["kind"], record["value"]))
    return secrets


def scan(files, secrets):
    """Yield (kind, file, line number) for every secret found."""
    table = []
    for kind, value in secrets:
        for n in needles(kind, value):
            table.append((kind, n))
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                for kind, n in table:
                    if n in line:
                        yield kind, path, number


def sanitized(build):
    options = subprocess.run(["meson", "introspect", build, "--buildoptions"],
                             stdout=subprocess.PIPE, text=True, check=True).stdout
    return any(o["name"] == "b_sanitize" and o["value"] != "none" for o in json.loads(options))


def main():
    build, suites = sys.argv[1], sys.argv[2:]
    work = tempfile.mkdtemp(prefix="kvb-hygiene-")
    secrets_log = os.path.join(work, "secrets.jsonl")
    artifacts = os.path.join(work, "artifacts")
    os.makedirs(artifacts)
    env = dict(os.environ)
    env.update({
        "AZURE_LOG_LEVEL": "verbose",
        "KVB_TEST_SECRETS_LOG": secrets_log,
        "KVB_TEST_ARTIFACTS": artifacts,
    })
    command = ["meson", "test", "-C", build, "--no-rebuild", "--num-processes", "2",
               "--logbase", "hygiene", "--print-errorlogs"]
    for suite in suites:
        command += ["--suite", suite]
    # Python, Mono and valgrind cannot host a sanitized library; a sanitizer build scans the rest.
    if sanitized(build):
        command += ["--no-suite", "bindings", "--no-suite", "valgrind"]
    run = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, errors="replace")
    console = os.path.join(work, "console.txt")
    with open(console, "w", encoding="utf-8") as f:
        f.write(run.stdout)
    if run.returncode != 0:
        print("the integration tests failed under verbose logging; see "
              + os.path.join(build, "meson-logs", "hygiene.txt"))
        return 1

    secrets = load_secrets(secrets_log)
    kinds = {}
    for kind, _ in secrets:
        kinds[kind] = kinds.get(kind, 0) + 1
    print("secrets collected: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    # A scan for nothing proves nothing: the run must have used tokens, secret values and keys.
    for needed in ("access-token", "secret-value", "private-key", "client-secret"):
        if kinds.get(needed, 0) == 0:
            print(f"no {needed} was collected: the scan would be hollow")
            return 1

    files = [console, os.path.join(build, "meson-logs", "hygiene.txt")]
    files += [os.path.join(artifacts, name) for name in sorted(os.listdir(artifacts))]
    print(f"scanned {len(files)} files (test output with verbose logs, reports, journals, CLI output)")

    # The scanner itself must find a planted secret in every form it looks for.
    planted = os.path.join(work, "planted.txt")
    probes = []
    for wanted in ("access-token", "private-key", "secret-value"):
        probes += [(k, v) for k, v in secrets if k == wanted and needles(k, v)][:1]
    with open(planted, "w", encoding="utf-8") as f:
        for kind, value in probes:
            f.write("log line " + needles(kind, value)[-1] + " end\n")
    if len(list(scan([planted], probes))) < len(probes):
        print("the scanner missed a planted secret")
        return 1

    hits = sorted(set(scan(files, secrets)))
    for kind, path, number in hits:
        print(f"SECRET FOUND: a {kind} in {os.path.relpath(path, work) if path.startswith(work) else path} line {number}")
    print(f"secret-scan hits: {len(hits)}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
