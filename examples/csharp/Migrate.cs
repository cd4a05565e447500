// SPDX-License-Identifier: MIT
// Migrate the certificates of a Batch account into Key Vault with the KvBridge C# binding.
// Usage: mono Migrate.exe BATCH_ACCOUNT_URL VAULT_URL KEY_DIR PASSWORDS_FILE REPORT_DIR [--dry-run]
// Signs in with AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (AZURE_AUTHORITY_HOST: an
// emulator's login host); KVB_CA_FILE names a CA bundle to trust. Exit: 0 done, 2 needs attention, 1 failed.
using System;
using System.IO;
using KvBridge;

static class Migrate
{
    static int Main(string[] args)
    {
        if (args.Length < 5)
        {
            Console.Error.WriteLine("usage: Migrate.exe BATCH_ACCOUNT_URL VAULT_URL KEY_DIR PASSWORDS_FILE REPORT_DIR [--dry-run]");
            return 1;
        }
        var options = new ClientOptions
        {
            CaFile = Environment.GetEnvironmentVariable("KVB_CA_FILE"),
            AuthorityHost = Environment.GetEnvironmentVariable("AZURE_AUTHORITY_HOST"),
        };
        try
        {
            using (var credential = new ClientSecretCredential(Environment.GetEnvironmentVariable("AZURE_TENANT_ID"),
                                                               Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
                                                               Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET"), options))
            using (var batch = new BatchClient(args[0], credential, options))
            using (var migrator = new Migrator(batch, args[1], credential, options))
            using (var inventory = migrator.Inventory())
            using (var plan = migrator.Plan(inventory, new PlanSettings { KeyMaterial = { args[2] }, PasswordsFile = args[3] }))
            {
                Console.WriteLine("inventory: " + inventory.Count + " certificates");
                for (int i = 0; i < plan.Count; i++) Console.WriteLine("  " + plan.Thumbprint(i) + "  " + plan.Action(i));
                var settings = new ExecuteSettings
                {
                    DryRun = Array.IndexOf(args, "--dry-run") >= 0,
                    JournalPath = Path.Combine(args[4], "journal.jsonl"),
                    ReportDir = args[4],
                    MsiClientId = "00000000-0000-0000-0000-00000000abcd",
                    Progress = p =>
                    {
                        Console.WriteLine("  [" + p.Done + "/" + p.Total + "] " + p.Thumbprint + " " + p.Result);
                        return false;
                    },
                };
                using (var report = migrator.Execute(inventory, plan, settings))
                {
                    Console.WriteLine("planned " + report.Count(0) + ", succeeded " + report.Count(1) + ", skipped " +
                                      report.Count(2) + ", failed " + report.Count(3));
                    Console.WriteLine("report: " + Path.Combine(args[4], "report.md"));
                    return report.Complete ? 0 : 2;
                }
            }
        }
        catch (KvbException e)
        {
            Console.Error.WriteLine("Migrate: " + e.Message + " (status " + e.Status + ", service code '" + e.ServiceCode +
                                    "', request id '" + e.RequestId + "')");
            return 1;
        }
    }
}
