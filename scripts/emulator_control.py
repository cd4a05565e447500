#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""POST a JSON document to kvbridge-emulator's control plane (/_emulator/...) over HTTPS, trusting
the emulator's CA: standard library only, for the demo (demo_seed.py imports post()) and for test
programs in other languages, which run it as a command.

Usage: emulator_control.py EMULATOR_URL CA_FILE PATH < body.json   (exit 1 with the answer on failure)
"""
import json
import ssl
import sys
import urllib.error
import urllib.request


def post(base, ca, path, body):
    """POST `body` (JSON text or a JSON-able value) to BASE/_emulator/PATH; exit with the answer if it fails."""
    data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    request = urllib.request.Request(base + "/_emulator/" + path, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca), timeout=30) as reply:
            reply.read()
    except urllib.error.HTTPError as e:
        sys.exit("emulator control: POST /_emulator/%s answered %d: %s" % (path, e.code, e.read().decode(errors="replace")))


if __name__ == "__main__":
    post(sys.argv[1], sys.argv[2], sys.argv[3], sys.stdin.read())
