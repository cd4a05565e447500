// SPDX-License-Identifier: MIT
// KvBridge for .NET/Mono: P/Invoke over libkvbridge-c with SafeHandles and typed exceptions.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace KvBridge
{
    /// <summary>A failed kvbridge call, with the fields of kvb_error_last().</summary>
    public class KvbException : Exception
    {
        public int Status { get; }
        public int HttpStatus { get; }
        public string ServiceCode { get; }
        public string RequestId { get; }
        public string ClientRequestId { get; }

        public KvbException(int status, int httpStatus, string serviceCode, string message, string requestId,
                            string clientRequestId) : base(message)
        {
            Status = status;
            HttpStatus = httpStatus;
            ServiceCode = serviceCode;
            RequestId = requestId;
            ClientRequestId = clientRequestId;
        }
    }

    public class InvalidArgumentException : KvbException
    {
        public InvalidArgumentException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    public class AuthenticationException : KvbException
    {
        public AuthenticationException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    public class CryptoException : KvbException
    {
        public CryptoException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    public class NotFoundException : KvbException
    {
        public NotFoundException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    public class WrongHandleException : KvbException
    {
        public WrongHandleException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    /// <summary>
    /// A wait for a long-running operation passed its timeout. The message names the operation and
    /// how long the wait lasted; the operation goes on at the service (look at it again later).
    /// </summary>
    public class OperationTimeoutException : KvbException
    {
        public OperationTimeoutException(int s, int h, string c, string m, string r, string cr) : base(s, h, c, m, r, cr) { }
    }

    internal static partial class Native
    {
        // The soname: the runtime package has it; "kvbridge-c" would need the development symlink.
        internal const string Lib = "libkvbridge-c.so.0";

        [StructLayout(LayoutKind.Sequential)]
        internal struct Error
        {
            public int status;
            public int http_status;
            public IntPtr service_code, message, request_id, client_request_id;
        }

        /// <summary>kvb_operation_wait_options; a class, so it travels as a pointer.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal sealed class WaitOptions
        {
            public uint version;
            public uint interval_ms, timeout_ms;
        }

        [DllImport(Lib)] internal static extern int kvb_operation_wait_options_init([In, Out] WaitOptions o, uint version);

        /// <summary>
        /// Options for a wait of at most <paramref name="timeout"/>: null keeps the library's default
        /// (10 minutes), Timeout.InfiniteTimeSpan waits without limit.
        /// </summary>
        internal static WaitOptions Wait(TimeSpan? timeout)
        {
            var o = Defaults<WaitOptions>(kvb_operation_wait_options_init);
            if (timeout is TimeSpan t)
            {
                if (t == System.Threading.Timeout.InfiniteTimeSpan || t.TotalMilliseconds >= uint.MaxValue)
                    o.timeout_ms = uint.MaxValue;
                else if (t < TimeSpan.Zero)
                    throw new ArgumentOutOfRangeException(nameof(timeout), "a timeout is zero or more");
                else
                    o.timeout_ms = (uint)Math.Round(t.TotalMilliseconds);
            }
            return o;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct KvbString
        {
            public IntPtr ptr;
            public UIntPtr size;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct ClientOptions
        {
            public uint version;
            public IntPtr ca_file, ca_path;
            public int verify_tls;
            public IntPtr proxy, proxy_username, proxy_password;
            public uint connect_timeout_ms, timeout_ms;
            public IntPtr connect_to;
            public UIntPtr connect_to_count;
            public int max_retries;
            public uint retry_base_delay_ms, retry_max_delay_ms;
            public IntPtr application_id, api_version;
            public int disable_challenge_resource_verification;
            public IntPtr authority_host;
            public uint total_timeout_ms;
            public int http2;
            public uint max_idle_connections;
        }

        [DllImport(Lib)] internal static extern IntPtr kvb_error_last();
        [DllImport(Lib)] internal static extern IntPtr kvb_version_string();
        [DllImport(Lib)] internal static extern int kvb_abi_version();
        [DllImport(Lib)] internal static extern void kvb_string_dispose(ref KvbString s);
        [DllImport(Lib)] internal static extern int kvb_client_options_init(ref ClientOptions o, uint version);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void LogCallback(int level, IntPtr message, UIntPtr length, IntPtr payload);
        [DllImport(Lib)] internal static extern int kvb_set_log_callback(LogCallback callback, int minLevel, IntPtr payload);
        [DllImport(Lib)]
        internal static extern int kvb_credential_new_client_secret(out CredentialHandle handle, byte[] tenant,
                                                                    byte[] client, byte[] secret, ref ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_credential_free(IntPtr handle);
        [DllImport(Lib)]
        internal static extern int kvb_credential_get_token(ref KvbString token, out long expiresOn,
                                                            CredentialHandle handle, byte[] scope, byte[] tenant);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_new(out SecretClientHandle handle, byte[] vaultUrl,
                                                         CredentialHandle credential, ref ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_secret_client_free(IntPtr handle);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_set_secret(out IntPtr secret, SecretClientHandle client, byte[] name,
                                                                byte[] value, SecretSetNative o);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_get_secret(out IntPtr secret, SecretClientHandle client, byte[] name,
                                                                byte[] version, SecretGetNative o);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_value(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_id(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_name(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_version(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_content_type(IntPtr secret);
        [DllImport(Lib)] internal static extern void kvb_secret_free(IntPtr secret);
        [DllImport(Lib)]
        internal static extern int kvb_secret_attribute(out long value, out int present, IntPtr secret, int which);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_recovery_level(IntPtr secret);
        [DllImport(Lib)] internal static extern UIntPtr kvb_secret_tag_count(IntPtr secret);
        [DllImport(Lib)]
        internal static extern int kvb_secret_tag(out IntPtr name, out IntPtr value, IntPtr secret, UIntPtr index);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_delete_secret(ref KvbString json, SecretClientHandle client,
                                                                   byte[] name, WaitOptions w);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_purge_deleted_secret(SecretClientHandle client, byte[] name);
        [DllImport(Lib)] internal static extern int kvb_pki_hex_to_x5t(ref KvbString output, byte[] hex);
        [DllImport(Lib)] internal static extern int kvb_pki_x5t_to_hex(ref KvbString output, byte[] x5t);

        internal static byte[] Utf8(string s) => s == null ? null : Encoding.UTF8.GetBytes(s + "\0");

        internal static string Text(IntPtr p)
        {
            if (p == IntPtr.Zero) return "";
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0) n++;
            var bytes = new byte[n];
            Marshal.Copy(p, bytes, 0, n);
            return Decode(bytes);
        }

        // The copy may be a secret value or a token: wiped once decoded, like NativeStrings' copies.
        static string Decode(byte[] bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            Array.Clear(bytes, 0, bytes.Length);
            return text;
        }

        internal static string Take(ref KvbString s)
        {
            try
            {
                if (s.ptr == IntPtr.Zero) return "";
                var bytes = new byte[(int)s.size];
                Marshal.Copy(s.ptr, bytes, 0, bytes.Length);
                return Decode(bytes);
            }
            finally
            {
                kvb_string_dispose(ref s);
            }
        }

        internal delegate int OptionsCall(ref ClientOptions o);

        /// <summary>Run <paramref name="call"/> with the C options built from <paramref name="options"/>.</summary>
        internal static int WithOptions(KvBridge.ClientOptions options, OptionsCall call)
        {
            var o = new ClientOptions();
            Check(kvb_client_options_init(ref o, 2));
            if (options == null) return call(ref o);
            using (var text = new NativeStrings())
            {
                o.ca_file = text.Add(options.CaFile);
                o.ca_path = text.Add(options.CaPath);
                o.verify_tls = options.VerifyTls ? 1 : 0;
                o.proxy = text.Add(options.Proxy);
                o.proxy_username = text.Add(options.ProxyUsername);
                o.proxy_password = text.Add(options.ProxyPassword);
                if (options.ConnectTimeoutMs != 0) o.connect_timeout_ms = options.ConnectTimeoutMs;
                if (options.TimeoutMs != 0) o.timeout_ms = options.TimeoutMs;
                o.connect_to = text.AddArray(options.ConnectTo);
                o.connect_to_count = (UIntPtr)(options.ConnectTo?.Count ?? 0);
                o.max_retries = options.MaxRetries;
                if (options.RetryBaseDelayMs != 0) o.retry_base_delay_ms = options.RetryBaseDelayMs;
                if (options.RetryMaxDelayMs != 0) o.retry_max_delay_ms = options.RetryMaxDelayMs;
                o.application_id = text.Add(options.ApplicationId);
                o.api_version = text.Add(options.ApiVersion);
                o.disable_challenge_resource_verification = options.DisableChallengeResourceVerification ? 1 : 0;
                o.authority_host = text.Add(options.AuthorityHost);
                o.total_timeout_ms = options.TotalTimeoutMs;
                o.http2 = options.Http2 ? 1 : 0;
                o.max_idle_connections = options.MaxIdleConnections;
                return call(ref o);
            }
        }

        /// <summary>
        /// UTF-8 copies of strings (and arrays of them) in native memory for one call; wiped and
        /// freed on Dispose, since one of them may be a password. The one string marshaller of
        /// the binding.
        /// </summary>
        internal sealed class NativeStrings : IDisposable
        {
            readonly List<KeyValuePair<IntPtr, int>> blocks = new List<KeyValuePair<IntPtr, int>>();

            IntPtr Alloc(int size)
            {
                var p = Marshal.AllocCoTaskMem(size);
                blocks.Add(new KeyValuePair<IntPtr, int>(p, size));
                return p;
            }

            /// <summary>A NUL-terminated copy of <paramref name="s"/>, or IntPtr.Zero for null.</summary>
            public IntPtr Add(string s)
            {
                if (s == null) return IntPtr.Zero;
                var bytes = Encoding.UTF8.GetBytes(s);
                var p = Alloc(bytes.Length + 1);
                Marshal.Copy(bytes, 0, p, bytes.Length);
                Marshal.WriteByte(p, bytes.Length, 0);
                Array.Clear(bytes, 0, bytes.Length);
                return p;
            }

            /// <summary>
            /// A C array of copies of <paramref name="items"/>; IntPtr.Zero for null, and for an empty
            /// list unless <paramref name="atLeastOne"/> (where an empty list must differ from none).
            /// </summary>
            public IntPtr AddArray(IList<string> items, bool atLeastOne = false)
            {
                if (items == null || (items.Count == 0 && !atLeastOne)) return IntPtr.Zero;
                var array = Alloc(IntPtr.Size * Math.Max(1, items.Count));
                for (int i = 0; i < items.Count; ++i)
                    Marshal.WriteIntPtr(array, i * IntPtr.Size,
                                        Add(items[i] ?? throw new ArgumentNullException(nameof(items))));
                return array;
            }

            /// <summary>
            /// A C array of kvb_tag {name, value} for <paramref name="tags"/> and its length in
            /// <paramref name="count"/>; IntPtr.Zero for null. An empty dictionary is a (non-NULL)
            /// array of none, which in an update removes every tag.
            /// </summary>
            public IntPtr AddTags(IDictionary<string, string> tags, out UIntPtr count)
            {
                count = (UIntPtr)(tags?.Count ?? 0);
                if (tags == null) return IntPtr.Zero;
                var array = Alloc(2 * IntPtr.Size * Math.Max(1, tags.Count));
                int at = 0;
                foreach (var tag in tags)
                {
                    Marshal.WriteIntPtr(array, at, Add(tag.Key));
                    Marshal.WriteIntPtr(array, at + IntPtr.Size, Add(tag.Value ?? throw new ArgumentNullException(nameof(tags))));
                    at += 2 * IntPtr.Size;
                }
                return array;
            }

            public void Dispose()
            {
                foreach (var b in blocks)
                {
                    for (int i = 0; i < b.Value; ++i) Marshal.WriteByte(b.Key, i, 0);
                    Marshal.FreeCoTaskMem(b.Key);
                }
                blocks.Clear();
            }
        }

        /// <summary>Returns a success status (KVB_OK, KVB_ITEROVER); throws for a failure.</summary>
        internal static int Check(int status)
        {
            if (status >= 0) return status;
            var e = Marshal.PtrToStructure<Error>(kvb_error_last());
            string code = Text(e.service_code), msg = Text(e.message), rid = Text(e.request_id),
                   crid = Text(e.client_request_id);
            switch (e.status)
            {
                case -1: throw new InvalidArgumentException(e.status, e.http_status, code, msg, rid, crid);
                case -4: throw new NotFoundException(e.status, e.http_status, code, msg, rid, crid);
                case -5: throw new ConflictException(e.status, e.http_status, code, msg, rid, crid);
                case -7: throw new CertificateRetiredException(e.status, e.http_status, code, msg, rid, crid);
                case -11: throw new CancelledException(e.status, e.http_status, code, msg, rid, crid);
                case -8: throw new AuthenticationException(e.status, e.http_status, code, msg, rid, crid);
                case -10: throw new CryptoException(e.status, e.http_status, code, msg, rid, crid);
                case -13: throw new WrongHandleException(e.status, e.http_status, code, msg, rid, crid);
                case -15: throw new OperationTimeoutException(e.status, e.http_status, code, msg, rid, crid);
                default: throw new KvbException(e.status, e.http_status, code, msg, rid, crid);
            }
        }
    }

    /// <summary>Owns a kvb_credential*; freed exactly once.</summary>
    public sealed class CredentialHandle : OwnedHandle
    {
        public CredentialHandle() : base(Native.kvb_credential_free) { }
    }

    /// <summary>Library facts and PKI helpers.</summary>
    public static class Library
    {
        public const int AbiVersion = 0;
        public static string Version => Native.Text(Native.kvb_version_string());

        // Only held, never read: the delegate must outlive every native call that may log through it.
#pragma warning disable 0414
        static Native.LogCallback logCallback;
#pragma warning restore 0414

        /// <summary>
        /// Send log lines at <paramref name="minLevel"/> (0 verbose .. 3 error) and above to
        /// <paramref name="handler"/>; null turns logging off. Lines never hold secrets.
        /// </summary>
        public static void SetLogHandler(Action<int, string> handler, int minLevel = 1)
        {
            Native.LogCallback callback = null;
            if (handler != null)
                callback = (level, message, length, payload) =>
                {
                    var bytes = new byte[(int)length];
                    Marshal.Copy(message, bytes, 0, bytes.Length);
                    handler(level, Encoding.UTF8.GetString(bytes));
                };
            Native.Check(Native.kvb_set_log_callback(callback, minLevel, IntPtr.Zero));
            logCallback = callback;
        }

        /// <summary>Throws unless the loaded library has this binding's ABI.</summary>
        public static void EnsureCompatible()
        {
            if (Native.kvb_abi_version() != AbiVersion)
                throw new InvalidOperationException("libkvbridge-c has another ABI generation");
        }

        public static string HexToX5t(string hex)
        {
            var s = new Native.KvbString();
            Native.Check(Native.kvb_pki_hex_to_x5t(ref s, Native.Utf8(hex)));
            return Native.Take(ref s);
        }

        public static string X5tToHex(string x5t)
        {
            var s = new Native.KvbString();
            Native.Check(Native.kvb_pki_x5t_to_hex(ref s, Native.Utf8(x5t)));
            return Native.Take(ref s);
        }
    }

    /// <summary>
    /// Transport and pipeline options for credentials and clients: every field of the C
    /// kvb_client_options (version 2). Zero or null means the library's default.
    /// </summary>
    public sealed class ClientOptions
    {
        /// <summary>PEM bundle to trust instead of the system store.</summary>
        public string CaFile { get; set; }
        /// <summary>Directory of hashed CA certificates.</summary>
        public string CaPath { get; set; }
        /// <summary>Verify the server's TLS certificate (default); false only for debugging.</summary>
        public bool VerifyTls { get; set; } = true;
        /// <summary>Proxy URL, e.g. "http://proxy:3128".</summary>
        public string Proxy { get; set; }
        public string ProxyUsername { get; set; }
        /// <summary>Copied into wiped native memory for the call that uses it.</summary>
        public string ProxyPassword { get; set; }
        /// <summary>0: default (10 s).</summary>
        public uint ConnectTimeoutMs { get; set; }
        /// <summary>Per try; 0: default (120 s).</summary>
        public uint TimeoutMs { get; set; }
        /// <summary>libcurl CONNECT_TO entries "HOST:PORT:TO-HOST:TO-PORT".</summary>
        public IList<string> ConnectTo { get; set; } = new List<string>();
        /// <summary>-1: default (3).</summary>
        public int MaxRetries { get; set; } = -1;
        /// <summary>0: default (800 ms).</summary>
        public uint RetryBaseDelayMs { get; set; }
        /// <summary>0: default (60 s).</summary>
        public uint RetryMaxDelayMs { get; set; }
        /// <summary>Prefix of the User-Agent.</summary>
        public string ApplicationId { get; set; }
        /// <summary>Service api-version; null: the client's default.</summary>
        public string ApiVersion { get; set; }
        /// <summary>Key Vault: accept a challenge resource that does not match the vault (emulators, Azure Stack).</summary>
        public bool DisableChallengeResourceVerification { get; set; }
        /// <summary>Credentials: e.g. "https://login.microsoftonline.com".</summary>
        public string AuthorityHost { get; set; }
        /// <summary>Stop retrying this long after the first try; 0: no limit.</summary>
        public uint TotalTimeoutMs { get; set; }
        /// <summary>Use HTTP/2 when the server offers it (default).</summary>
        public bool Http2 { get; set; } = true;
        /// <summary>Idle connections kept for reuse; 0: default (16).</summary>
        public uint MaxIdleConnections { get; set; }
    }

    /// <summary>Entra ID client secret credential.</summary>
    public sealed class ClientSecretCredential : Credential
    {
        public ClientSecretCredential(string tenantId, string clientId, string clientSecret, ClientOptions options = null)
        {
            Handle = Native.WithSecret(clientSecret, secret =>
                Native.New(options, (out CredentialHandle h, ref Native.ClientOptions o) =>
                    Native.kvb_credential_new_client_secret(out h, Native.Utf8(tenantId), Native.Utf8(clientId), secret,
                                                            ref o)));
        }
    }

    /// <summary>Any kvb_credential: an Entra ID token credential, or the Batch shared key.</summary>
    public abstract partial class Credential : IDisposable
    {
        internal CredentialHandle Handle;

        /// <summary>A token for <paramref name="scope"/> and its expiry (Unix seconds).</summary>
        public (string Token, long ExpiresOn) GetToken(string scope, string tenantId = null)
        {
            var s = new Native.KvbString();
            Native.Check(Native.kvb_credential_get_token(ref s, out long expires, Handle, Native.Utf8(scope),
                                                         Native.Utf8(tenantId)));
            return (Native.Take(ref s), expires);
        }

        public void Dispose() => Handle.Dispose();
    }

    /// <summary>Owns a kvb_secret_client*; freed exactly once.</summary>
    public sealed class SecretClientHandle : OwnedHandle
    {
        public SecretClientHandle() : base(Native.kvb_secret_client_free) { }
    }

    /// <summary>A fetched Key Vault secret.</summary>
    public sealed class Secret
    {
        public string Id { get; }
        public string Name { get; }
        public string Version { get; }
        public string Value { get; }
        /// <summary>"" when the secret has none.</summary>
        public string ContentType { get; }
        public ObjectAttributes Attributes { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        /// <summary>True for the secret behind a certificate (Key Vault manages its lifetime).</summary>
        public bool Managed { get; }

        // Copies everything out of the native secret, then frees (and so wipes) it.
        internal Secret(IntPtr native)
        {
            using (var m = new ModelReader(native, Native.kvb_secret_free))
            {
                Id = m.Text(Native.kvb_secret_id);
                Name = m.Text(Native.kvb_secret_name);
                Version = m.Text(Native.kvb_secret_version);
                Value = m.Text(Native.kvb_secret_value);
                ContentType = m.Text(Native.kvb_secret_content_type);
                var properties = m.Properties(Native.kvb_secret_attribute, Native.kvb_secret_recovery_level,
                                              Native.kvb_secret_tag_count, Native.kvb_secret_tag);
                Attributes = properties.Attributes;
                Tags = properties.Tags;
                Managed = properties.Managed == true;
            }
        }

        /// <summary>Run a call that hands out a kvb_secret and copy it into a <see cref="Secret"/>.</summary>
        internal static Secret Of(Native.HandleCall call) => Native.ModelOf(call, n => new Secret(n));
    }

    /// <summary>Reads and writes the secrets of one vault. Thread-safe.</summary>
    public sealed partial class SecretClient : IDisposable
    {
        private readonly SecretClientHandle handle;

        public SecretClient(string vaultUrl, Credential credential, ClientOptions options = null) =>
            handle = Native.New(options, (out SecretClientHandle h, ref Native.ClientOptions o) =>
                Native.kvb_secret_client_new(out h, Native.Utf8(vaultUrl), credential.Handle, ref o));

        public Secret SetSecret(string name, string value, string contentType = null) =>
            SetSecretWithOptions(name, value, new SecretSetOptions { ContentType = contentType });

        /// <summary>The latest version when <paramref name="version"/> is null.</summary>
        public Secret GetSecret(string name, string version = null) => GetSecret(name, version, null);

        /// <summary>
        /// Delete and wait until the deletion is done, at most <paramref name="timeout"/> (null: 10
        /// minutes; then OperationTimeoutException); returns the "deleted secret" JSON.
        /// </summary>
        public string DeleteSecret(string name, TimeSpan? timeout = null) =>
            Native.TextOf((ref Native.KvbString s) =>
                Native.kvb_secret_client_delete_secret(ref s, handle, Native.Utf8(name), Native.Wait(timeout)));

        public void PurgeDeletedSecret(string name) =>
            Native.Check(Native.kvb_secret_client_purge_deleted_secret(handle, Native.Utf8(name)));

        public void Dispose() => handle.Dispose();
    }
}
