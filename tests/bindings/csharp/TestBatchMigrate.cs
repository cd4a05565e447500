// SPDX-License-Identifier: MIT
// Batch and migration through the C# binding, against the emulator (with_emulator.sh).
// Usage: KvBridgeBatchTest.exe KEYDIR (the key material of tests/capi/make_test_keys.sh).
using System;
using System.IO;
using System.Linq;
using KvBridge;

static partial class Program
{
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
