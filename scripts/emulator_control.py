#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""POST a JSON document to kvbridge-emulator's control plane (/_emulator/...) over HTTPS, or GET
one of its documents (counters), trusting the emulator's CA: standard library only, for the demo
(demo_seed.py imports post()) and for test programs in other languages, which run it as a command.

Usage: emulator_control.py EMULATOR_URL CA_FILE PATH < body.json   POST; prints the answer
       emulator_control.py EMULATOR_URL CA_FILE PATH --get        GET; prints the answer
(exit 1 with the answer on failure)
"""
import json
import ssl
import sys
import urllib.error
import urllib.request


def post(base, ca, path, body):
    """POST `body` (JSON text or a JSON-able value) to BASE/_emulator/PATH and return the answer's
    text (None: GET instead); exit with the answer if it fails."""
    data = None if body is None else body.encode() if isinstance(body, str) else json.dumps(body).encode()
    method = "GET" if data is None else "POST"
    request = urllib.request.Request(base + "/_emulator/" + path, data=data, method=method,
                                     headers={} if data is None else {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, context=ssl.create_default_context(cafile=ca), timeout=30) as reply:
            return reply.read().decode()
    except urllib.error.HTTPError as e:
        sys.exit("emulator control: %s /_emulator/%s answered %d: %s"
                 % (method, path, e.code, e.read().decode(errors="replace")))


if __name__ == "__main__":
    get = sys.argv[4:] == ["--get"]
    sys.stdout.write(post(sys.argv[1], sys.argv[2], sys.argv[3], None if get else sys.stdin.read()))
