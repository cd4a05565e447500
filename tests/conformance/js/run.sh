#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the Azure SDK conformance checks (conformance.js) against the emulator that
# tests/support/with_emulator.sh started. Exit 77 (skipped) without Node.js 20 or without the
# pinned packages (scripts/install-deps.sh installs both).
# Usage: with_emulator.sh EMULATOR run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
node=$(command -v node || true)
if [ -z "$node" ]; then
  echo "skipped: no node on PATH (scripts/install-deps.sh installs Node.js)"
  exit 77
fi
major=$("$node" -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "skipped: node $("$node" --version) is older than 20, which @azure/identity 4.13 requires"
  exit 77
fi
if [ ! -d "$here/node_modules/@azure/identity" ]; then
  echo "skipped: $here/node_modules is missing (run: npm ci --prefix $here, or scripts/install-deps.sh)"
  exit 77
fi
# TLS stays verified: the emulator's CA is trusted, nothing is switched off; no proxy is used.
unset NODE_TLS_REJECT_UNAUTHORIZED HTTPS_PROXY https_proxy HTTP_PROXY http_proxy ALL_PROXY all_proxy
export NODE_EXTRA_CA_CERTS="$KVB_EMULATOR_CA"
# No SDK logging: at AZURE_LOG_LEVEL=info, @azure/keyvault-certificates 4.10.3 logs a certificate
# operation's whole request object, bearer token included (seen here; README.md).
unset AZURE_LOG_LEVEL DEBUG
# The SDK's managed identity sources read these; the suite sets its own per check.
unset IDENTITY_ENDPOINT IDENTITY_HEADER MSI_ENDPOINT MSI_SECRET IMDS_ENDPOINT AZURE_POD_IDENTITY_AUTHORITY_HOST
unset AZURE_CLIENT_ID AZURE_TENANT_ID AZURE_CLIENT_SECRET AZURE_AUTHORITY_HOST
"$node" "$here/conformance.js"
all=$?
"$node" "$here/conformance.js" --imds
imds=$?
[ "$all" -eq 0 ] && [ "$imds" -eq 0 ]
