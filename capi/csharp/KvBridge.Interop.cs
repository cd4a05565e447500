// SPDX-License-Identifier: MIT
// Glue shared by the parts of the C# binding: owned handles, model readers, client creation, bytes, pagers.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    public class ConflictException : KvbException
    {
        public ConflictException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    /// <summary>
    /// Owns one native handle and releases it exactly once with its type's _free. The typed handles
    /// of the binding derive from it with a parameterless constructor, so P/Invoke can fill them.
    /// </summary>
    public class OwnedHandle : SafeHandle
    {
        private readonly Action<IntPtr> free;

        internal OwnedHandle(Action<IntPtr> free) : base(IntPtr.Zero, true) => this.free = free;

        internal OwnedHandle(IntPtr native, Action<IntPtr> free) : this(free) => SetHandle(native);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            free(handle);
            return true;
        }
    }

    /// <summary>The attributes of a secret, key or certificate; null where the service sent none.</summary>
    public sealed class ObjectAttributes
    {
        public bool? Enabled { get; internal set; }
        public DateTimeOffset? NotBefore { get; internal set; }
        public DateTimeOffset? ExpiresOn { get; internal set; }
        /// <summary>Set by the service.</summary>
        public DateTimeOffset? CreatedOn { get; internal set; }
        /// <summary>Set by the service.</summary>
        public DateTimeOffset? UpdatedOn { get; internal set; }
        /// <summary>Days a deleted object stays recoverable.</summary>
        public int? RecoverableDays { get; internal set; }
        /// <summary>e.g. "Recoverable+Purgeable".</summary>
        public string RecoveryLevel { get; internal set; }
    }

    /// <summary>
    /// Reads one native model (key, certificate, secret, result, ...) into a managed copy, then frees
    /// it on Dispose whatever the reads threw; the _free of a model that holds a secret wipes it.
    /// </summary>
    internal readonly struct ModelReader : IDisposable
    {
        private readonly IntPtr native;
        private readonly Action<IntPtr> free;

        internal delegate int BytesCall(out IntPtr data, out UIntPtr size, IntPtr native);

        internal ModelReader(IntPtr native, Action<IntPtr> free)
        {
            this.native = native;
            this.free = free;
        }

        /// <summary>A borrowed C string field, copied.</summary>
        internal string Text(Func<IntPtr, IntPtr> field) => Native.Text(field(native));

        /// <summary>A field of any other type (a count, a flag).</summary>
        internal T Get<T>(Func<IntPtr, T> field) => field(native);

        /// <summary>The model's JSON document (a kvb_string made for the call).</summary>
        internal string Json(Native.ToJson toJson) => Native.JsonOf(toJson, native);

        /// <summary>Borrowed bytes (pointer, size), copied.</summary>
        internal byte[] Bytes(BytesCall call)
        {
            Native.Check(call(out IntPtr data, out UIntPtr size, native));
            return Native.Copy(data, size);
        }

        /// <summary>
        /// The attributes, tags and "managed" flag (null when the model has none) of a secret, key
        /// or certificate, through its kvb_*_attribute, _recovery_level, _tag_count and _tag.
        /// </summary>
        internal (ObjectAttributes Attributes, IReadOnlyDictionary<string, string> Tags, bool? Managed) Properties(
            Native.AttributeCall attribute, Func<IntPtr, IntPtr> recoveryLevel, Func<IntPtr, UIntPtr> tagCount,
            Native.TagCall tag)
        {
            var level = Native.Text(recoveryLevel(native));
            var enabled = Read(attribute, Native.AttributeEnabled);
            var attributes = new ObjectAttributes
            {
                Enabled = enabled.HasValue ? enabled.Value != 0 : (bool?)null,
                NotBefore = Time(Read(attribute, Native.AttributeNotBefore)),
                ExpiresOn = Time(Read(attribute, Native.AttributeExpiresOn)),
                CreatedOn = Time(Read(attribute, Native.AttributeCreatedOn)),
                UpdatedOn = Time(Read(attribute, Native.AttributeUpdatedOn)),
                RecoverableDays = (int?)Read(attribute, Native.AttributeRecoverableDays),
                RecoveryLevel = level.Length > 0 ? level : null,
            };
            var tags = new Dictionary<string, string>();
            ulong count = (ulong)tagCount(native);
            for (ulong i = 0; i < count; i++)
            {
                Native.Check(tag(out IntPtr name, out IntPtr value, native, (UIntPtr)i));
                tags[Native.Text(name)] = Native.Text(value);
            }
            var managed = Read(attribute, Native.AttributeManaged);
            return (attributes, tags, managed.HasValue ? managed.Value != 0 : (bool?)null);
        }

        /// <summary>Attribute <paramref name="which"/> of the model; null when the service did not send it.</summary>
        long? Read(Native.AttributeCall attribute, int which)
        {
            Native.Check(attribute(out long value, out int present, native, which));
            return present != 0 ? value : (long?)null;
        }

        static DateTimeOffset? Time(long? seconds) =>
            seconds.HasValue ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : (DateTimeOffset?)null;

        /// <summary>The thumbprints of a list field read by index.</summary>
        internal List<string> List(Func<IntPtr, UIntPtr> count, Func<IntPtr, UIntPtr, IntPtr> item)
        {
            var list = new List<string>();
            ulong n = (ulong)count(native);
            for (ulong i = 0; i < n; i++) list.Add(Native.Text(item(native, (UIntPtr)i)));
            return list;
        }

        public void Dispose() => free(native);
    }

    /// <summary>A client of one vault (keys, certificates): owns its native client. Thread-safe.</summary>
    public abstract class VaultClient : IDisposable
    {
        internal readonly OwnedHandle handle;

        internal delegate int NewCall(out IntPtr client, byte[] vaultUrl, CredentialHandle credential,
                                      ref Native.ClientOptions o);

        internal VaultClient(NewCall create, Action<IntPtr> free, string vaultUrl, Credential credential,
                             ClientOptions options) =>
            handle = Native.NewClient(options, (out IntPtr c, ref Native.ClientOptions o) =>
                create(out c, Native.Utf8(vaultUrl), credential.Handle, ref o), free);

        public void Dispose() => handle.Dispose();
    }

    internal static partial class Native
    {
        [DllImport(Lib)] internal static extern int kvb_json_pager_next(ref KvbString json, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_json_pager_free(IntPtr pager);

        // The KVB_ATTRIBUTE_* values.
        internal const int AttributeEnabled = 0, AttributeNotBefore = 1, AttributeExpiresOn = 2, AttributeCreatedOn = 3,
                           AttributeUpdatedOn = 4, AttributeRecoverableDays = 5, AttributeManaged = 6;
        internal delegate int AttributeCall(out long value, out int present, IntPtr model, int which);
        internal delegate int TagCall(out IntPtr name, out IntPtr value, IntPtr model, UIntPtr index);

        [StructLayout(LayoutKind.Sequential)]
        internal struct KeyVaultListOptions
        {
            public uint version;
            public int max_results;
        }

        [DllImport(Lib)] internal static extern int kvb_keyvault_list_options_init(ref KeyVaultListOptions o, uint version);

        /// <summary>The Key Vault list options for <paramref name="maxResults"/> items per page (0: the service's).</summary>
        internal static KeyVaultListOptions ListOptions(int maxResults)
        {
            var o = new KeyVaultListOptions();
            Check(kvb_keyvault_list_options_init(ref o, 1));
            o.max_results = maxResults;
            return o;
        }

        internal delegate int StringCall(ref KvbString s);
        internal delegate int PagerCall(out IntPtr pager);
        internal delegate int HandleCall(out IntPtr native);
        internal delegate int ToJson(ref KvbString s, IntPtr native);
        internal delegate int NewCall<H>(out H handle, ref ClientOptions o);

        /// <summary>Run a _new call with the C options of <paramref name="options"/>; returns what it made.</summary>
        internal static H New<H>(KvBridge.ClientOptions options, NewCall<H> create)
        {
            H made = default(H);
            Check(WithOptions(options, (ref ClientOptions o) => create(out made, ref o)));
            return made;
        }

        /// <summary>Create a client into a plain pointer, owned by the returned handle.</summary>
        internal static OwnedHandle NewClient(KvBridge.ClientOptions options, NewCall<IntPtr> create, Action<IntPtr> free) =>
            new OwnedHandle(New(options, create), free);

        /// <summary>Run a call that hands out a native model and copy it with <paramref name="wrap"/>.</summary>
        internal static T ModelOf<T>(HandleCall call, Func<IntPtr, T> wrap)
        {
            Check(call(out IntPtr native));
            return wrap(native);
        }

        /// <summary>The JSON of a native object that stays alive.</summary>
        internal static string JsonOf(ToJson toJson, IntPtr native) => TextOf((ref KvbString s) => toJson(ref s, native));

        /// <summary>Copy the bytes of a kvb_string out, then dispose (wipe) it.</summary>
        internal static byte[] TakeBytes(ref KvbString s)
        {
            try
            {
                var bytes = new byte[(int)s.size];
                if (s.ptr != IntPtr.Zero) Marshal.Copy(s.ptr, bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                kvb_string_dispose(ref s);
            }
        }

        /// <summary>Run a call that fills one kvb_string and return it as text.</summary>
        internal static string TextOf(StringCall call)
        {
            var s = new KvbString();
            Check(call(ref s));
            return Take(ref s);
        }

        /// <summary>Run a call that fills one kvb_string and return its bytes.</summary>
        internal static byte[] BytesOf(StringCall call)
        {
            var s = new KvbString();
            Check(call(ref s));
            return TakeBytes(ref s);
        }

        /// <summary>Borrowed bytes (pointer, size) copied into a managed array.</summary>
        internal static byte[] Copy(IntPtr data, UIntPtr size)
        {
            var bytes = new byte[(int)size];
            if (bytes.Length > 0) Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }

        /// <summary>Start a kvb_json_pager and yield each item's JSON text, fetching pages lazily.</summary>
        internal static IEnumerable<string> JsonItems(PagerCall start)
        {
            Check(start(out IntPtr pager));
            try
            {
                while (true)
                {
                    var s = new KvbString();
                    if (Check(kvb_json_pager_next(ref s, pager)) != 0) yield break;
                    yield return Take(ref s);
                }
            }
            finally
            {
                kvb_json_pager_free(pager);
            }
        }

        internal static UIntPtr Size(byte[] data) => (UIntPtr)(data?.Length ?? 0);

        /// <summary>
        /// Run <paramref name="call"/> with a NUL-terminated UTF-8 copy of a secret (password,
        /// secret value, key, or a document holding one; null stays null), wiped once it returns.
        /// </summary>
        internal static T WithSecret<T>(string secret, Func<byte[], T> call)
        {
            if (secret == null) return call(null);
            var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(secret) + 1];
            System.Text.Encoding.UTF8.GetBytes(secret, 0, secret.Length, bytes, 0);
            try
            {
                return call(bytes);
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }
    }
}
