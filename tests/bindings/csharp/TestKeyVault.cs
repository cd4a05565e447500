// SPDX-License-Identifier: MIT
// Credentials, keys, cryptography, certificates and the new secret calls from C#, against the emulator.
using System;
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
                var first = secrets.SetSecretWithOptions("cs-more", "one", "{\"tags\":{\"t\":\"cs\"}}");
                secrets.SetSecret("cs-more", "two");
                Check(secrets.GetSecret("cs-more", first.Version, null).Value == "one", "get version");
                Check(secrets.UpdateSecretProperties("cs-more", first.Version, "{\"enabled\":false}")
                          .Contains("\"enabled\":false"), "update secret properties");
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
                var rsa = keys.CreateKey("cs-rsa", "RSA", "{\"keySize\":2048}");
                Check(rsa.Name == "cs-rsa" && rsa.KeyType == "RSA" && rsa.Json.Contains("\"n\":"), "create key");
                Check(keys.GetKey("cs-rsa").Version == rsa.Version, "get key");
                Check(keys.UpdateKeyProperties("cs-rsa", null, "{\"tags\":{\"s\":\"2\"}}").Json.Contains("\"s\":\"2\""),
                      "update key");
                Check(keys.CreateKey("cs-ec", "EC").Curve == "P-256", "ec key");
                Check(keys.ImportKey("cs-imp", "{\"kty\":\"oct-HSM\",\"k\":\"AAECAwQFBgcICQoLDA0ODw\"}",
                                     "{\"hardwareProtected\":true}").Name == "cs-imp", "import key");
                Check(keys.ListKeys().Any(j => j.Contains("\"name\":\"cs-ec\"")), "list keys");
                keys.UpdateRotationPolicy("cs-rsa", "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"}," +
                                                    "\"action\":{\"type\":\"Rotate\"}}]}");
                Check(keys.GetRotationPolicy("cs-rsa").Contains("P30D"), "rotation policy");
                Check(keys.RotateKey("cs-rsa").Version != rsa.Version, "rotate");
                Check(keys.ListKeyVersions("cs-rsa").Count() == 2, "key versions");
                Check(keys.GetRandomBytes(12).Length == 12, "random bytes");
                keys.CreateKey("cs-exp", "RSA-HSM",
                               "{\"exportable\":true,\"releasePolicy\":{\"data\":\"eyJhbnlPZiI6W10sInZlcnNpb24iOiIxLjAuMCJ9\"}}");
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
                Check(certs.UpdateCertificateProperties("cs-cert", null, "{\"tags\":{\"a\":\"b\"}}").Json.Contains("\"a\":\"b\""),
                      "update certificate");
                Check(certs.GetCertificatePolicy("cs-cert").Contains("CN=cs-cert"), "policy");
                Check(certs.UpdateCertificatePolicy("cs-cert", "{\"x509_props\":{\"validity_months\":3}}")
                          .Contains("\"validity_months\":3"), "update policy");
                var (pfx, type) = certs.DownloadCertificate("cs-cert");
                Check(type == "application/x-pkcs12" && pfx.Length > 100, "download");
                Check(certs.ImportCertificate("cs-imported", pfx).X5t == cert.X5t, "import");
                Throws<CryptoException>(() => certs.ImportCertificate("cs-imported", new byte[] { 1, 2 }, "pw"), "bad pfx");
                Check(certs.ListCertificates().Any(j => j.Contains("cs-imported")), "list certificates");
                Check(certs.ListCertificateVersions("cs-cert").Count() == 1, "certificate versions");
                var op = certs.CreateCertificate("cs-pending", "{\"issuer\":{\"name\":\"Unknown\"},\"x509_props\":" +
                                                 "{\"subject\":\"CN=p\"}}", null, false);
                Check(op.Contains("inProgress"), "pending");
                Check(certs.GetCertificateOperation("cs-pending").Contains("cs-pending"), "get operation");
                Throws<KvbException>(() => certs.MergeCertificate("cs-pending", "{\"x5c\":[\"MAA=\"]}"), "bad merge");
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
