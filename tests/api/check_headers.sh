#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each public header must compile on its own, and none may include a third-party header:
# users get std and kvbridge only (curl, OpenSSL, RapidJSON and GSL stay behind pimpls in src/).
# Usage: check_headers.sh INCLUDE_DIR CXX [CXX-ARGS...] (the compiler as meson runs it, e.g. "ccache c++")
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
  if "${cxx[@]}" -std=c++20 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$inc" "$tmp/t.cpp" 2>"$tmp/err"; then
    passed=$((passed + 1))
  else
    echo "FAIL $rel does not compile alone:"
    cat "$tmp/err"
    failed=$((failed + 1))
  fi
done < <(find "$inc/kvbridge" -name '*.hpp' | sort)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
