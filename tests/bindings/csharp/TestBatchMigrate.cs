// SPDX-License-Identifier: MIT
// Batch and migration through the C# binding, against the emulator (with_emulator.sh): every kind of
// credential, certificates, pools, job schedules, jobs, the migrator.
// Usage: KvBridgeBatchTest.exe KEYDIR (the key material of tests/capi/make_test_keys.sh).
using System;
using System.IO;
using System.Linq;
using KvBridge;

static partial class Program
{
    const string SharedKey = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=";

    /// <summary>A client certificate credential for a client registered with the emulator's Entra ID.</summary>
    static ClientCertificateCredential CertificateCredential(string vaultUrl, Credential bearer, ClientOptions options)
    {
        const string certClient = "cccccccc-0000-0000-0000-0000000c5a77";
        using (var certs = new CertificateClient(vaultUrl, bearer, options))
        {
            certs.CreateCertificate("cs-signer", "{\"issuerName\":\"Self\",\"subject\":\"CN=cs-signer\"," +
                                    "\"contentType\":\"application/x-pem-file\"}");
            var pem = certs.DownloadCertificate("cs-signer").Content;
            var text = System.Text.Encoding.ASCII.GetString(pem);
            const string end = "-----END CERTIFICATE-----";
            int from = text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
            var certificate = text.Substring(from, text.IndexOf(end, StringComparison.Ordinal) + end.Length - from);
            Control("entra/clients", "{\"clientId\":\"" + certClient + "\",\"certificatePem\":\"" +
                                     certificate.Replace("\r", "").Replace("\n", "\\n") + "\\n\"}");
            return new ClientCertificateCredential(TestTenant, certClient, pem, options: options);
        }
    }

    /// <summary>BatchClient and Migrator take every kind of credential the C ABI does.</summary>
    static void RunCredentials(string port, ClientOptions options, string keys)
    {
        string emulator = Environment.GetEnvironmentVariable("KVB_EMULATOR_URL");
        string account = "https://csbatch.batch.localhost:" + port, vault = "https://csvault.vault.localhost:" + port;
        var imds = new ManagedIdentityOptions { ImdsEndpoint = emulator + "/metadata/identity/oauth2/token" };
        Environment.SetEnvironmentVariable("KVB_IMDS_ENDPOINT", imds.ImdsEndpoint);
        Environment.SetEnvironmentVariable("AZURE_TENANT_ID", TestTenant);
        Environment.SetEnvironmentVariable("AZURE_CLIENT_ID", TestClient);
        Environment.SetEnvironmentVariable("AZURE_CLIENT_SECRET", TestSecret);
        try
        {
            using (var bearer = new ClientSecretCredential(TestTenant, TestClient, TestSecret, options))
            {
                var credentials = new (string What, Credential Credential)[]
                {
                    ("shared key", new SharedKeyCredential("csbatch", SharedKey)),
                    ("managed identity", new ManagedIdentityCredential(imds, options)),
                    ("environment", new EnvironmentCredential(options)),
                    ("default chain", new DefaultAzureCredential(options, imds, excludeWorkloadIdentity: true,
                                                                 excludeAzureCli: true)),
                    ("client certificate", CertificateCredential(vault, bearer, options)),
                };
                foreach (var entry in credentials)
                {
                    using (entry.Credential)
                    using (var batch = new BatchClient(account, entry.Credential, options))
                        Check(batch.GetPool("cspool").Id == "cspool", "Batch with a " + entry.What + " credential");
                }
            }
            using (var batch = new BatchClient(account, new SharedKeyCredential("csbatch", SharedKey), options))
            {
                using (var environment = new EnvironmentCredential(options))
                using (var migrator = new Migrator(batch, vault, environment, options))
                using (var inventory = migrator.Inventory())
                using (var plan = migrator.Plan(inventory, new PlanSettings { KeyMaterial = { keys } }))
                    Check(inventory.Count == 2 && plan.Count == 2, "migrator with an environment credential");
                using (var key = new SharedKeyCredential("csbatch", SharedKey))
                    Throws<InvalidArgumentException>(() => new Migrator(batch, vault, key, options).Dispose(),
                                                     "a shared key cannot sign Key Vault requests");
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZURE_CLIENT_SECRET", null);
        }
    }

    /// <summary>Pool_Add, Pool_Patch, Pool_Delete, Job_Get and Job_List.</summary>
    static void RunPoolsAndJobs(BatchClient batch, string thumbprint)
    {
        batch.AddPool("{\"id\":\"csadded\",\"vmSize\":\"standard_d2s_v3\",\"displayName\":\"from C#\"," +
                      "\"certificateReferences\":[{\"thumbprint\":\"" + thumbprint + "\",\"thumbprintAlgorithm\":\"sha1\"}]}");
        var conflict = Throws<ConflictException>(() => batch.AddPool("{\"id\":\"csadded\",\"vmSize\":\"standard_d2s_v3\"}"),
                                                 "pool exists");
        Check(conflict?.ServiceCode == "PoolExists", "PoolExists");
        Throws<InvalidArgumentException>(() => batch.AddPool("{\"vmSize\":\"x\"}"), "pool without id");
        var added = batch.GetPool("csadded");
        Check(added.Json.Contains("\"displayName\":\"from C#\"") && added.CertificateReferences.Count == 1, "added pool");
        batch.PatchPool("csadded", "{\"displayName\":\"patched\",\"metadata\":[{\"name\":\"k\",\"value\":\"v\"}]}");
        var patched = batch.GetPool("csadded");
        Check(patched.Json.Contains("\"displayName\":\"patched\"") && patched.Json.Contains("\"metadata\":{\"k\":\"v\"}") &&
              patched.CertificateReferences.Count == 1, "patched pool");
        Throws<InvalidArgumentException>(() => batch.PatchPool("csadded", "[1]"), "patch that is not an object");
        batch.DeletePool("csadded");
        Throws<NotFoundException>(() => batch.GetPool("csadded"), "deleted pool");

        Control("batch/accounts/csbatch/jobs", "{\"id\":\"csjob\",\"poolInfo\":{\"autoPoolSpecification\":" +
                "{\"poolLifetimeOption\":\"job\",\"pool\":{\"vmSize\":\"standard_d2s_v3\",\"certificateReferences\":" +
                "[{\"thumbprint\":\"" + thumbprint + "\",\"thumbprintAlgorithm\":\"sha1\"}]}}}}");
        Control("batch/accounts/csbatch/jobs", "{\"id\":\"csjob2\",\"poolInfo\":{\"poolId\":\"cspool\"}}");
        var job = batch.GetJob("csjob");
        Check(job.Id == "csjob" && job.State == "active" && job.CertificateReferences.SequenceEqual(new[] { thumbprint }),
              "get job");
        Check(batch.GetJob("csjob2", "id,poolInfo").Json.Contains("\"poolId\":\"cspool\""), "get job with select");
        var missing = Throws<NotFoundException>(() => batch.GetJob("nojob"), "unknown job");
        Check(missing?.ServiceCode == "JobNotFound", "JobNotFound");
        int before = Requests("GET /jobs");
        Check(batch.ListJobs(maxResults: 1).Select(j => j.Id).OrderBy(i => i).SequenceEqual(new[] { "csjob", "csjob2" }),
              "list jobs");
        Check(Requests("GET /jobs") - before == 2, "jobs one per page");
        Check(batch.ListJobs("id eq 'csjob2'").Single().Id == "csjob2", "list jobs with a filter");
    }

    static int Main(string[] args)
    {
        string keys = args[0], port = Environment.GetEnvironmentVariable("KVB_EMULATOR_PORT");
        var options = EmulatorOptions();
        using (var credential = new ClientSecretCredential(TestTenant, TestClient, TestSecret, options))
        {
            Control("batch/accounts", "{\"name\":\"csbatch\"}");
            var batch = new BatchClient("https://csbatch.batch.localhost:" + port, credential, options);
            byte[] one = File.ReadAllBytes(Path.Combine(keys, "one.upload")), two = File.ReadAllBytes(Path.Combine(keys, "two.upload"));
            batch.AddCertificate(one, cer: true);
            batch.AddCertificate(two, cer: true);
            var conflict = Throws<ConflictException>(() => batch.AddCertificate(one, cer: true), "duplicate certificate");
            Check(conflict?.ServiceCode == "CertificateExists" && conflict.HttpStatus == 409 && conflict.RequestId.Length > 0,
                  "conflict fields");
            Throws<CryptoException>(() => batch.AddCertificate(File.ReadAllBytes(Path.Combine(keys, "four.pfx.upload")), false, "wrong"),
                                    "wrong PFX password");
            var listed = batch.ListCertificates(maxResults: 1).ToList();
            Check(listed.Count == 2 && listed.All(c => c.State == "active"), "list certificates over pages");
            string t1 = listed[0].Thumbprint;
            Check(batch.GetCertificate(t1).Json.Contains("\"thumbprintAlgorithm\":\"sha1\""), "certificate JSON");
            var missing = Throws<NotFoundException>(() => batch.GetCertificate(new string('0', 40)), "unknown certificate");
            Check(missing?.ServiceCode == "CertificateNotFound", "not found code");

            Control("batch/accounts/csbatch/pools", "{\"id\":\"cspool\",\"vmSize\":\"standard_d2s_v3\",\"certificateReferences\":" +
                                                    "[{\"thumbprint\":\"" + t1 + "\",\"thumbprintAlgorithm\":\"sha1\"}]}");
            Control("batch/accounts/csbatch/jobschedules", "{\"id\":\"csschedule\",\"schedule\":{},\"jobSpecification\":{\"poolInfo\":" +
                    "{\"autoPoolSpecification\":{\"poolLifetimeOption\":\"job\",\"pool\":{\"vmSize\":\"standard_d2s_v3\"," +
                    "\"certificateReferences\":[{\"thumbprint\":\"" + t1 + "\",\"thumbprintAlgorithm\":\"sha1\"}]}}}}}");
            var pool = batch.GetPool("cspool");
            Check(pool.CertificateReferences.SequenceEqual(new[] { t1 }), "pool references");
            Check(batch.ListPools().Select(p => p.Id).SequenceEqual(new[] { "cspool" }), "list pools");
            Check(batch.GetJobSchedule("csschedule").CertificateReferences.Count == 1, "job schedule references");
            Check(batch.ListJobSchedules().Count() == 1, "list job schedules");
            batch.DeleteCertificate(t1);
            Check(batch.GetCertificate(t1).DeleteErrorCode == "PoolsReferencingCertificate", "delete failed while referenced");
            batch.CancelDeleteCertificate(t1);
            Check(batch.GetCertificate(t1).State == "active", "cancel deletion");
            Check(batch.ClearPoolCertificateReferences("cspool") == 1, "clear pool references");
            RunPoolsAndJobs(batch, t1);
            RunCredentials(port, options, keys);

            using (var migrator = new Migrator(batch, "https://csvault.vault.localhost:" + port, credential, options))
            using (var inventory = migrator.Inventory())
            {
                Check(inventory.Count == 2 && inventory.ToJson().Contains("\"batchAccount\":\"csbatch\""), "inventory");
                var settings = new PlanSettings { KeyMaterial = { keys }, PasswordsFile = Path.Combine(keys, "passwords.json") };
                using (var plan = migrator.Plan(inventory, settings))
                {
                    Check(plan.Count == 2 && Enumerable.Range(0, 2).All(i => plan.Action(i) == "import"), "plan imports both");
                    var journal = Path.Combine(Path.GetTempPath(), "kvb-cs-" + Guid.NewGuid().ToString("N"), "journal.jsonl");
                    int calls = 0;
                    Throws<CancelledException>(() => migrator.Execute(inventory, plan, new ExecuteSettings
                    {
                        Concurrency = 1, JournalPath = journal, Progress = p => ++calls >= 1,
                    }).Dispose(), "cancel from the progress callback");
                    Check(calls >= 1, "progress called");
                    Throws<InvalidOperationException>(() => migrator.Execute(inventory, plan, new ExecuteSettings
                    {
                        Concurrency = 1, JournalPath = journal, Progress = p => { throw new InvalidOperationException("stop"); },
                    }).Dispose(), "exception from the progress callback");
                    Directory.Delete(Path.GetDirectoryName(journal), true);
                }
                using (var dry = migrator.Plan(inventory, settings))
                using (var report = migrator.Execute(inventory, dry, new ExecuteSettings { DryRun = true, MsiClientId = "cs-msi" }))
                {
                    Check(report.Count(0) + report.Count(2) == 2, "dry run: planned or already present");
                    Check(report.ToJson().Contains("\"schemaVersion\":1"), "report JSON");
                    Check(report.PoolsJson().StartsWith("["), "pool guidance JSON");
                }
            }
            Control("batch/accounts/csbatch/retired", "{\"enabled\":true}");
            var retired = Throws<CertificateRetiredException>(() => batch.ListCertificates().ToList(), "retired API");
            Check(retired?.ServiceCode == "CertificateRetired" && retired.RequestId.Length > 0, "retired fields");
            batch.Dispose();
            Throws<ObjectDisposedException>(() => batch.GetPool("cspool"), "disposed client");
        }
        return Finish();
    }
}
