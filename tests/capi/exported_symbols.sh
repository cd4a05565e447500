#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# libkvbridge-c must export exactly the functions its headers declare: nothing of the C++ core
# inside, nothing missing. Usage: exported_symbols.sh LIBRARY HEADER_DIR
set -u
lib=$1
headers=$2
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u)
# Function names: an identifier before "(" once the comments are gone (they name types and calls).
declared=$(cat "$headers"/*.h | perl -0pe 's{/\*.*?\*/}{}gs' | grep -oE '\bkvb_[a-z0-9_]+\s*\(' | sed 's/\s*($//' | sort -u)
failed=0
stray=$(comm -23 <(echo "$exported") <(echo "$declared"))
missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
if [ -n "$stray" ]; then
  echo "exported but not in the headers:"
  echo "$stray" | head -20
  failed=1
fi
if [ -n "$missing" ]; then
  echo "declared in the headers but not exported:"
  echo "$missing"
  failed=1
fi
count=$(echo "$declared" | wc -l)
if [ $failed -eq 0 ]; then
  echo "1 passed, 0 failed ($count kvb_ functions exported, nothing else)"
else
  echo "0 passed, 1 failed"
fi
exit $failed
