// SPDX-License-Identifier: MIT
// @azure/keyvault-secrets: set, get, list, delete, recover, purge, backup and restore.
"use strict";

const crypto = require("node:crypto");
const { ClientSecretCredential } = require("@azure/identity");
const { SecretClient } = require("@azure/keyvault-secrets");
const { assert, eventually, collect } = require("../harness");

async function secretChecks(checks, env, credential) {
  const client = new SecretClient(env.vaultUrl, credential, env.options());
  const name = `conf-secret-${crypto.randomBytes(4).toString("hex")}`;
  const value = crypto.randomBytes(24).toString("base64");
  const second = crypto.randomBytes(24).toString("base64");

  await checks.run("secrets: setSecret, then getSecret returns the value and its properties", async () => {
    const set = await client.setSecret(name, value, { contentType: "text/plain", tags: { suite: "conformance" } });
    assert.ok(set.properties.version, "setSecret returned no version");
    const got = await client.getSecret(name);
    assert.ok(got.value === value, "getSecret returned another value");
    assert.ok(got.properties.contentType === "text/plain", "the content type was not kept");
    assert.ok(got.properties.tags && got.properties.tags.suite === "conformance", "the tags were not kept");
    assert.ok(got.properties.enabled === true, "the secret is not enabled");
  });

  await checks.run("secrets: a second version, getSecret by version, listPropertiesOfSecretVersions", async () => {
    const first = await client.getSecret(name);
    await client.setSecret(name, second);
    assert.ok((await client.getSecret(name)).value === second, "the latest version is not the second value");
    const old = await client.getSecret(name, { version: first.properties.version });
    assert.ok(old.value === value, "the first version's value changed");
    const versions = await collect(client.listPropertiesOfSecretVersions(name));
    assert.ok(versions.length === 2, `expected 2 versions, listed ${versions.length}`);
  });

  await checks.run("secrets: updateSecretProperties and listPropertiesOfSecrets", async () => {
    const latest = await client.getSecret(name);
    const updated = await client.updateSecretProperties(name, latest.properties.version, { tags: { updated: "yes" } });
    assert.ok(updated.tags && updated.tags.updated === "yes", "the update did not take");
    const listed = await collect(client.listPropertiesOfSecrets());
    assert.ok(listed.some((p) => p.name === name), "the secret is not listed");
  });

  let backup;
  await checks.run("secrets: backupSecret returns a blob", async () => {
    backup = await client.backupSecret(name);
    assert.ok(backup instanceof Uint8Array && backup.length > 0, "no backup blob");
  });

  await checks.run("secrets: beginDeleteSecret polls to a deleted secret; listed as deleted", async () => {
    const poller = await client.beginDeleteSecret(name, env.pollOptions);
    const deleted = await poller.pollUntilDone();
    assert.ok(deleted.name === name, "the deleted secret has another name");
    assert.ok(deleted.recoveryId, "no recoveryId");
    const got = await eventually(() => client.getDeletedSecret(name));
    assert.ok(got.properties.deletedOn instanceof Date, "no deletedOn");
    const listed = await collect(client.listDeletedSecrets());
    assert.ok(listed.some((s) => s.name === name), "not in listDeletedSecrets");
  });

  await checks.run("secrets: beginRecoverDeletedSecret brings the value back", async () => {
    const poller = await client.beginRecoverDeletedSecret(name, env.pollOptions);
    await poller.pollUntilDone();
    const got = await eventually(() => client.getSecret(name));
    assert.ok(got.value === second, "the recovered secret has another value");
  });

  await checks.run("secrets: delete, purgeDeletedSecret, then restoreSecretBackup", async () => {
    await (await client.beginDeleteSecret(name, env.pollOptions)).pollUntilDone();
    await eventually(() => client.purgeDeletedSecret(name));
    await eventually(async () => {
      await assert.rejects(client.getDeletedSecret(name), (e) => e.statusCode === 404);
    });
    const restored = await eventually(() => client.restoreSecretBackup(backup));
    assert.ok(restored.name === name, "the restored secret has another name");
    assert.ok((await client.getSecret(name)).value === second, "the restored secret has another value");
  });

  await checks.run("secrets: getSecret of a missing secret is a 404 SecretNotFound", async () => {
    await assert.rejects(client.getSecret(`${name}-missing`), (e) => {
      assert.ok(e.statusCode === 404, `expected 404, got ${e.statusCode}`);
      assert.ok(e.code === "SecretNotFound", `expected SecretNotFound, got ${e.code}`);
      return true;
    });
  });

  // The public cloud's names through connect-to: the default authority (MSAL's built-in metadata
  // for login.microsoftonline.com, no discovery) and a *.vault.azure.net vault, whose challenge
  // names https://vault.azure.net.
  await checks.run("secrets: login.microsoftonline.com and a *.vault.azure.net vault", async () => {
    const cloud = new ClientSecretCredential(env.tenant, env.clientId, env.clientSecret, env.options());
    const azureVault = new SecretClient(env.vaultUrl.replace(".vault.localhost", ".vault.azure.net"), cloud, env.options());
    // The emulator keeps one vault per name whichever host form reaches it: another secret here.
    const cloudName = `${name}-cloud`;
    await azureVault.setSecret(cloudName, value);
    assert.ok((await azureVault.getSecret(cloudName)).value === value, "getSecret returned another value");
    await (await azureVault.beginDeleteSecret(cloudName, env.pollOptions)).pollUntilDone();
    await eventually(() => azureVault.purgeDeletedSecret(cloudName));
  });

  // 60 secrets seeded through the emulator's control plane, listed through the SDK's paging
  // (nextLink) whole and 10 a page.
  await checks.run("secrets: listPropertiesOfSecrets pages through nextLink (60 secrets, 10 a page)", async () => {
    const vault = `${new URL(env.vaultUrl).hostname.split(".")[0]}pg`;
    const seeded = await fetch(`https://127.0.0.1:${env.port}/_emulator/keyvault/vaults/${vault}/secrets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 60, prefix: "page-" }),
    });
    assert.ok(seeded.ok, `the control plane refused the seeding (${seeded.status})`);
    const paged = new SecretClient(`https://${vault}.vault.localhost`, credential, env.options());
    const all = await collect(paged.listPropertiesOfSecrets());
    assert.ok(all.length === 60 && new Set(all.map((p) => p.name)).size === 60, `listed ${all.length} secrets, not 60`);
    const pages = await collect(paged.listPropertiesOfSecrets().byPage({ maxPageSize: 10 }));
    assert.ok(pages.length === 6 && pages.every((page) => page.length === 10),
              `pages of ${pages.map((page) => page.length).join(",")}, not 6 of 10`);
  });

  await checks.run("secrets: cleanup (delete and purge)", async () => {
    await (await client.beginDeleteSecret(name, env.pollOptions)).pollUntilDone();
    await eventually(() => client.purgeDeletedSecret(name));
  });
}

module.exports = { secretChecks };
