#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The migration end to end on this machine, loopback only: build, start the emulator, make 25
# certificates (PFX/PEM/CER, some with passwords, one without its key file, one with a wrong
# password), seed a Batch account with 6 pools and 2 job schedules, run `kvbridge migrate`,
# show the report, stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${KVB_BUILD_DIR:-build}
# Everything the run makes (emulator log, CA, key material, journal, report) goes here; said on any
# exit, the failing ones included.
work=$(mktemp -d /tmp/kvbridge-demo-XXXXXX)
emulator_pid=
finish() {
  local status=$?
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ]; then
    echo "kvbridge demo: FAILED (exit $status). Its files are in $work (emulator.log: the emulator's log);" \
      "the build is in $root/$build (configure log: $root/$build.setup.log)." >&2
  fi
}
trap finish EXIT

# KVB_DEMO_NO_BUILD=1 reuses an existing build; KVB_EMULATOR picks another emulator binary.
# Only what the demo runs is installed and built: the libraries, the CLI and the emulator.
if [ "${KVB_DEMO_NO_BUILD:-0}" != 1 ]; then
  echo "== 1/5 Debian packages for the build (scripts/install-deps.sh --demo)"
  bash scripts/install-deps.sh --demo
  echo "== 2/5 building the kvbridge CLI and kvbridge-emulator in $build/"
  # A tree the demo makes is a debug build (-O0 -g): a quarter less compile time than the default
  # -O2 -g. An existing tree keeps its own configuration; scripts/test.sh reuses either.
  setup=()
  [ -f "$build/build.ninja" ] || setup=(-Dbuildtype=debug)
  KVB_BUILD_DIR=$build KVB_BUILD_TARGETS="src/cli/kvbridge tests/emulator/kvbridge-emulator" \
    bash scripts/build.sh "${setup[@]}"
fi
emulator=${KVB_EMULATOR:-$build/tests/emulator/kvbridge-emulator}

echo "== 3/5 kvbridge-emulator"
# On a free loopback port; its first line says where.
"$emulator" --port 0 --ca-out "$work/ca.pem" >"$work/emulator.out" 2>"$work/emulator.log" &
emulator_pid=$!
ready=
for _ in $(seq 100); do
  ready=$(grep -m1 'listening on https://127.0.0.1:' "$work/emulator.out" || true)
  [ -n "$ready" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; emulator_pid=; exit 1; }
  sleep 0.1
done
[ -n "$ready" ] || { echo "emulator did not start" >&2; exit 1; }
url=${ready##* }
port=${url##*:}
echo "emulator: $url"

echo "== 4/5 key material and the Batch account"
# Key material, made with the openssl CLI.
bash scripts/demo_keys.sh "$work"
keys="$work/keys"
echo "key material: $(ls "$keys" | grep -vc manifest) files in $keys"

# The Batch account, through the emulator's control plane.
python3 scripts/demo_seed.py "$url" "$work/ca.pem" demobatch "$keys"

echo "== 5/5 kvbridge migrate"
# Entra ID is the emulator's; the Batch key is the emulator's default.
export AZURE_TENANT_ID=11111111-2222-3333-4444-555555555555
export AZURE_CLIENT_ID=aaaaaaaa-bbbb-cccc-dddd-000000000001
export AZURE_CLIENT_SECRET=emulator-client-secret
export AZURE_AUTHORITY_HOST="https://login.localhost:$port"
export DEMO_BATCH_KEY=ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=
status=0
"$build/src/cli/kvbridge" migrate \
  --batch-account "https://demobatch.batch.localhost:$port" --batch-shared-key-env DEMO_BATCH_KEY \
  --vault "https://demovault.vault.localhost:$port" \
  --key-material "$keys" --passwords "$work/passwords.json" \
  --report "$work/report" --msi-client-id 00000000-0000-0000-0000-00000000abcd \
  --ca-file "$work/ca.pem" || status=$?
echo
cat "$work/report/report.md"
echo
echo "kvbridge exit status: $status (0 done, 2 partly done, 1 failed)"
echo "extension block of pool 'reports':"
cat "$work/report/pools/reports.extension.json"
echo "files kept in $work (report: $work/report)"
