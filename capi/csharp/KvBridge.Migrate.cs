// SPDX-License-Identifier: MIT
// KvBridge for .NET/Mono: the Batch -> Key Vault certificate migration.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    internal static class MigrateNative
    {
        const string Lib = Native.Lib;

        [StructLayout(LayoutKind.Sequential)]
        internal struct PlanOptions
        {
            public uint version;
            public IntPtr key_material;
            public UIntPtr key_material_count;
            public IntPtr passwords_file, password_env, name_mapping_file, name_prefix;
            public int recover_deleted, verify_mode;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct ExecuteOptions
        {
            public uint version;
            public int dry_run, concurrency, write_budget;
            public IntPtr journal_path, report_dir;
            public int clear_pool_references, delete_batch_certificates;
            public IntPtr msi_client_id, msi_resource_id;
            public int polling_interval_seconds;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct Progress
        {
            public UIntPtr done, total, succeeded, failed, skipped;
            public IntPtr thumbprint, result;
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate int ProgressCallback(ref Progress progress, IntPtr userData);

        [DllImport(Lib)]
        internal static extern int kvb_migrator_new(out MigratorHandle m, BatchClientHandle batch, byte[] vaultUrl,
                                                    CredentialHandle credential, ref Native.ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_migrator_free(IntPtr m);
        [DllImport(Lib)] internal static extern int kvb_migrator_inventory(out IntPtr inventory, MigratorHandle m);
        [DllImport(Lib)] internal static extern UIntPtr kvb_migration_inventory_count(IntPtr inventory);
        [DllImport(Lib)] internal static extern IntPtr kvb_migration_inventory_thumbprint(IntPtr inventory, UIntPtr i);
        [DllImport(Lib)] internal static extern int kvb_migration_inventory_to_json(ref Native.KvbString s, IntPtr inventory);
        [DllImport(Lib)] internal static extern void kvb_migration_inventory_free(IntPtr inventory);
        [DllImport(Lib)] internal static extern int kvb_migration_plan_options_init(ref PlanOptions o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_migrator_plan(out IntPtr plan, MigratorHandle m, IntPtr inventory, ref PlanOptions o);
        [DllImport(Lib)] internal static extern UIntPtr kvb_migration_plan_count(IntPtr plan);
        [DllImport(Lib)] internal static extern IntPtr kvb_migration_plan_thumbprint(IntPtr plan, UIntPtr i);
        [DllImport(Lib)] internal static extern IntPtr kvb_migration_plan_action(IntPtr plan, UIntPtr i);
        [DllImport(Lib)] internal static extern IntPtr kvb_migration_plan_reason(IntPtr plan, UIntPtr i);
        [DllImport(Lib)] internal static extern int kvb_migration_plan_to_json(ref Native.KvbString s, IntPtr plan);
        [DllImport(Lib)] internal static extern void kvb_migration_plan_free(IntPtr plan);
        [DllImport(Lib)] internal static extern int kvb_migration_execute_options_init(ref ExecuteOptions o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_migrator_execute(out IntPtr report, MigratorHandle m, IntPtr inventory, IntPtr plan,
                                                        ref ExecuteOptions o, ProgressCallback progress, IntPtr userData);
        [DllImport(Lib)] internal static extern UIntPtr kvb_migration_report_count(IntPtr report, int result);
        [DllImport(Lib)] internal static extern int kvb_migration_report_complete(IntPtr report);
        [DllImport(Lib)] internal static extern int kvb_migration_report_to_json(ref Native.KvbString s, IntPtr report);
        [DllImport(Lib)] internal static extern int kvb_migration_report_pools_to_json(ref Native.KvbString s, IntPtr report);
        [DllImport(Lib)] internal static extern void kvb_migration_report_free(IntPtr report);

    }

    /// <summary>Owns a kvb_migrator*; freed exactly once.</summary>
    public sealed class MigratorHandle : OwnedHandle
    {
        public MigratorHandle() : base(MigrateNative.kvb_migrator_free) { }
    }

    /// <summary>A native migration object (inventory, plan, report) released by Dispose.</summary>
    public abstract class MigrationObject : OwnedHandle
    {
        internal MigrationObject(IntPtr native, Action<IntPtr> free) : base(native, free) { }
        internal IntPtr Ptr => DangerousGetHandle();
        internal string Json(Native.ToJson toJson) => Native.JsonOf(toJson, Ptr);
    }

    /// <summary>Batch certificates and who uses them.</summary>
    public sealed class MigrationInventory : MigrationObject
    {
        internal MigrationInventory(IntPtr native) : base(native, MigrateNative.kvb_migration_inventory_free) { }
        public int Count => (int)MigrateNative.kvb_migration_inventory_count(Ptr);
        public string Thumbprint(int i) => Native.Text(MigrateNative.kvb_migration_inventory_thumbprint(Ptr, (UIntPtr)i));
        public string ToJson() => Json(MigrateNative.kvb_migration_inventory_to_json);
    }

    /// <summary>One decision per certificate.</summary>
    public sealed class MigrationPlan : MigrationObject
    {
        internal MigrationPlan(IntPtr native) : base(native, MigrateNative.kvb_migration_plan_free) { }
        public int Count => (int)MigrateNative.kvb_migration_plan_count(Ptr);
        public string Thumbprint(int i) => Native.Text(MigrateNative.kvb_migration_plan_thumbprint(Ptr, (UIntPtr)i));
        /// <summary>"import", "already-present", "store-public-as-secret", "missing-key-material", ...</summary>
        public string Action(int i) => Native.Text(MigrateNative.kvb_migration_plan_action(Ptr, (UIntPtr)i));
        public string Reason(int i) => Native.Text(MigrateNative.kvb_migration_plan_reason(Ptr, (UIntPtr)i));
        public string ToJson() => Json(MigrateNative.kvb_migration_plan_to_json);
    }

    /// <summary>What a run did.</summary>
    public sealed class MigrationReport : MigrationObject
    {
        internal MigrationReport(IntPtr native) : base(native, MigrateNative.kvb_migration_report_free) { }
        /// <summary>Certificates that ended "planned" (0), "succeeded" (1), "skipped" (2) or "failed" (3).</summary>
        public int Count(int result) => (int)MigrateNative.kvb_migration_report_count(Ptr, result);
        public bool Complete => MigrateNative.kvb_migration_report_complete(Ptr) != 0;
        public string ToJson() => Json(MigrateNative.kvb_migration_report_to_json);
        /// <summary>Key Vault VM extension blocks and replacement pool bodies, as a JSON array.</summary>
        public string PoolsJson() => Json(MigrateNative.kvb_migration_report_pools_to_json);
    }

    /// <summary>Progress after each certificate (called from a worker thread).</summary>
    public sealed class MigrationProgress
    {
        public long Done, Total, Succeeded, Failed, Skipped;
        public string Thumbprint, Result;
    }

    /// <summary>Plan choices.</summary>
    public sealed class PlanSettings
    {
        public IList<string> KeyMaterial { get; set; } = new List<string>();
        public string PasswordsFile { get; set; }
        public bool DeepVerify { get; set; }
    }

    /// <summary>Execution choices.</summary>
    public sealed class ExecuteSettings
    {
        public bool DryRun { get; set; }
        public int Concurrency { get; set; }
        public string JournalPath { get; set; }
        public string ReportDir { get; set; }
        public string MsiClientId { get; set; }
        /// <summary>Return true to cancel: Execute then throws CancelledException.</summary>
        public Func<MigrationProgress, bool> Progress { get; set; }
    }

    /// <summary>Migrates the certificates of a Batch account into a vault.</summary>
    public sealed class Migrator : IDisposable
    {
        readonly MigratorHandle handle;

        /// <summary>
        /// A migrator from <paramref name="batch"/>'s account to the vault at <paramref name="vaultUrl"/>, read
        /// and written with <paramref name="credential"/>: any Entra ID credential (a shared key cannot sign
        /// Key Vault requests: InvalidArgumentException).
        /// </summary>
        public Migrator(BatchClient batch, string vaultUrl, Credential credential, ClientOptions options = null) =>
            handle = Native.New(options, (out MigratorHandle h, ref Native.ClientOptions o) =>
                MigrateNative.kvb_migrator_new(out h, batch.Handle, Native.Utf8(vaultUrl), credential.Handle, ref o));

        public MigrationInventory Inventory() =>
            Native.ModelOf((out IntPtr inventory) => MigrateNative.kvb_migrator_inventory(out inventory, handle),
                           n => new MigrationInventory(n));

        public MigrationPlan Plan(MigrationInventory inventory, PlanSettings settings)
        {
            var o = new MigrateNative.PlanOptions();
            BatchNative.Check(MigrateNative.kvb_migration_plan_options_init(ref o, 1));
            using (var text = new Native.NativeStrings())
            {
                o.key_material = text.AddArray(settings.KeyMaterial);
                o.key_material_count = (UIntPtr)settings.KeyMaterial.Count;
                o.passwords_file = text.Add(settings.PasswordsFile);
                o.verify_mode = settings.DeepVerify ? 1 : 0;
                BatchNative.Check(MigrateNative.kvb_migrator_plan(out IntPtr plan, handle, inventory.Ptr, ref o));
                return new MigrationPlan(plan);
            }
        }

        /// <summary>Carry out a plan. A progress callback returning true cancels (CancelledException);
        /// an exception thrown by it cancels too and is thrown again here.</summary>
        public MigrationReport Execute(MigrationInventory inventory, MigrationPlan plan, ExecuteSettings settings)
        {
            var o = new MigrateNative.ExecuteOptions();
            BatchNative.Check(MigrateNative.kvb_migration_execute_options_init(ref o, 1));
            o.dry_run = settings.DryRun ? 1 : 0;
            o.concurrency = settings.Concurrency;
            Exception raised = null;
            // Held in a local for the whole native call: the library calls it from worker threads.
            MigrateNative.ProgressCallback callback = null;
            if (settings.Progress != null)
            {
                callback = (ref MigrateNative.Progress p, IntPtr user) =>
                {
                    try
                    {
                        var managed = new MigrationProgress
                        {
                            Done = (long)p.done, Total = (long)p.total, Succeeded = (long)p.succeeded,
                            Failed = (long)p.failed, Skipped = (long)p.skipped,
                            Thumbprint = Native.Text(p.thumbprint), Result = Native.Text(p.result),
                        };
                        return settings.Progress(managed) ? 1 : 0;
                    }
                    catch (Exception e)
                    {
                        raised = e;
                        return 1;
                    }
                };
            }
            using (var text = new Native.NativeStrings())
            {
                o.journal_path = text.Add(settings.JournalPath);
                o.report_dir = text.Add(settings.ReportDir);
                o.msi_client_id = text.Add(settings.MsiClientId);
                int status = MigrateNative.kvb_migrator_execute(out IntPtr report, handle, inventory.Ptr, plan.Ptr,
                                                                ref o, callback, IntPtr.Zero);
                GC.KeepAlive(callback);
                if (raised != null) throw raised;
                BatchNative.Check(status);
                return new MigrationReport(report);
            }
        }

        public void Dispose() => handle.Dispose();
    }
}
