#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each public header must compile on its own, and none may include a third-party header:
# users get std and kvbridge only (curl, OpenSSL, RapidJSON and GSL stay behind pimpls in src/).
# Below C++20, the first error each header gives must be export.hpp's clear #error.
# Usage: check_headers.sh INCLUDE_DIR CXX [CXX words...]   (the compiler may be e.g. "ccache c++")
set -u
inc=$1
shift
cxx=("$@")
failed=0
passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS= read -r header; do
  rel=${header#"$inc"/}
  if grep -nE '#include *[<"](curl|openssl|rapidjson|gsl)/' "$header"; then
    echo "FAIL $rel includes a third-party header"
    failed=$((failed + 1))
    continue
  fi
  printf '#include <%s>\n#include <%s>\n' "$rel" "$rel" >"$tmp/t.cpp"
  if ! "${cxx[@]}" -std=c++20 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$inc" "$tmp/t.cpp" 2>"$tmp/err"; then
    echo "FAIL $rel does not compile alone:"
    cat "$tmp/err"
    failed=$((failed + 1))
    continue
  fi
  "${cxx[@]}" -std=c++17 -fsyntax-only -Wfatal-errors -fdiagnostics-color=never -I"$inc" "$tmp/t.cpp" 2>"$tmp/err"
  first=$(grep -m1 -E ': (fatal )?error:' "$tmp/err")
  if [[ $first != *"kvbridge/export.hpp:"*"#error"*"needs C++20"* ]]; then
    echo "FAIL $rel below C++20: the first error is not export.hpp's #error but:"
    echo "  ${first:-no error at all}"
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + 1))
done < <(find "$inc/kvbridge" -name '*.hpp' | sort)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
