#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reads meson testlog.json files (one per build directory tested) and prints
'N passed, N failed' as the last line, summed over all of them.

A test program that reports doctest counts ("test cases: 12 | 11 passed | 1 failed") or unittest
counts ("Ran 5 tests") contributes its cases; any other program counts as one test.
Exits 1 when anything failed or nothing ran.
"""
import json
import re
import sys

DOCTEST = re.compile(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")
UNITTEST = re.compile(r"^Ran (\d+) tests?", re.M)
PLAIN = re.compile(r"^(\d+) passed, (\d+) failed", re.M)


def count(entry):
    out = (entry.get("stdout") or "") + "\n" + (entry.get("stderr") or "")
    ok = entry.get("result") in ("OK", "EXPECTEDFAIL")
    m = DOCTEST.findall(out)
    if m:
        total, passed, failed = (int(x) for x in m[-1])
        if not ok and failed == 0:
            failed = 1  # crashed or failed outside a test case
        return passed, failed
    m = PLAIN.findall(out)
    if m:
        passed, failed = (int(x) for x in m[-1])
        if not ok and failed == 0:
            failed = 1
        return passed, failed
    m = UNITTEST.findall(out)
    if m and ok:
        return int(m[-1]), 0
    return (1, 0) if ok else (0, 1)


def main(paths):
    passed = failed = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        p, q = count(json.loads(line))
                        passed += p
                        failed += q
        except OSError:
            failed += 1  # a phase that left no log did not pass
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
