// SPDX-License-Identifier: MIT
// The official Azure SDK for JavaScript (@azure/identity, @azure/keyvault-*), unmodified, against
// kvbridge-emulator: a second oracle for the emulator that none of the project wrote. Run by
// run.sh under tests/support/with_emulator.sh (`--imds`: only the IMDS managed identity check); prints one ok/FAIL line per check, exits 1 when
// any check failed.
"use strict";

const crypto = require("node:crypto");
const { clientOptions } = require("./connect_to");
const { Checks } = require("./harness");
const { identityChecks, managedIdentityChecks } = require("./checks/identity");
const { secretChecks } = require("./checks/secrets");
const { keyChecks } = require("./checks/keys");
const { certificateChecks } = require("./checks/certificates");
const { certificateSourceChecks } = require("./checks/certificate_sources");

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run under tests/support/with_emulator.sh)`);
  return value;
}

async function main() {
  const port = Number(required("KVB_EMULATOR_PORT"));
  const env = {
    port,
    // The emulator's defaults (tests/emulator/README.md): the test client is not a real secret.
    tenant: "11111111-2222-3333-4444-555555555555",
    clientId: "aaaaaaaa-bbbb-cccc-dddd-000000000001",
    clientSecret: "emulator-client-secret",
    identityHeader: "emulator-identity-header",
    userAssignedId: "cccccccc-0000-0000-0000-00000000c001",
    authorityHost: required("KVB_AUTHORITY_HOST"),
    // A fresh vault name per run; the emulator makes vaults on first use.
    vaultUrl: `https://conf${crypto.randomBytes(4).toString("hex")}.vault.localhost`,
    vaultScope: "https://vault.localhost/.default",
    pollOptions: { intervalInMs: 100 },
    options: (extra) => clientOptions(port, extra),
  };
  const checks = new Checks();
  // "--imds": only managed identity through IMDS (MSAL keeps one managed identity source per
  // process, so run.sh starts a second process for it).
  if (process.argv.includes("--imds")) {
    await managedIdentityChecks(checks, env, "imds");
    return checks.summary();
  }
  const credential = await identityChecks(checks, env);
  await managedIdentityChecks(checks, env, "appservice");
  await secretChecks(checks, env, credential);
  await keyChecks(checks, env, credential);
  await certificateChecks(checks, env, credential);
  await certificateSourceChecks(checks, env, credential);
  // Resource Manager (vaults, role assignments, managed identities, Batch accounts and pools
  // through @azure/arm-* clients) comes here once the emulator serves management.localhost:
  // a checks/arm.js in the same shape, with its packages pinned in package.json.
  return checks.summary();
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.log(`FAIL - suite: ${e.name}: ${String(e.message).split("\n")[0]}`);
    process.exit(1);
  },
);
