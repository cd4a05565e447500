#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs examples/csharp/Migrate.cs (dry run) on the demo layout against the emulator (with_emulator.sh).
# Usage: migrate_example_test.sh SOURCE_ROOT PYTHON MONO MIGRATE_EXE LAYOUT (scripts/demo_keys.sh made LAYOUT)
set -u
root=$1
python=$2
mono=$3
exe=$4
layout=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/tests/support/demo_layout.sh"
"$mono" "$exe" "$demo_batch_url" "$demo_vault_url" \
  "$layout/keys" "$layout/passwords.json" "$work/report" --dry-run >"$work/out.txt"
status=$?
cat "$work/out.txt"
failed=0
# A dry run: 23 planned, the two needing attention fail, exit 2; nothing written to the vault.
[ "$status" -eq 2 ] || { echo "exit status $status, expected 2"; failed=1; }
grep -q "^planned 23, succeeded 0, skipped 0, failed 2$" "$work/out.txt" || { echo "unexpected counts"; failed=1; }
[ -f "$work/report/report.json" ] || { echo "no report.json"; failed=1; }
if [ $failed -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $failed
