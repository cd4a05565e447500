#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every function the C headers declare is called by a C test program, so each runs under valgrind
# too (the capi-*-valgrind tests). Usage: called_by_tests.sh HEADER_DIR TEST_SOURCE...
set -u
headers=$1
shift
# Function names: an identifier before "(" once the comments are gone (they name types and calls).
declared=$(cat "$headers"/*.h | perl -0pe 's{/\*.*?\*/}{}gs' | grep -oE '\bkvb_[a-z0-9_]+\s*\(' | sed 's/\s*($//' | sort -u)
# Named outside a comment: called, or handed to a macro that calls it.
called=$(cat "$@" | perl -0pe 's{/\*.*?\*/}{}gs; s{//[^\n]*}{}g' | grep -oE '\bkvb_[a-z0-9_]+\b' | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$called"))
count=$(echo "$declared" | wc -l)
if [ -n "$missing" ]; then
  echo "declared but called by no C test:"
  echo "$missing"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed (all $count kvb_ functions called by the C tests)"
