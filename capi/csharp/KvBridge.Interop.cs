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

        internal delegate int StringCall(ref KvbString s);
        internal delegate int PagerCall(out IntPtr pager);
        internal delegate int PagerNext(ref KvbString item, IntPtr pager);
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
        internal static IEnumerable<string> JsonItems(PagerCall start) =>
            TextItems(start, kvb_json_pager_next, kvb_json_pager_free);

        /// <summary>Start a pager of text items (JSON, names) and yield them, fetching pages lazily.</summary>
        internal static IEnumerable<string> TextItems(PagerCall start, PagerNext next, Action<IntPtr> free)
        {
            Check(start(out IntPtr pager));
            try
            {
                while (true)
                {
                    var s = new KvbString();
                    if (Check(next(ref s, pager)) != 0) yield break;
                    yield return Take(ref s);
                }
            }
            finally
            {
                free(pager);
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
