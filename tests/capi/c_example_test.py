#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs examples/c/migrate_dry_run on the demo layout against the emulator (with_emulator.sh).
Usage: c_example_test.py SOURCE_ROOT EXAMPLE"""
import os
import subprocess
import sys
import tempfile

import kvbridge


def main():
    root, example = sys.argv[1:3]
    port = os.environ["KVB_EMULATOR_PORT"]
    vault = "https://cexample.vault.localhost:%s" % port
    options = kvbridge.ClientOptions(ca_file=os.environ["KVB_EMULATOR_CA"],
                                     authority_host=os.environ["KVB_AUTHORITY_HOST"])
    env = dict(os.environ, AZURE_TENANT_ID="11111111-2222-3333-4444-555555555555",
               AZURE_CLIENT_ID="aaaaaaaa-bbbb-cccc-dddd-000000000001", AZURE_CLIENT_SECRET="emulator-client-secret",
               AZURE_AUTHORITY_HOST=os.environ["KVB_AUTHORITY_HOST"], KVB_CA_FILE=os.environ["KVB_EMULATOR_CA"],
               KVB_VAULT_URL=vault, KVB_BATCH_URL="https://demobatch.batch.localhost:%s" % port)
    with kvbridge.ClientSecretCredential(env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"], env["AZURE_CLIENT_SECRET"],
                                         options) as credential, \
            kvbridge.SecretClient(vault, credential, options) as secrets:
        secrets.set_secret("app-config", "do-not-print-me")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["bash", os.path.join(root, "scripts", "demo_keys.sh"), work], check=True)
        subprocess.run([sys.executable, os.path.join(root, "scripts", "demo_seed.py"), os.environ["KVB_EMULATOR_URL"],
                        os.environ["KVB_EMULATOR_CA"], "demobatch", os.path.join(work, "keys")], check=True)
        env.update(KVB_KEY_MATERIAL=os.path.join(work, "keys"), KVB_PASSWORDS_FILE=os.path.join(work, "passwords.json"))
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
