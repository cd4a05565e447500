# SPDX-License-Identifier: MIT
# Sourced by the example tests that run under with_emulator.sh: seeds Batch account "demobatch"
# with the demo layout in $layout (made by scripts/demo_keys.sh) through scripts/demo_seed.py, and
# exports the sign-in variables the examples read. Needs: root, python, layout.
"$python" "$root/scripts/demo_seed.py" "$KVB_EMULATOR_URL" "$KVB_EMULATOR_CA" demobatch "$layout/keys" || exit 1
export AZURE_TENANT_ID=11111111-2222-3333-4444-555555555555
export AZURE_CLIENT_ID=aaaaaaaa-bbbb-cccc-dddd-000000000001
export AZURE_CLIENT_SECRET=emulator-client-secret
export AZURE_AUTHORITY_HOST=$KVB_AUTHORITY_HOST
export KVB_CA_FILE=$KVB_EMULATOR_CA
demo_batch_url="https://demobatch.batch.localhost:$KVB_EMULATOR_PORT"
demo_vault_url="https://demovault.vault.localhost:$KVB_EMULATOR_PORT"
