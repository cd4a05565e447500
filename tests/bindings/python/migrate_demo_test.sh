#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs examples/python/migrate_demo.py on the demo layout against the emulator (with_emulator.sh):
# 25 certificates, 23 migrated (one has no key file, one a wrong password), exit status 2.
# Usage: migrate_demo_test.sh SOURCE_ROOT PYTHON LAYOUT (scripts/demo_keys.sh made LAYOUT)
set -u
root=$1
python=$2
layout=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/tests/support/demo_layout.sh"
"$python" "$root/examples/python/migrate_demo.py" "$demo_batch_url" \
  "$demo_vault_url" "$layout/keys" "$layout/passwords.json" "$work/report" \
  >"$work/out.txt"
status=$?
cat "$work/out.txt"
failed=0
[ "$status" -eq 2 ] || { echo "exit status $status, expected 2 (two certificates need attention)"; failed=1; }
"$python" - "$work/report/report.json" <<'PY' || failed=1
import json, sys
report = json.load(open(sys.argv[1]))
results = [c["result"] for c in report["certificates"]]
assert len(results) == 25, len(results)
assert results.count("succeeded") == 23, results
assert any(p["id"] == "reports" and p["os"] == "windows" for p in report["pools"]), report["pools"]
PY
grep -q "pool reports (windows): extension KeyVaultForWindows" "$work/out.txt" || { echo "no pool guidance printed"; failed=1; }
if [ $failed -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $failed
