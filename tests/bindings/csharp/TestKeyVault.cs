// SPDX-License-Identifier: MIT
// Credentials, keys, cryptography, certificates and the new secret calls from C#, against the emulator.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using KvBridge;

static partial class Program
{
    static void RunKeyVault(string tenant, string client, ClientOptions options)
    {
        string emulator = Environment.GetEnvironmentVariable("KVB_EMULATOR_URL");
        string port = Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        Environment.SetEnvironmentVariable("KVB_IMDS_ENDPOINT", emulator + "/metadata/identity/oauth2/token");
        const string scope = "https://vault.azure.net/.default";

        using (var mi = new ManagedIdentityCredential(new ManagedIdentityOptions
               {
                   ImdsEndpoint = emulator + "/metadata/identity/oauth2/token",
                   ClientId = "cs-identity",
               }, options))
        {
            Check(mi.GetToken(scope).Token.Length > 20, "managed identity token");
            Check(mi.Kind == CredentialKind.Token, "token kind");
        }
        using (var chain = new DefaultAzureCredential(options, new ManagedIdentityOptions
               {
                   ImdsEndpoint = emulator + "/metadata/identity/oauth2/token",
               }, excludeEnvironment: true, excludeWorkloadIdentity: true, excludeAzureCli: true))
            Check(chain.GetToken(scope).Token.Length > 20, "default chain token");
        Environment.SetEnvironmentVariable("AZURE_TENANT_ID", tenant);
        Environment.SetEnvironmentVariable("AZURE_CLIENT_ID", client);
        Environment.SetEnvironmentVariable("AZURE_CLIENT_SECRET", TestSecret);
        using (var env = new EnvironmentCredential(options))
            Check(env.GetToken(scope).Token.Length > 20, "environment token");
        Environment.SetEnvironmentVariable("AZURE_CLIENT_SECRET", null);
        using (var key = new SharedKeyCredential("emubatch", "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE="))
        {
            Check(key.Kind == CredentialKind.SharedKey, "shared key kind");
            Throws<InvalidArgumentException>(() => key.GetToken(scope), "shared key has no token");
        }
        Throws<InvalidArgumentException>(() => new ClientCertificateCredential(tenant, client, "/nonexistent.pem"),
                                         "missing certificate file");

        string vault = "https://csharpkv.vault.localhost:" + port;
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, options))
        {
            using (var secrets = new SecretClient(vault, cred, options))
            {
                var first = secrets.SetSecretWithOptions("cs-more", "one",
                    new SecretSetOptions { Tags = new Dictionary<string, string> { ["t"] = "cs" } });
                Check(first.Tags["t"] == "cs", "set with tags");
                secrets.SetSecret("cs-more", "two");
                Check(secrets.GetSecret("cs-more", first.Version, null).Value == "one", "get version");
                var updated = secrets.UpdateSecretProperties("cs-more", first.Version,
                    new SecretUpdateOptions { Enabled = false, Tags = new Dictionary<string, string>() });
                Check(updated.Contains("\"enabled\":false") && updated.Contains("\"tags\":{}"), "update secret properties");
                Check(secrets.ListSecretVersions("cs-more").Count() == 2, "secret versions");
                Check(secrets.ListSecretProperties().Any(j => j.Contains("\"name\":\"cs-more\"")), "secret properties");
                var backup = secrets.BackupSecret("cs-more");
                secrets.DeleteSecret("cs-more");
                Check(secrets.GetDeletedSecret("cs-more").Contains("recoveryId"), "deleted secret");
                Check(secrets.ListDeletedSecrets().Any(j => j.Contains("cs-more")), "deleted secrets listed");
                Check(secrets.RecoverDeletedSecret("cs-more").Contains("cs-more"), "recover secret");
                Throws<ConflictException>(() => secrets.RestoreSecretBackup(backup), "restore over a live secret");
                secrets.DeleteSecret("cs-more");
                secrets.PurgeDeletedSecret("cs-more");
                Check(secrets.RestoreSecretBackup(backup).Contains("cs-more"), "restore secret");
            }

            using (var keys = new KeyClient(vault, cred, options))
            {
                var rsa = keys.CreateKey("cs-rsa", "RSA", new KeyCreateOptions { KeySize = 2048 });
                Check(rsa.Name == "cs-rsa" && rsa.KeyType == "RSA" && rsa.Json.Contains("\"n\":"), "create key");
                Check(keys.GetKey("cs-rsa").Version == rsa.Version, "get key");
                Check(keys.UpdateKeyProperties("cs-rsa", null,
                          new KeyUpdateOptions { Tags = new Dictionary<string, string> { ["s"] = "2" } }).Tags["s"] == "2",
                      "update key");
                Throws<InvalidArgumentException>(() => keys.CreateKey("cs-bad", "RSA", new KeyCreateOptions { KeySize = 1000 }),
                                                 "bad key size");
                Check(keys.CreateKey("cs-ec", "EC").Curve == "P-256", "ec key");
                Check(keys.ImportKey("cs-imp", "{\"kty\":\"oct-HSM\",\"k\":\"AAECAwQFBgcICQoLDA0ODw\"}",
                                     new KeyImportOptions { HardwareProtected = true }).Name == "cs-imp", "import key");
                Check(keys.ListKeys().Any(j => j.Contains("\"name\":\"cs-ec\"")), "list keys");
                keys.UpdateRotationPolicy("cs-rsa", "{\"lifetimeActions\":[{\"action\":\"Rotate\",\"timeAfterCreate\":\"P30D\"}]}");
                Check(keys.GetRotationPolicy("cs-rsa").Contains("P30D"), "rotation policy");
                Check(keys.RotateKey("cs-rsa").Version != rsa.Version, "rotate");
                Check(keys.ListKeyVersions("cs-rsa").Count() == 2, "key versions");
                Check(keys.GetRandomBytes(12).Length == 12, "random bytes");
                keys.CreateKey("cs-exp", "RSA-HSM", new KeyCreateOptions
                {
                    Exportable = true,
                    ReleasePolicyJson = "{\"encodedPolicy\":\"eyJhbnlPZiI6W10sInZlcnNpb24iOiIxLjAuMCJ9\"}",
                });
                Check(keys.ReleaseKey("cs-exp", "attestation-token").Split('.').Length == 3, "release");
                Check(keys.GetKeyAttestation("cs-exp").Json.Contains("attestation"), "attestation");
                var nf = Throws<NotFoundException>(() => keys.GetKey("cs-none"), "missing key");
                Check(nf != null && nf.HttpStatus == 404 && nf.ServiceCode == "KeyNotFound", "KeyNotFound");
                var backup = keys.BackupKey("cs-ec");
                Check(keys.DeleteKey("cs-ec").Contains("recoveryId"), "delete key");
                Check(keys.GetDeletedKey("cs-ec").Contains("cs-ec"), "deleted key");
                Check(keys.ListDeletedKeys().Any(j => j.Contains("cs-ec")), "deleted keys listed");
                Check(keys.RecoverDeletedKey("cs-ec").Name == "cs-ec", "recover key");
                keys.DeleteKey("cs-ec");
                keys.PurgeDeletedKey("cs-ec");
                Check(keys.RestoreKeyBackup(backup).Curve == "P-256", "restore key");

                using (var crypto = new CryptographyClient(rsa.Id, cred, options))
                {
                    Check(crypto.GetKey().Name == "cs-rsa", "crypto get key");
                    var plain = Encoding.UTF8.GetBytes("cs plain");
                    var enc = crypto.Encrypt("RSA-OAEP", plain);
                    Check(crypto.Decrypt("RSA-OAEP", enc.Output).Output.SequenceEqual(plain), "encrypt/decrypt");
                    var wrapped = crypto.WrapKey("RSA-OAEP", new byte[32]);
                    Check(crypto.UnwrapKey("RSA-OAEP", wrapped.Output).Output.SequenceEqual(new byte[32]), "wrap/unwrap");
                    var secure = crypto.SecureWrapKey("RSA-OAEP-256").Output;
                    Check(crypto.SecureUnwrapKey("RSA-OAEP-256", secure, "maa-token").Output
                              .SequenceEqual(crypto.UnwrapKey("RSA-OAEP-256", secure).Output), "secure wrap/unwrap");
                    var digest = System.Security.Cryptography.SHA256.Create().ComputeHash(plain);
                    var sig = crypto.Sign("RS256", digest);
                    Check(crypto.Verify("RS256", digest, sig.Output).IsValid, "sign/verify");
                    var dsig = crypto.SignData("RS256", plain);
                    Check(crypto.VerifyData("RS256", plain, dsig.Output).IsValid, "sign/verify data");
                    Check(!crypto.VerifyData("RS256", new byte[] { 1 }, dsig.Output).IsValid, "bad signature");
                    Throws<InvalidArgumentException>(() => crypto.Sign("RS256", new byte[3]), "short digest");
                }
                using (var local = new CryptographyClient(rsa.Id, cred, options, localPublicOperations: true))
                    Check(local.Encrypt("RSA-OAEP", new byte[] { 1, 2 }).Output.Length == 256, "local encrypt");
            }

            using (var certs = new CertificateClient(vault, cred, options))
            {
                Check(certs.CreateCertificate("cs-cert").Contains("\"status\":\"completed\""), "create certificate");
                var cert = certs.GetCertificate("cs-cert");
                Check(cert.Cer.Length > 100 && cert.Cer[0] == 0x30 && cert.X5t.Length == 27, "certificate model");
                Check(cert.SecretId.Contains("/secrets/cs-cert/") && cert.KeyId.Contains("/keys/cs-cert/"), "ids");
                Check(certs.GetCertificateVersion("cs-cert", cert.Version).Version == cert.Version, "version");
                Check(certs.UpdateCertificateProperties("cs-cert", null,
                          new CertificateUpdateOptions { Tags = new Dictionary<string, string> { ["a"] = "b" } }).Tags["a"] == "b",
                      "update certificate");
                Check(certs.GetCertificatePolicy("cs-cert").Contains("CN=cs-cert"), "policy");
                Check(certs.UpdateCertificatePolicy("cs-cert", "{\"validityInMonths\":3}").Contains("\"validityInMonths\":3"),
                      "update policy");
                var (pfx, type) = certs.DownloadCertificate("cs-cert");
                Check(type == "application/x-pkcs12" && pfx.Length > 100, "download");
                Check(certs.ImportCertificate("cs-imported", pfx, null, new CertificateImportOptions { Reencode = PfxReencode.Aes256 })
                          .X5t == cert.X5t, "import");
                Throws<CryptoException>(() => certs.ImportCertificate("cs-imported", new byte[] { 1, 2 }, "pw"), "bad pfx");
                Check(certs.ListCertificates().Any(j => j.Contains("cs-imported")), "list certificates");
                Check(certs.ListCertificateVersions("cs-cert").Count() == 1, "certificate versions");
                var op = certs.CreateCertificate("cs-pending", "{\"issuerName\":\"Unknown\",\"subject\":\"CN=p\"}", null, false);
                Check(op.Contains("inProgress"), "pending");
                Check(certs.GetCertificateOperation("cs-pending").Contains("cs-pending"), "get operation");
                Throws<KvbException>(() => certs.MergeCertificate("cs-pending", new[] { new byte[] { 0x30, 0x00 } }), "bad merge");
                Throws<InvalidArgumentException>(() => certs.MergeCertificate("cs-pending", new byte[][] { }), "empty merge");
                Check(certs.CancelCertificateOperation("cs-pending").Contains("\"cancellationRequested\":true"), "cancel");
                certs.DeleteCertificateOperation("cs-pending");
                var backup = certs.BackupCertificate("cs-imported");
                Check(certs.DeleteCertificate("cs-imported").Contains("recoveryId"), "delete certificate");
                Check(certs.GetDeletedCertificate("cs-imported").Contains("cs-imported"), "deleted certificate");
                Check(certs.ListDeletedCertificates().Any(j => j.Contains("cs-imported")), "deleted listed");
                Check(certs.RecoverDeletedCertificate("cs-imported").Name == "cs-imported", "recover certificate");
                certs.DeleteCertificate("cs-imported");
                certs.PurgeDeletedCertificate("cs-imported");
                Check(certs.RestoreCertificateBackup(backup).Name == "cs-imported", "restore certificate");
                Check(certs.CreateIssuer("{\"name\":\"cs-iss\",\"provider\":\"Test\"}").Contains("Test"), "issuer");
                Check(certs.UpdateIssuer("{\"name\":\"cs-iss\",\"accountId\":\"x\"}").Contains("\"accountId\":\"x\""),
                      "update issuer");
                Check(certs.GetIssuer("cs-iss").Contains("cs-iss"), "get issuer");
                Check(certs.ListIssuers().Any(j => j.Contains("cs-iss")), "list issuers");
                certs.DeleteIssuer("cs-iss");
                Check(certs.SetContacts("{\"contacts\":[{\"email\":\"cs@example.com\"}]}").Contains("cs@example.com"),
                      "set contacts");
                Check(certs.GetContacts().Contains("cs@example.com"), "get contacts");
                Check(certs.DeleteContacts().Contains("cs@example.com"), "delete contacts");
                var missing = Throws<NotFoundException>(() => certs.GetCertificate("cs-none"), "missing certificate");
                Check(missing != null && missing.ServiceCode == "CertificateNotFound", "CertificateNotFound");
            }
        }
    }

    /// <summary>Count the requests of <paramref name="operation"/> that enumerating <paramref name="items"/> makes.</summary>
    static (int Items, int Requests) Paged(string operation, System.Collections.Generic.IEnumerable<string> items)
    {
        int before = Requests(operation);
        int count = items.Count();
        return (count, Requests(operation) - before);
    }

    /// <summary>
    /// Attributes, tags and managed of secrets, keys and certificates; the deleted secret document;
    /// the certificate policy as the service answers it; page sizes of every Key Vault list.
    /// </summary>
    static void RunAttributesAndPages(string tenant, string client, ClientOptions options)
    {
        string vault = "https://csdocs.vault.localhost:" + Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        var year2100 = DateTimeOffset.FromUnixTimeSeconds(4102444800);
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, options))
        using (var secrets = new SecretClient(vault, cred, options))
        using (var keys = new KeyClient(vault, cred, options))
        using (var certs = new CertificateClient(vault, cred, options))
        {
            var set = secrets.SetSecretWithOptions("cs-attrs", "v", new SecretSetOptions
            {
                Tags = new Dictionary<string, string> { ["team"] = "cs", ["owner"] = "ops" },
                ExpiresOn = year2100,
            });
            foreach (var s in new[] { set, secrets.GetSecret("cs-attrs") })
            {
                Check(s.Tags.Count == 2 && s.Tags["team"] == "cs" && s.Tags["owner"] == "ops", "secret tags");
                Check(s.Attributes.Enabled == true && s.Attributes.ExpiresOn == year2100, "secret attributes");
                Check(s.Attributes.NotBefore == null && s.Attributes.CreatedOn > year2100.AddYears(-80), "secret times");
                Check(s.Attributes.RecoverableDays == 90 && s.Attributes.RecoveryLevel == "Recoverable+Purgeable",
                      "secret recovery");
                Check(!s.Managed, "a plain secret is not managed");
            }
            secrets.SetSecret("cs-attrs", "v2");
            var versions = Paged("GET /secrets/{}/versions", secrets.ListSecretVersions("cs-attrs", 1));
            Check(versions.Items == 2 && versions.Requests == 2, "secret versions one per page");
            Check(Paged("GET /secrets/{}/versions", secrets.ListSecretVersions("cs-attrs")).Requests == 1,
                  "secret versions in one page");
            secrets.SetSecret("cs-attrs-2", "x");
            var listed = Paged("GET /secrets", secrets.ListSecretProperties(1));
            Check(listed.Items == 2 && listed.Requests == 2, "secret properties one per page");
            var deleted = secrets.DeleteSecret("cs-attrs");
            Check(deleted.Contains("\"recoveryId\":\"" + vault + "/deletedsecrets/cs-attrs\"") &&
                  deleted.Contains("\"name\":\"cs-attrs\"") && deleted.Contains("\"deletedOn\":"), "deleted secret document");
            secrets.DeleteSecret("cs-attrs-2");
            var gone = Paged("GET /deletedsecrets", secrets.ListDeletedSecrets(1));
            Check(gone.Items == 2 && gone.Requests == 2, "deleted secrets one per page");
            Throws<InvalidArgumentException>(() => secrets.ListSecretProperties(26).ToList(), "page size over 25");

            var key = keys.CreateKey("cs-attrs", "EC", new KeyCreateOptions
            {
                Tags = new Dictionary<string, string> { ["k"] = "1" },
                ExpiresOn = year2100,
            });
            Check(key.Tags.Count == 1 && key.Tags["k"] == "1" && !key.Managed, "key tags, not managed");
            Check(key.Attributes.ExpiresOn == year2100 && key.Attributes.Enabled == true, "key attributes");
            keys.RotateKey("cs-attrs");
            var keyVersions = Paged("GET /keys/{}/versions", keys.ListKeyVersions("cs-attrs", 1));
            Check(keyVersions.Items == 2 && keyVersions.Requests == 2, "key versions one per page");
            keys.CreateKey("cs-attrs-2", "EC");
            var keyList = Paged("GET /keys", keys.ListKeys(1));
            Check(keyList.Items == 2 && keyList.Requests == 2, "keys one per page");
            keys.DeleteKey("cs-attrs");
            keys.DeleteKey("cs-attrs-2");
            var deletedKeys = Paged("GET /deletedkeys", keys.ListDeletedKeys(1));
            Check(deletedKeys.Items == 2 && deletedKeys.Requests == 2, "deleted keys one per page");

            long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            certs.CreateCertificate("cs-docs", null,
                new CertificateCreateOptions { Tags = new Dictionary<string, string> { ["stage"] = "1" } });
            long after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var cert = certs.GetCertificate("cs-docs");
            Check(cert.Tags.Count == 1 && cert.Tags["stage"] == "1", "certificate tags");
            Check(cert.Attributes.Enabled == true && cert.Attributes.ExpiresOn > cert.Attributes.NotBefore &&
                  cert.Attributes.RecoverableDays == 90, "certificate attributes");
            foreach (var policy in new[] { cert.Json, certs.GetCertificatePolicy("cs-docs") })
            {
                Check(policy.Contains("\"id\":\"" + vault + "/certificates/cs-docs/policy\""), "policy id");
                Check(policy.Contains("\"certificateAuthority\":false"), "policy basic constraints");
                int at = policy.IndexOf("\"createdOn\":", StringComparison.Ordinal);
                long created = at < 0 ? 0 : long.Parse(new string(policy.Skip(at + 12).TakeWhile(char.IsDigit).ToArray()));
                Check(created >= before && created <= after, "policy created time");
            }
            Check(secrets.GetSecret("cs-docs").Managed, "a certificate's secret is managed");
            Check(keys.GetKey("cs-docs").Managed, "a certificate's key is managed");
            certs.CreateCertificate("cs-docs");
            certs.CreateCertificate("cs-docs-2");
            certs.CreateIssuer("{\"name\":\"cs-iss-1\",\"provider\":\"Test\"}");
            certs.CreateIssuer("{\"name\":\"cs-iss-2\",\"provider\":\"Test\"}");
            var certList = Paged("GET /certificates", certs.ListCertificates(false, 1));
            Check(certList.Items == 2 && certList.Requests == 2, "certificates one per page");
            var certVersions = Paged("GET /certificates/{}/versions", certs.ListCertificateVersions("cs-docs", 1));
            Check(certVersions.Items == 2 && certVersions.Requests == 2, "certificate versions one per page");
            var issuers = Paged("GET /certificates/issuers", certs.ListIssuers(1));
            Check(issuers.Items == 2 && issuers.Requests == 2, "issuers one per page");
            certs.DeleteCertificate("cs-docs");
            certs.DeleteCertificate("cs-docs-2");
            var deletedCerts = Paged("GET /deletedcertificates", certs.ListDeletedCertificates(true, 1));
            Check(deletedCerts.Items == 2 && deletedCerts.Requests == 2, "deleted certificates one per page");
        }
    }

    /// <summary>
    /// The whole ClientOptions reaches the library: a vault reached only through a connect-to
    /// mapping (its URL names a closed loopback port), and the application id seen in the
    /// User-Agent of the verbose log.
    /// </summary>
    static void RunClientOptions(string tenant, string client, ClientOptions baseOptions)
    {
        string port = Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        var options = new ClientOptions
        {
            CaFile = baseOptions.CaFile,
            AuthorityHost = baseOptions.AuthorityHost,
            MaxRetries = 0,
            ConnectTo = { "csopts.vault.localhost:1:127.0.0.1:" + port },
            ApplicationId = "cs-options-test/7",
            ConnectTimeoutMs = 5000,
            TimeoutMs = 30000,
            RetryBaseDelayMs = 100,
            RetryMaxDelayMs = 1000,
            MaxIdleConnections = 4,
            Http2 = false,
        };
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Library.SetLogHandler((level, line) => lines.Enqueue(line), 0);
        try
        {
            using (var cred = new ClientSecretCredential(tenant, client, TestSecret, baseOptions))
            using (var secrets = new SecretClient("https://csopts.vault.localhost:1", cred, options))
            {
                Check(secrets.SetSecret("cs-opts", "through connect-to", null).Name == "cs-opts", "connect-to mapping");
                Check(secrets.GetSecret("cs-opts").Value == "through connect-to", "connect-to read back");
            }
        }
        finally
        {
            Library.SetLogHandler(null);
        }
        Check(lines.Any(l => l.Contains("csopts.vault.localhost") && l.Contains("cs-options-test/7")),
              "application id in the User-Agent");
        Check(!lines.Any(l => l.Contains("through connect-to")), "secret value not logged");
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, baseOptions))
        using (var secrets = new SecretClient("https://csopts.vault.localhost:1", cred,
                                              new ClientOptions { CaFile = baseOptions.CaFile, MaxRetries = 0 }))
            Throws<KvbException>(() => secrets.GetSecret("cs-opts"), "no connect-to: the closed port is refused");
        using (var cred = new ClientSecretCredential(tenant, client, TestSecret, baseOptions))
        {
            var e = Throws<InvalidArgumentException>(
                () => new SecretClient("https://csharp.vault.localhost:" + port, cred,
                                       new ClientOptions { CaFile = baseOptions.CaFile, ApiVersion = "1900-01-01" }),
                "api version reaches the library");
            Check(e != null && e.Message.Contains("1900-01-01"), "unsupported api version named");
        }
    }
}
