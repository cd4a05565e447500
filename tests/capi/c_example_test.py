#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs examples/c/migrate_dry_run on the demo layout against the emulator (with_emulator.sh);
standard library only, the library is loaded by the example alone.
Usage: c_example_test.py SOURCE_ROOT EXAMPLE LAYOUT (scripts/demo_keys.sh made LAYOUT)"""
import json
import os
import ssl
import subprocess
import sys
import urllib.parse
import urllib.request

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT = "aaaaaaaa-bbbb-cccc-dddd-000000000001"


def call(path, data, host=None, token=None, method="POST"):
    """A request to the emulator at 127.0.0.1, addressed to @host by its Host header."""
    headers = {"Host": host} if host else {}
    if token:
        headers.update({"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    request = urllib.request.Request(os.environ["KVB_EMULATOR_URL"] + path, data=data, headers=headers, method=method)
    context = ssl.create_default_context(cafile=os.environ["KVB_EMULATOR_CA"])
    with urllib.request.urlopen(request, context=context) as reply:
        return json.loads(reply.read())


def set_secret(vault_host, name, value):
    # Plain REST, so that this harness never loads the library (it may be built with sanitizers).
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": CLIENT,
                                   "client_secret": "emulator-client-secret",
                                   "scope": "https://vault.localhost/.default"}).encode()
    token = call("/%s/oauth2/v2.0/token" % TENANT, form)["access_token"]
    call("/secrets/%s?api-version=7.5" % name, json.dumps({"value": value}).encode(), vault_host, token, "PUT")


def main():
    root, example, layout = sys.argv[1:4]
    port = os.environ["KVB_EMULATOR_PORT"]
    vault = "https://cexample.vault.localhost:%s" % port
    env = dict(os.environ, AZURE_TENANT_ID=TENANT, AZURE_CLIENT_ID=CLIENT, AZURE_CLIENT_SECRET="emulator-client-secret",
               AZURE_AUTHORITY_HOST=os.environ["KVB_AUTHORITY_HOST"], KVB_CA_FILE=os.environ["KVB_EMULATOR_CA"],
               KVB_VAULT_URL=vault, KVB_BATCH_URL="https://demobatch.batch.localhost:%s" % port)
    set_secret("cexample.vault.localhost", "app-config", "do-not-print-me")
    subprocess.run([sys.executable, os.path.join(root, "scripts", "demo_seed.py"), os.environ["KVB_EMULATOR_URL"],
                    os.environ["KVB_EMULATOR_CA"], "demobatch", os.path.join(layout, "keys")], check=True)
    env.update(KVB_KEY_MATERIAL=os.path.join(layout, "keys"), KVB_PASSWORDS_FILE=os.path.join(layout, "passwords.json"))
    run = subprocess.run([example], env=env, capture_output=True, text=True)
    print(run.stdout)
    print(run.stderr, file=sys.stderr)
    checks = [
        (run.returncode == 0, "exit status 0"),
        ("secret app-config, version " in run.stdout and ": 15 characters" in run.stdout, "the secret was read"),
        ("do-not-print-me" not in run.stdout + run.stderr, "the secret value is never printed"),
        ("inventory: 25 certificates, 6 pools, 2 job schedules" in run.stdout, "inventory"),
        ("dry run: 23 planned, 2 need attention" in run.stdout, "dry-run counts"),
        ("KeyVaultForWindows" in run.stdout, "pool guidance"),
    ]
    failed = [what for ok, what in checks if not ok]
    for what in failed:
        print("FAILED: " + what)
    print("%d passed, %d failed" % (len(checks) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
