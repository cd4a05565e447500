#!/bin/sh
# SPDX-License-Identifier: MIT
# The `docs` test: builds the API reference into its own folder and fails on any doxygen warning,
# an undocumented public declaration or parameter included. Skipped (77) without doxygen.
# Usage: check_docs.sh DOXYFILE OUTPUT_DIR [DOXYGEN]
set -u
doxyfile=$1
out=$2
doxygen=${3:-}
if [ -z "$doxygen" ]; then
  echo "SKIP: doxygen is not installed (scripts/install-deps.sh installs it): API docs not checked"
  exit 77
fi
mkdir -p "$out"
log="$out/warnings.log"
# The Doxyfile as configured, its output sent here so that `ninja docs` is not disturbed.
{ cat "$doxyfile"; echo "OUTPUT_DIRECTORY = $out"; echo "WARN_LOGFILE = $log"; } | "$doxygen" -
status=$?
count=$(grep -cE '(warning|error):' "$log" 2>/dev/null || true)
cat "$log" 2>/dev/null
if [ "$status" -ne 0 ] || [ "${count:-0}" -ne 0 ]; then
  echo "FAIL: doxygen reported ${count:-0} problem(s) (exit $status): every public declaration in" \
    "include/kvbridge needs a doc comment with its parameters and return value"
  exit 1
fi
echo "OK: the API reference builds without a warning ($out/html/index.html)"
