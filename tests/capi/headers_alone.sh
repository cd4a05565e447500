#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each C header compiles on its own, as C99 and as C++ (the bindings' and vendors' compilers),
# with every warning an error. Usage: headers_alone.sh INCLUDE_DIR CC [CC words...] -- CXX [CXX words...]
set -u
inc=$1
shift
cc=()
while [ "$1" != "--" ]; do cc+=("$1"); shift; done
shift
cxx=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for header in "$inc"/kvbridge/*.h; do
  rel=kvbridge/$(basename "$header")
  printf '#include <%s>\n#include <%s>\n' "$rel" "$rel" >"$tmp/t.c"
  cp "$tmp/t.c" "$tmp/t.cpp"
  if "${cc[@]}" -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$inc" "$tmp/t.c" 2>"$tmp/err" &&
     "${cxx[@]}" -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$inc" "$tmp/t.cpp" 2>>"$tmp/err"; then
    passed=$((passed + 1))
  else
    echo "FAIL $rel does not compile alone:"
    cat "$tmp/err"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
