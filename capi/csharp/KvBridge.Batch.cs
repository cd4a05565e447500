// SPDX-License-Identifier: MIT
// KvBridge for .NET/Mono: the Batch client (certificates, pools, job schedules, jobs).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    public class CertificateRetiredException : KvbException
    {
        public CertificateRetiredException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    public class CancelledException : KvbException
    {
        public CancelledException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    internal static class BatchNative
    {
        const string Lib = Native.Lib;

        [StructLayout(LayoutKind.Sequential)]
        internal struct ListOptions
        {
            public uint version;
            public IntPtr filter, select, expand;
            public int max_results;
        }

        /// <summary>kvb_batch_get_options; a class, so it travels as a pointer.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal sealed class GetOptions
        {
            public uint version;
            public IntPtr select, expand;
        }

        internal static int Check(int status) => Native.Check(status);

        [DllImport(Lib)]
        internal static extern int kvb_batch_client_new(out BatchClientHandle h, byte[] url, CredentialHandle c,
                                                        ref Native.ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_batch_client_free(IntPtr h);
        [DllImport(Lib)] internal static extern int kvb_batch_list_options_init(ref ListOptions o, uint version);
        [DllImport(Lib)] internal static extern int kvb_batch_get_options_init([In, Out] GetOptions o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_add_certificate(BatchClientHandle c, byte[] data, UIntPtr size,
                                                                    int format, byte[] password, byte[] thumbprint);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_get_certificate(out IntPtr cert, BatchClientHandle c, byte[] t,
                                                                    GetOptions o);
        [DllImport(Lib)] internal static extern int kvb_batch_client_delete_certificate(BatchClientHandle c, byte[] t);
        [DllImport(Lib)] internal static extern int kvb_batch_client_cancel_delete_certificate(BatchClientHandle c, byte[] t);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_list_certificates(out IntPtr pager, BatchClientHandle c, ref ListOptions o);
        [DllImport(Lib)] internal static extern int kvb_batch_certificate_pager_next(out IntPtr cert, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_batch_certificate_pager_free(IntPtr pager);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_certificate_thumbprint(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_certificate_state(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_certificate_delete_error_code(IntPtr cert);
        [DllImport(Lib)] internal static extern int kvb_batch_certificate_to_json(ref Native.KvbString s, IntPtr cert);
        [DllImport(Lib)] internal static extern void kvb_batch_certificate_free(IntPtr cert);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_get_pool(out IntPtr pool, BatchClientHandle c, byte[] id, GetOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_list_pools(out IntPtr pager, BatchClientHandle c, ref ListOptions o);
        [DllImport(Lib)] internal static extern int kvb_batch_pool_pager_next(out IntPtr pool, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_batch_pool_pager_free(IntPtr pager);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_clear_pool_certificate_references(out UIntPtr removed,
                                                                                      BatchClientHandle c, byte[] id);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_pool_id(IntPtr pool);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_pool_state(IntPtr pool);
        [DllImport(Lib)] internal static extern UIntPtr kvb_batch_pool_certificate_reference_count(IntPtr pool);
        [DllImport(Lib)]
        internal static extern IntPtr kvb_batch_pool_certificate_reference_thumbprint(IntPtr pool, UIntPtr index);
        [DllImport(Lib)] internal static extern int kvb_batch_pool_to_json(ref Native.KvbString s, IntPtr pool);
        [DllImport(Lib)] internal static extern void kvb_batch_pool_free(IntPtr pool);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_get_job_schedule(out IntPtr s, BatchClientHandle c, byte[] id,
                                                                     GetOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_list_job_schedules(out IntPtr pager, BatchClientHandle c,
                                                                       ref ListOptions o);
        [DllImport(Lib)] internal static extern int kvb_batch_job_schedule_pager_next(out IntPtr s, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_batch_job_schedule_pager_free(IntPtr pager);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_job_schedule_id(IntPtr s);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_job_schedule_state(IntPtr s);
        [DllImport(Lib)] internal static extern UIntPtr kvb_batch_job_schedule_certificate_reference_count(IntPtr s);
        [DllImport(Lib)]
        internal static extern IntPtr kvb_batch_job_schedule_certificate_reference_thumbprint(IntPtr s, UIntPtr index);
        [DllImport(Lib)] internal static extern int kvb_batch_job_schedule_to_json(ref Native.KvbString s, IntPtr js);
        [DllImport(Lib)] internal static extern void kvb_batch_job_schedule_free(IntPtr s);
        [DllImport(Lib)] internal static extern int kvb_batch_client_add_pool(BatchClientHandle c, byte[] json);
        [DllImport(Lib)] internal static extern int kvb_batch_client_patch_pool(BatchClientHandle c, byte[] id, byte[] json);
        [DllImport(Lib)] internal static extern int kvb_batch_client_delete_pool(BatchClientHandle c, byte[] id);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_get_job(out IntPtr job, BatchClientHandle c, byte[] id, GetOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_batch_client_list_jobs(out IntPtr pager, BatchClientHandle c, ref ListOptions o);
        [DllImport(Lib)] internal static extern int kvb_batch_job_pager_next(out IntPtr job, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_batch_job_pager_free(IntPtr pager);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_job_id(IntPtr job);
        [DllImport(Lib)] internal static extern IntPtr kvb_batch_job_state(IntPtr job);
        [DllImport(Lib)] internal static extern UIntPtr kvb_batch_job_certificate_reference_count(IntPtr job);
        [DllImport(Lib)]
        internal static extern IntPtr kvb_batch_job_certificate_reference_thumbprint(IntPtr job, UIntPtr index);
        [DllImport(Lib)] internal static extern int kvb_batch_job_to_json(ref Native.KvbString s, IntPtr job);
        [DllImport(Lib)] internal static extern void kvb_batch_job_free(IntPtr job);

    }

    /// <summary>Owns a kvb_batch_client*; freed exactly once.</summary>
    public sealed class BatchClientHandle : OwnedHandle
    {
        public BatchClientHandle() : base(BatchNative.kvb_batch_client_free) { }
    }

    /// <summary>A Batch certificate (public part). Json: the kvb_batch_certificate_to_json() document.</summary>
    public sealed class BatchCertificate
    {
        public string Thumbprint { get; }
        public string State { get; }
        public string DeleteErrorCode { get; }
        public string Json { get; }

        internal BatchCertificate(IntPtr native)
        {
            using (var m = new ModelReader(native, BatchNative.kvb_batch_certificate_free))
            {
                Thumbprint = m.Text(BatchNative.kvb_batch_certificate_thumbprint);
                State = m.Text(BatchNative.kvb_batch_certificate_state);
                DeleteErrorCode = m.Text(BatchNative.kvb_batch_certificate_delete_error_code);
                Json = m.Json(BatchNative.kvb_batch_certificate_to_json);
            }
        }
    }

    /// <summary>A pool or job schedule: its id, state, the thumbprints it references and its JSON.
    /// Copied out of the native object, which is freed at once.</summary>
    public abstract class BatchReferencingEntity
    {
        public string Id { get; }
        public string State { get; }
        public IReadOnlyList<string> CertificateReferences { get; }
        public string Json { get; }

        internal BatchReferencingEntity(IntPtr native, Func<IntPtr, IntPtr> id, Func<IntPtr, IntPtr> state,
                                        Func<IntPtr, UIntPtr> count, Func<IntPtr, UIntPtr, IntPtr> thumbprint,
                                        Native.ToJson json, Action<IntPtr> free)
        {
            using (var m = new ModelReader(native, free))
            {
                Id = m.Text(id);
                State = m.Text(state);
                CertificateReferences = m.List(count, thumbprint);
                Json = m.Json(json);
            }
        }
    }

    /// <summary>A Batch pool with the thumbprints it references.</summary>
    public sealed class BatchPool : BatchReferencingEntity
    {
        internal BatchPool(IntPtr native)
            : base(native, BatchNative.kvb_batch_pool_id, BatchNative.kvb_batch_pool_state,
                   BatchNative.kvb_batch_pool_certificate_reference_count,
                   BatchNative.kvb_batch_pool_certificate_reference_thumbprint, BatchNative.kvb_batch_pool_to_json,
                   BatchNative.kvb_batch_pool_free) { }
    }

    /// <summary>A Batch job schedule with the thumbprints its auto-pool specification references.</summary>
    public sealed class BatchJobSchedule : BatchReferencingEntity
    {
        internal BatchJobSchedule(IntPtr native)
            : base(native, BatchNative.kvb_batch_job_schedule_id, BatchNative.kvb_batch_job_schedule_state,
                   BatchNative.kvb_batch_job_schedule_certificate_reference_count,
                   BatchNative.kvb_batch_job_schedule_certificate_reference_thumbprint,
                   BatchNative.kvb_batch_job_schedule_to_json, BatchNative.kvb_batch_job_schedule_free) { }
    }

    /// <summary>A Batch job with the thumbprints its auto-pool specification references.</summary>
    public sealed class BatchJob : BatchReferencingEntity
    {
        internal BatchJob(IntPtr native)
            : base(native, BatchNative.kvb_batch_job_id, BatchNative.kvb_batch_job_state,
                   BatchNative.kvb_batch_job_certificate_reference_count,
                   BatchNative.kvb_batch_job_certificate_reference_thumbprint, BatchNative.kvb_batch_job_to_json,
                   BatchNative.kvb_batch_job_free) { }
    }

    /// <summary>One Batch account. Thread-safe.</summary>
    public sealed class BatchClient : IDisposable
    {
        internal readonly BatchClientHandle Handle;

        /// <summary>
        /// A client of the account at <paramref name="accountUrl"/>, authenticated by any credential:
        /// an Entra ID one (client secret or certificate, managed identity, environment, default chain)
        /// or the account's <see cref="SharedKeyCredential"/>.
        /// </summary>
        public BatchClient(string accountUrl, Credential credential, ClientOptions options = null)
        {
            Handle = Native.New(options, (out BatchClientHandle h, ref Native.ClientOptions o) =>
                BatchNative.kvb_batch_client_new(out h, Native.Utf8(accountUrl), credential.Handle, ref o));
        }

        /// <summary>Upload PFX bytes (with their password) or, with <paramref name="cer"/>, DER bytes.</summary>
        public void AddCertificate(byte[] data, bool cer, string password = null, string thumbprint = null) =>
            Native.WithSecret(password, pw => BatchNative.Check(BatchNative.kvb_batch_client_add_certificate(
                Handle, data, Native.Size(data), cer ? 1 : 0, pw, Native.Utf8(thumbprint))));

        public BatchCertificate GetCertificate(string thumbprint, string select = null) =>
            Get(select, o => Native.ModelOf((out IntPtr c) =>
                BatchNative.kvb_batch_client_get_certificate(out c, Handle, Native.Utf8(thumbprint), o), c => new BatchCertificate(c)));

        public void DeleteCertificate(string thumbprint) =>
            BatchNative.Check(BatchNative.kvb_batch_client_delete_certificate(Handle, Native.Utf8(thumbprint)));

        public void CancelDeleteCertificate(string thumbprint) =>
            BatchNative.Check(BatchNative.kvb_batch_client_cancel_delete_certificate(Handle, Native.Utf8(thumbprint)));

        public BatchPool GetPool(string poolId) =>
            Native.ModelOf((out IntPtr p) => BatchNative.kvb_batch_client_get_pool(out p, Handle, Native.Utf8(poolId), null),
                           p => new BatchPool(p));

        public BatchJobSchedule GetJobSchedule(string id) =>
            Native.ModelOf((out IntPtr s) => BatchNative.kvb_batch_client_get_job_schedule(out s, Handle, Native.Utf8(id), null),
                           s => new BatchJobSchedule(s));

        /// <summary>Pool_Add with a PoolAddParameter JSON document, sent as is.</summary>
        public void AddPool(string poolJson) =>
            BatchNative.Check(BatchNative.kvb_batch_client_add_pool(Handle, Native.Utf8(poolJson)));

        /// <summary>Pool_Patch with a PoolPatchParameter JSON document: the members given replace the pool's.</summary>
        public void PatchPool(string poolId, string patchJson) =>
            BatchNative.Check(BatchNative.kvb_batch_client_patch_pool(Handle, Native.Utf8(poolId), Native.Utf8(patchJson)));

        /// <summary>Pool_Delete: the pool goes to "deleting", then away.</summary>
        public void DeletePool(string poolId) =>
            BatchNative.Check(BatchNative.kvb_batch_client_delete_pool(Handle, Native.Utf8(poolId)));

        public BatchJob GetJob(string id, string select = null) =>
            Get(select, o => Native.ModelOf((out IntPtr j) =>
                BatchNative.kvb_batch_client_get_job(out j, Handle, Native.Utf8(id), o), j => new BatchJob(j)));

        // A get call with the $select of <paramref name="select"/> (null: every property).
        static T Get<T>(string select, Func<BatchNative.GetOptions, T> call) =>
            Native.WithNative(text =>
            {
                var o = Native.Defaults<BatchNative.GetOptions>(BatchNative.kvb_batch_get_options_init);
                o.select = text.Add(select);
                return o;
            }, call);

        /// <summary>Remove every certificate reference of a pool; returns how many there were.</summary>
        public int ClearPoolCertificateReferences(string poolId)
        {
            BatchNative.Check(BatchNative.kvb_batch_client_clear_pool_certificate_references(out UIntPtr n, Handle,
                                                                                          Native.Utf8(poolId)));
            return (int)n;
        }

        public IEnumerable<BatchCertificate> ListCertificates(string filter = null, string select = null, int maxResults = 0) =>
            Iterate(filter, select, maxResults,
                    (ref BatchNative.ListOptions o, out IntPtr p) => BatchNative.kvb_batch_client_list_certificates(out p, Handle, ref o),
                    BatchNative.kvb_batch_certificate_pager_next, BatchNative.kvb_batch_certificate_pager_free,
                    n => new BatchCertificate(n));

        public IEnumerable<BatchPool> ListPools(string filter = null, string select = null, int maxResults = 0) =>
            Iterate(filter, select, maxResults,
                    (ref BatchNative.ListOptions o, out IntPtr p) => BatchNative.kvb_batch_client_list_pools(out p, Handle, ref o),
                    BatchNative.kvb_batch_pool_pager_next, BatchNative.kvb_batch_pool_pager_free, n => new BatchPool(n));

        public IEnumerable<BatchJobSchedule> ListJobSchedules(string filter = null, string select = null, int maxResults = 0) =>
            Iterate(filter, select, maxResults,
                    (ref BatchNative.ListOptions o, out IntPtr p) =>
                        BatchNative.kvb_batch_client_list_job_schedules(out p, Handle, ref o),
                    BatchNative.kvb_batch_job_schedule_pager_next, BatchNative.kvb_batch_job_schedule_pager_free,
                    n => new BatchJobSchedule(n));

        public IEnumerable<BatchJob> ListJobs(string filter = null, string select = null, int maxResults = 0) =>
            Iterate(filter, select, maxResults,
                    (ref BatchNative.ListOptions o, out IntPtr p) => BatchNative.kvb_batch_client_list_jobs(out p, Handle, ref o),
                    BatchNative.kvb_batch_job_pager_next, BatchNative.kvb_batch_job_pager_free, n => new BatchJob(n));

        delegate int ListCall(ref BatchNative.ListOptions o, out IntPtr pager);
        delegate int NextCall(out IntPtr item, IntPtr pager);

        // Pages are fetched as enumeration goes; the options' strings live until the list call returns.
        static IEnumerable<T> Iterate<T>(string filter, string select, int maxResults, ListCall list, NextCall next,
                                         Action<IntPtr> free, Func<IntPtr, T> wrap)
        {
            var o = new BatchNative.ListOptions();
            BatchNative.Check(BatchNative.kvb_batch_list_options_init(ref o, 1));
            IntPtr pager;
            using (var text = new Native.NativeStrings())
            {
                o.filter = text.Add(filter);
                o.select = text.Add(select);
                o.max_results = maxResults;
                BatchNative.Check(list(ref o, out pager));
            }
            try
            {
                while (BatchNative.Check(next(out IntPtr item, pager)) == 0) yield return wrap(item);
            }
            finally
            {
                free(pager);
            }
        }

        public void Dispose() => Handle.Dispose();
    }
}
