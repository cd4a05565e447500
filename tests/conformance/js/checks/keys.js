// SPDX-License-Identifier: MIT
// @azure/keyvault-keys: create, get, list, rotate, and the cryptography client (sign/verify,
// encrypt/decrypt, wrap/unwrap) with results checked locally where the public key allows.
"use strict";

const crypto = require("node:crypto");
const { KeyClient, CryptographyClient } = require("@azure/keyvault-keys");
const { assert, eventually, collect } = require("../harness");

async function keyChecks(checks, env, credential) {
  const client = new KeyClient(env.vaultUrl, credential, env.options());
  const suffix = crypto.randomBytes(4).toString("hex");
  const rsaName = `conf-rsa-${suffix}`;
  const ecName = `conf-ec-${suffix}`;
  let rsa, ec;

  await checks.run("keys: createRsaKey and createEcKey", async () => {
    rsa = await client.createRsaKey(rsaName, { keySize: 2048 });
    assert.ok(rsa.keyType === "RSA", `RSA key has type ${rsa.keyType}`);
    assert.ok(rsa.key && rsa.key.n && rsa.key.n.length === 256, "the RSA modulus is not 2048 bits");
    ec = await client.createEcKey(ecName, { curve: "P-256" });
    assert.ok(ec.keyType === "EC" && ec.key.crv === "P-256", "the EC key is not P-256");
  });

  await checks.run("keys: getKey and listPropertiesOfKeys", async () => {
    const got = await client.getKey(rsaName);
    assert.ok(got.id === rsa.id, "getKey returned another version");
    const listed = await collect(client.listPropertiesOfKeys());
    assert.ok(listed.some((p) => p.name === rsaName) && listed.some((p) => p.name === ecName), "a key is not listed");
  });

  await checks.run("keys: rotation policy, rotateKey makes a new version", async () => {
    const policy = await client.updateKeyRotationPolicy(rsaName, {
      lifetimeActions: [{ action: "Rotate", timeBeforeExpiry: "P30D" }],
      expiresIn: "P90D",
    });
    assert.ok(policy.lifetimeActions && policy.lifetimeActions.length === 1, "the policy has no lifetime action");
    const rotated = await client.rotateKey(rsaName);
    assert.ok(rotated.properties.version && rotated.properties.version !== rsa.properties.version,
              "rotateKey made no new version");
    const versions = await collect(client.listPropertiesOfKeyVersions(rsaName));
    assert.ok(versions.length === 2, `expected 2 versions, listed ${versions.length}`);
    rsa = rotated;
  });

  const data = Buffer.from("kvbridge conformance: the data to sign and encrypt");
  const digest = crypto.createHash("sha256").update(data).digest();

  await checks.run("keys: RS256 sign in the vault, verify in the vault and locally", async () => {
    const crypt = new CryptographyClient(rsa, credential, env.options());
    const signed = await crypt.sign("RS256", digest);
    assert.ok((await crypt.verify("RS256", digest, signed.result)).result === true, "the vault's verify failed");
    const publicKey = crypto.createPublicKey({ key: { kty: "RSA", n: b64u(rsa.key.n), e: b64u(rsa.key.e) }, format: "jwk" });
    assert.ok(crypto.verify("sha256", data, publicKey, Buffer.from(signed.result)), "local verify failed");
    const tampered = Buffer.from(digest);
    tampered[0] ^= 1;
    assert.ok((await crypt.verify("RS256", tampered, signed.result)).result === false, "a tampered digest verified");
  });

  await checks.run("keys: ES256 sign in the vault, verified locally", async () => {
    const crypt = new CryptographyClient(ec.id, credential, env.options());
    const signed = await crypt.signData("ES256", data);
    const publicKey = crypto.createPublicKey({
      key: { kty: "EC", crv: "P-256", x: b64u(ec.key.x), y: b64u(ec.key.y) },
      format: "jwk",
    });
    assert.ok(crypto.verify("sha256", data, { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signed.result)),
              "local verify of the ES256 signature failed");
  });

  await checks.run("keys: RSA-OAEP encrypt locally and in the vault, decrypt in the vault", async () => {
    const remote = new CryptographyClient(rsa.id, credential, env.options());
    const encrypted = await remote.encrypt({ algorithm: "RSA-OAEP", plaintext: data });
    const decrypted = await remote.decrypt({ algorithm: "RSA-OAEP", ciphertext: encrypted.result });
    assert.ok(Buffer.from(decrypted.result).equals(data), "decrypt did not give the plaintext back");
    const publicKey = crypto.createPublicKey({ key: { kty: "RSA", n: b64u(rsa.key.n), e: b64u(rsa.key.e) }, format: "jwk" });
    const local = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING }, data);
    const fromLocal = await remote.decrypt({ algorithm: "RSA-OAEP", ciphertext: local });
    assert.ok(Buffer.from(fromLocal.result).equals(data), "the vault did not decrypt a locally made ciphertext");
  });

  await checks.run("keys: wrapKey and unwrapKey (RSA-OAEP-256)", async () => {
    const crypt = new CryptographyClient(rsa.id, credential, env.options());
    const contentKey = crypto.randomBytes(32);
    const wrapped = await crypt.wrapKey("RSA-OAEP-256", contentKey);
    const unwrapped = await crypt.unwrapKey("RSA-OAEP-256", wrapped.result);
    assert.ok(Buffer.from(unwrapped.result).equals(contentKey), "unwrap did not give the key back");
  });

  const importedName = `conf-imported-${suffix}`;
  await checks.run("keys: importKey of a locally made RSA key; the vault's RS256 signature verifies with it", async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = privateKey.export({ format: "jwk" });
    const fromB64u = (text) => Buffer.from(text, "base64url");
    const imported = await client.importKey(importedName, {
      kty: "RSA",
      keyOps: ["sign", "verify"],
      ...Object.fromEntries(["n", "e", "d", "p", "q", "dp", "dq"].map((f) => [f, fromB64u(jwk[f])])),
      qi: fromB64u(jwk.qi),
    });
    assert.ok(imported.key && !imported.key.d, "the imported key's answer carries its private part");
    assert.ok(Buffer.from(imported.key.n).equals(fromB64u(jwk.n)), "the imported key has another modulus");
    const signed = await new CryptographyClient(imported.id, credential, env.options()).sign("RS256", digest);
    assert.ok(crypto.verify("sha256", data, publicKey, Buffer.from(signed.result)), "the local key does not verify it");
  });

  await checks.run("keys: backupKey, delete and purge, restoreKeyBackup", async () => {
    const backup = await client.backupKey(importedName);
    assert.ok(backup instanceof Uint8Array && backup.length > 0, "no backup blob");
    await (await client.beginDeleteKey(importedName, env.pollOptions)).pollUntilDone();
    await eventually(() => client.purgeDeletedKey(importedName));
    const restored = await eventually(() => client.restoreKeyBackup(backup));
    assert.ok(restored.name === importedName, "the restored key has another name");
  });

  await checks.run("keys: cleanup (delete and purge)", async () => {
    for (const name of [rsaName, ecName, importedName]) {
      await (await client.beginDeleteKey(name, env.pollOptions)).pollUntilDone();
      await eventually(() => client.purgeDeletedKey(name));
    }
  });
}

function b64u(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

module.exports = { keyChecks };
