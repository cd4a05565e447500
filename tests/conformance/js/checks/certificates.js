// SPDX-License-Identifier: MIT
// @azure/keyvault-certificates: create with a policy and poll, get, import a PFX made with the
// openssl program at test time, list, delete and purge.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { CertificateClient } = require("@azure/keyvault-certificates");
const { SecretClient } = require("@azure/keyvault-secrets");
const { assert, eventually, collect } = require("../harness");

/**
 * A self-signed RSA certificate and its PFX, made by the openssl program in a 0700 folder that is
 * removed again. The password travels to openssl in its environment, never on its command line.
 */
function makePfx(commonName, password) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kvb-conformance-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    const pfx = path.join(dir, "cert.pfx");
    const run = (args) =>
      execFileSync("openssl", args, { env: { ...process.env, KVB_PFX_PASSWORD: password }, stdio: ["ignore", "ignore", "pipe"] });
    run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30",
         "-subj", `/CN=${commonName}`, "-addext", "keyUsage=critical,digitalSignature,keyEncipherment"]);
    run(["pkcs12", "-export", "-inkey", key, "-in", cert, "-out", pfx, "-passout", "env:KVB_PFX_PASSWORD"]);
    const der = new crypto.X509Certificate(fs.readFileSync(cert)).raw;
    return { pfx: fs.readFileSync(pfx), thumbprint: crypto.createHash("sha1").update(der).digest() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function certificateChecks(checks, env, credential) {
  const client = new CertificateClient(env.vaultUrl, credential, env.options());
  const suffix = crypto.randomBytes(4).toString("hex");
  const created = `conf-created-${suffix}`;
  const imported = `conf-imported-${suffix}`;

  await checks.run("certificates: beginCreateCertificate with a policy, polled to completion", async () => {
    const policy = {
      issuerName: "Self",
      subject: `CN=${created}.example`,
      keyType: "RSA",
      keySize: 2048,
      contentType: "application/x-pkcs12",
      validityInMonths: 12,
      subjectAlternativeNames: { dnsNames: [`${created}.example`] },
    };
    const poller = await client.beginCreateCertificate(created, policy, env.pollOptions);
    const cert = await poller.pollUntilDone();
    assert.ok(cert.cer && cert.cer.length > 0, "the created certificate has no cer");
    const x509 = new crypto.X509Certificate(Buffer.from(cert.cer));
    assert.ok(x509.subject.includes(`CN=${created}.example`), "the certificate's subject is not the policy's");
    assert.ok(String(x509.subjectAltName).includes(`DNS:${created}.example`), "the SAN is not the policy's");
    const thumbprint = crypto.createHash("sha1").update(x509.raw).digest();
    assert.ok(Buffer.from(cert.properties.x509Thumbprint).equals(thumbprint), "x509Thumbprint is not the cer's SHA-1");
    const operation = await client.getCertificateOperation(created);
    assert.ok(operation.getOperationState().isCompleted, "the operation is not completed");
  });

  await checks.run("certificates: getCertificate, getCertificateVersion, getCertificatePolicy", async () => {
    const cert = await client.getCertificate(created);
    assert.ok(cert.name === created && cert.properties.version, "getCertificate has no name or version");
    const version = await client.getCertificateVersion(created, cert.properties.version);
    assert.ok(Buffer.from(version.cer).equals(Buffer.from(cert.cer)), "the version's cer differs");
    const policy = await client.getCertificatePolicy(created);
    assert.ok(policy.subject === `CN=${created}.example` && policy.issuerName === "Self", "the policy differs");
  });

  await checks.run("certificates: importCertificate of an openssl PFX with a password", async () => {
    const password = crypto.randomBytes(12).toString("base64url");
    const { pfx, thumbprint } = makePfx(`${imported}.example`, password);
    const cert = await client.importCertificate(imported, pfx, { password });
    assert.ok(Buffer.from(cert.properties.x509Thumbprint).equals(thumbprint), "the thumbprint is not the PFX's");
    const secret = await new SecretClient(env.vaultUrl, credential, env.options()).getSecret(imported);
    assert.ok(secret.properties.contentType === "application/x-pkcs12", "the certificate's secret is not PKCS#12");
    assert.ok(secret.properties.managed === true, "the certificate's secret is not managed");
    assert.ok(typeof secret.value === "string" && secret.value.length > 0, "the certificate's secret is empty");
  });

  await checks.run("certificates: importCertificate with a wrong password fails", async () => {
    const { pfx } = makePfx(`${imported}-bad.example`, crypto.randomBytes(12).toString("base64url"));
    await assert.rejects(client.importCertificate(`${imported}-bad`, pfx, { password: "wrong" }), (e) => {
      assert.ok(e.statusCode === 400, `expected 400, got ${e.statusCode}`);
      return true;
    });
  });

  await checks.run("certificates: listPropertiesOfCertificates and listPropertiesOfCertificateVersions", async () => {
    const listed = await collect(client.listPropertiesOfCertificates());
    assert.ok(listed.some((p) => p.name === created) && listed.some((p) => p.name === imported), "a certificate is not listed");
    const versions = await collect(client.listPropertiesOfCertificateVersions(created));
    assert.ok(versions.length === 1, `expected 1 version, listed ${versions.length}`);
  });

  await checks.run("certificates: beginDeleteCertificate, getDeletedCertificate, purgeDeletedCertificate", async () => {
    for (const name of [created, imported]) {
      const deleted = await (await client.beginDeleteCertificate(name, env.pollOptions)).pollUntilDone();
      assert.ok(deleted.name === name && deleted.recoveryId, "the deleted certificate has no recoveryId");
      await eventually(() => client.getDeletedCertificate(name));
      await eventually(() => client.purgeDeletedCertificate(name));
    }
    await eventually(async () => {
      await assert.rejects(client.getDeletedCertificate(created), (e) => e.statusCode === 404);
    });
  });
}

module.exports = { certificateChecks };
