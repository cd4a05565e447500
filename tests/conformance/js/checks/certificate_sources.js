// SPDX-License-Identifier: MIT
// Certificates from elsewhere, as the SDK's own live tests and samples bring them: a CSR signed by
// a local CA made with the openssl program and merged (as DER, and as the SDK's sample passes it:
// the PEM's base64 text), and a certificate's own secret value imported again (as PKCS#12 bytes,
// and as its base64 text declared application/x-pem-file).
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { CertificateClient } = require("@azure/keyvault-certificates");
const { SecretClient } = require("@azure/keyvault-secrets");
const { assert, eventually } = require("../harness");

/** Sign @p csrDer with a CA made for the purpose; returns the signed certificate's PEM text. */
function signCsr(csrDer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kvb-conformance-"));
  try {
    const file = (name) => path.join(dir, name);
    const run = (args) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
    fs.writeFileSync(file("req.der"), csrDer, { mode: 0o600 });
    run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("ca.key"), "-out", file("ca.pem"),
         "-days", "30", "-subj", "/CN=kvbridge conformance CA"]);
    run(["req", "-inform", "DER", "-in", file("req.der"), "-out", file("req.pem")]);
    run(["x509", "-req", "-in", file("req.pem"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
         "-CAcreateserial", "-days", "30", "-out", file("signed.pem")]);
    return fs.readFileSync(file("signed.pem"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function pendingCsr(client, name) {
  await client.beginCreateCertificate(name, { issuerName: "Unknown", subject: `CN=${name}.example` }, { intervalInMs: 100 });
  const operation = await client.getCertificateOperation(name);
  const { csr } = operation.getOperationState().certificateOperation;
  assert.ok(csr && csr.length > 0, "the pending operation has no CSR");
  return Buffer.from(csr);
}

async function certificateSourceChecks(checks, env, credential) {
  const client = new CertificateClient(env.vaultUrl, credential, env.options());
  const secrets = new SecretClient(env.vaultUrl, credential, env.options());
  const suffix = crypto.randomBytes(4).toString("hex");
  const names = [];
  const named = (what) => {
    names.push(`conf-${what}-${suffix}`);
    return names[names.length - 1];
  };

  await checks.run("certificates: Unknown issuer, CSR signed by an openssl CA, merged as DER", async () => {
    const name = named("merge-der");
    const pem = signCsr(await pendingCsr(client, name));
    const der = new crypto.X509Certificate(pem).raw;
    const merged = await client.mergeCertificate(name, [der]);
    assert.ok(Buffer.from(merged.cer).equals(der), "the merged certificate is not the signed one");
    const operation = await client.getCertificateOperation(name);
    assert.ok(operation.getOperationState().isCompleted, "the operation is not completed after the merge");
  });

  await checks.run("certificates: merged as the SDK's sample passes it (the PEM's base64 text)", async () => {
    const name = named("merge-text");
    const pem = signCsr(await pendingCsr(client, name));
    // As the SDK's mergeCertificate sample and live test build it: the lines after BEGIN, joined.
    const base64Text = pem.split("\n").slice(1, -1).join("");
    const merged = await client.mergeCertificate(name, [Buffer.from(base64Text)]);
    assert.ok(Buffer.from(merged.cer).equals(new crypto.X509Certificate(pem).raw), "the merged certificate differs");
  });

  await checks.run("certificates: a certificate's secret value imported again (PKCS#12 bytes)", async () => {
    const source = named("source");
    await (await client.beginCreateCertificate(source, { issuerName: "Self", subject: "CN=source.example" },
                                               env.pollOptions)).pollUntilDone();
    const secret = await secrets.getSecret(source);
    const imported = await client.importCertificate(named("reimport"), Buffer.from(secret.value, "base64"));
    const original = await client.getCertificate(source);
    assert.ok(Buffer.from(imported.cer).equals(Buffer.from(original.cer)), "the imported certificate differs");
  });

  await checks.run("certificates: a secret's base64 text imported as application/x-pem-file (the SDK's live test)", async () => {
    const secret = await secrets.getSecret(names.find((n) => n.startsWith("conf-source-")));
    const imported = await client.importCertificate(named("reimport-text"), Buffer.from(secret.value), {
      policy: { contentType: "application/x-pem-file" },
    });
    assert.ok(imported.cer && imported.cer.length > 0, "the imported certificate has no cer");
  });

  await checks.run("certificates: cleanup of the merged and imported ones", async () => {
    for (const name of names) {
      try {
        await (await client.beginDeleteCertificate(name, env.pollOptions)).pollUntilDone();
      } catch (e) {
        if (e.statusCode !== 404) throw e;
        continue;
      }
      await eventually(() => client.purgeDeletedCertificate(name));
    }
  });
}

module.exports = { certificateSourceChecks };
