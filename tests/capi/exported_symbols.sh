#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# libkvbridge-c must export exactly the functions kvbridge.h declares: nothing of the C++ core
# inside, nothing missing. Usage: exported_symbols.sh LIBRARY HEADER
set -u
lib=$1
header=$2
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u)
declared=$(grep -oE '\bkvb_[a-z0-9_]+\s*\(' "$header" | sed 's/\s*($//' | sort -u)
failed=0
stray=$(comm -23 <(echo "$exported") <(echo "$declared"))
missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
if [ -n "$stray" ]; then
  echo "exported but not in kvbridge.h:"
  echo "$stray" | head -20
  failed=1
fi
if [ -n "$missing" ]; then
  echo "declared in kvbridge.h but not exported:"
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
