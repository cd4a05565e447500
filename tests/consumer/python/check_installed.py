#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The pip-installed kvbridge package: imported from the venv, typed, carrying its own
libkvbridge-c.so.0 (no KVBRIDGE_LIBRARY, no system copy), and working against the emulator.

Usage: check_installed.py VERSION VENV (under with_emulator.sh)
"""
import os
import sys

import kvbridge


def main():
    version, venv = sys.argv[1], os.path.realpath(sys.argv[2])
    package = os.path.dirname(os.path.realpath(kvbridge.__file__))
    problems = []
    if not package.startswith(venv + os.sep):
        problems.append("kvbridge imported from %s, not from the venv" % package)
    if kvbridge.__version__ != version:
        problems.append("kvbridge.__version__ is %r, not %r" % (kvbridge.__version__, version))
    for name in ("py.typed", "__init__.pyi", "libkvbridge-c.so.0"):
        if not os.path.isfile(os.path.join(package, name)):
            problems.append("the installed package has no " + name)
    with open("/proc/self/maps") as maps:
        loaded = {line.split()[-1] for line in maps if "libkvbridge-c" in line}
    if loaded != {os.path.join(package, "libkvbridge-c.so.0")}:
        problems.append("libkvbridge-c loaded from %s, not from the package" % sorted(loaded))
    if kvbridge.version() != version:
        problems.append("the library says version %s" % kvbridge.version())

    port = os.environ["KVB_EMULATOR_PORT"]
    options = kvbridge.ClientOptions(ca_file=os.environ["KVB_EMULATOR_CA"],
                                     authority_host=os.environ["KVB_AUTHORITY_HOST"])
    with kvbridge.ClientSecretCredential("11111111-2222-3333-4444-555555555555",
                                         "aaaaaaaa-bbbb-cccc-dddd-000000000001", "emulator-client-secret",
                                         options) as credential, \
            kvbridge.SecretClient("https://consumer-py.vault.localhost:" + port, credential, options) as client:
        client.set_secret("from-python", "consumer-value")
        if client.get_secret("from-python").value != "consumer-value":
            problems.append("read back a different value")

    for problem in problems:
        print("FAIL " + problem)
    if not problems:
        print("consumer (Python): kvbridge %s from %s, secret round trip ok" % (kvbridge.__version__, package))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
