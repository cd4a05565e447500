#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures (once) and builds kvbridge into ${KVB_BUILD_DIR:-build}.
# Usage: scripts/build.sh [meson options, e.g. -Dtests=enabled]
#   KVB_BUILD_TARGETS="src/cli/kvbridge ..."   build only these ninja targets (default: everything)
# Options go to `meson setup` the first time; on a configured tree, those that differ from its
# current values are applied with `meson configure` (so a tree configured before the test tools
# were installed gets its tests once asked for them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KVB_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  echo "kvbridge: configuring $build/ (log: $build.setup.log)"
  meson setup "$build" --wrap-mode=nodownload "$@" >"${build}.setup.log" 2>&1 || {
    cat "${build}.setup.log" >&2
    echo "kvbridge: meson setup failed; its log is $PWD/$build.setup.log" >&2
    exit 1
  }
elif [ $# -gt 0 ]; then
  changed=$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
current = {o["name"]: o["value"] for o in json.load(sys.stdin)}
text = lambda v: str(v).lower() if isinstance(v, bool) else str(v)
for arg in sys.argv[1:]:
    name, _, value = arg[2:].partition("=") if arg.startswith("-D") else ("", "", "")
    if name and text(current.get(name)) != value:
        print(arg)' "$@")
  if [ -n "$changed" ]; then
    echo "kvbridge: reconfiguring $build/ with" $changed
    # shellcheck disable=SC2086 # one option per word
    meson configure "$build" $changed >>"${build}.setup.log" 2>&1 || {
      tail -n 20 "${build}.setup.log" >&2
      exit 1
    }
  fi
fi
# shellcheck disable=SC2086 # one target per word
ninja -C "$build" -j"$(nproc)" ${KVB_BUILD_TARGETS:-}
