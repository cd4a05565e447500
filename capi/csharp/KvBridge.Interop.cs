// SPDX-License-Identifier: MIT
// Glue shared by the Key Vault parts of the C# binding: owned handles, bytes, JSON pagers.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    public class ConflictException : KvbException
    {
        public ConflictException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    /// <summary>Owns one native handle and releases it exactly once with its type's _free.</summary>
    public sealed class OwnedHandle : SafeHandle
    {
        private readonly Action<IntPtr> free;

        internal OwnedHandle(IntPtr native, Action<IntPtr> free) : base(IntPtr.Zero, true)
        {
            this.free = free;
            SetHandle(native);
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            free(handle);
            return true;
        }
    }

    internal static partial class Native
    {
        [DllImport(Lib)] internal static extern int kvb_json_pager_next(ref KvbString json, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_json_pager_free(IntPtr pager);

        internal delegate int StringCall(ref KvbString s);
        internal delegate int PagerCall(out IntPtr pager);

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
    }
}
