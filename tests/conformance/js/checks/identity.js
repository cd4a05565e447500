// SPDX-License-Identifier: MIT
// @azure/identity against the emulator's Entra ID: a client secret (through OpenID Connect
// discovery and instance discovery, as MSAL does it) and managed identities.
"use strict";

const { ClientSecretCredential, ManagedIdentityCredential } = require("@azure/identity");
const { assert } = require("../harness");

async function checkToken(credential, scope) {
  const token = await credential.getToken(scope);
  assert.ok(token && typeof token.token === "string" && token.token.split(".").length === 3,
            "the access token is not a JWT");
  assert.ok(token.expiresOnTimestamp > Date.now() + 60_000, "the token expires within a minute");
}

/** Run the identity checks; returns the credential the data-plane checks use. */
async function identityChecks(checks, env) {
  const credential = new ClientSecretCredential(env.tenant, env.clientId, env.clientSecret,
                                                env.options({ authorityHost: env.authorityHost }));
  await checks.run("identity: ClientSecretCredential gets a Key Vault token (discovery, then token)",
                   () => checkToken(credential, env.vaultScope));

  // The emulator's counters (its control plane) show MSAL took the discovery route: the OpenID
  // configuration ("/{tenant}/v2.0/.well-known/openid-configuration") and instance discovery
  // ("/common/discovery/instance"), before the token request.
  await checks.run("identity: MSAL fetched the OpenID configuration and instance discovery", async () => {
    const reply = await fetch(`https://127.0.0.1:${env.port}/_emulator/counters`);
    const byOperation = (await reply.json()).byOperation || {};
    assert.ok(byOperation["GET /{}/v2.0/{}/{}"] >= 1, "no OpenID configuration request was counted");
    assert.ok(byOperation["GET /{}/{}/{}"] >= 1, "no instance discovery request was counted");
    assert.ok(byOperation["POST /{}/oauth2/v2.0/token"] >= 1, "no token request was counted");
  });

  // identity 4.13 turns MSAL's ServerError into AuthenticationRequiredError; what matters here is
  // that Entra's error code reaches the caller.
  await checks.run("identity: ClientSecretCredential with a wrong secret fails with AADSTS7000215", async () => {
    const wrong = new ClientSecretCredential(env.tenant, env.clientId, "not-the-secret",
                                             env.options({ authorityHost: env.authorityHost }));
    await assert.rejects(wrong.getToken(env.vaultScope), (e) => {
      assert.ok(/invalid_client/.test(e.message) && /AADSTS7000215/.test(e.message),
                `the error (${e.name}) does not name invalid_client and AADSTS7000215`);
      return true;
    });
  });

  // Discovery of an unknown tenant answers 400 invalid_tenant, so MSAL cannot resolve the
  // endpoints, as with the real service.
  await checks.run("identity: ClientSecretCredential for an unknown tenant fails at discovery", async () => {
    const foreign = new ClientSecretCredential("99999999-0000-0000-0000-000000000000", env.clientId,
                                               env.clientSecret, env.options({ authorityHost: env.authorityHost }));
    await assert.rejects(foreign.getToken(env.vaultScope), (e) => {
      assert.ok(e.name === "CredentialUnavailableError" && /endpoints_resolution_error/.test(e.message),
                `expected endpoints_resolution_error, got ${e.name}`);
      return true;
    });
  });

  return credential;
}

/**
 * Managed identity, system- and user-assigned, through one source: "appservice" or "imds".
 * MSAL picks the source from the process's variables once per process, so a run tries one.
 */
async function managedIdentityChecks(checks, env, source) {
  // The credential replaces additionalPolicies with its own retry policy, so the connect-to
  // policy is not on its pipeline: its endpoint is named by loopback name and port, through the
  // variables MSAL reads, https on the emulator; never the link-local IMDS address.
  if (source === "imds") {
    process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = `https://localhost:${env.port}`;
  } else {
    process.env.IDENTITY_ENDPOINT = `https://localhost:${env.port}/msi/token`;
    process.env.IDENTITY_HEADER = env.identityHeader;
  }
  await checks.run(`identity: ManagedIdentityCredential (${source}) system- and user-assigned`, async () => {
    await checkToken(new ManagedIdentityCredential(env.options()), env.vaultScope);
    await checkToken(new ManagedIdentityCredential({ clientId: env.userAssignedId, ...env.options() }), env.vaultScope);
  });
}

module.exports = { identityChecks, managedIdentityChecks };
