#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a command with a fresh kvbridge-emulator on a free loopback port and stops it afterwards.
# The command sees KVB_EMULATOR_URL (https://127.0.0.1:PORT), KVB_EMULATOR_PORT, KVB_EMULATOR_CA
# (the CA file) and KVB_AUTHORITY_HOST (https://login.localhost:PORT).
# Usage: with_emulator.sh EMULATOR COMMAND [ARGS...]
set -u
emulator=$1
shift
dir=$(mktemp -d)
fifo="$dir/ready"
mkfifo "$fifo"
secrets_log=()
# The secret-hygiene test (tests/hygiene) collects what every emulator sees.
[ -n "${KVB_TEST_SECRETS_LOG:-}" ] && secrets_log=(--secrets-log "$KVB_TEST_SECRETS_LOG")
"$emulator" --port 0 --ca-out "$dir/ca.pem" "${secrets_log[@]}" >"$fifo" 2>"$dir/emulator.log" &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
if ! read -r -t 30 line <"$fifo"; then
  echo "emulator did not start:" >&2
  cat "$dir/emulator.log" >&2
  exit 1
fi
port=${line##*:}
export KVB_EMULATOR_PORT=$port
export KVB_EMULATOR_URL="https://127.0.0.1:$port"
export KVB_EMULATOR_CA="$dir/ca.pem"
export KVB_AUTHORITY_HOST="https://login.localhost:$port"
export KVB_IMDS_ENDPOINT="https://127.0.0.1:$port/metadata/identity/oauth2/token"
"$@"
