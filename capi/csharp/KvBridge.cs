// SPDX-License-Identifier: MIT
// KvBridge for .NET/Mono: P/Invoke over libkvbridge-c with SafeHandles and typed exceptions.
using System;
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

    internal static partial class Native
    {
        internal const string Lib = "kvbridge-c";

        [StructLayout(LayoutKind.Sequential)]
        internal struct Error
        {
            public int status;
            public int http_status;
            public IntPtr service_code, message, request_id, client_request_id;
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
                                                                byte[] value, byte[] contentType);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_get_secret(out IntPtr secret, SecretClientHandle client, byte[] name,
                                                                byte[] version);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_value(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_id(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_name(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_version(IntPtr secret);
        [DllImport(Lib)] internal static extern IntPtr kvb_secret_content_type(IntPtr secret);
        [DllImport(Lib)] internal static extern void kvb_secret_free(IntPtr secret);
        [DllImport(Lib)] internal static extern int kvb_secret_client_delete_secret(SecretClientHandle client, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_purge_deleted_secret(SecretClientHandle client, byte[] name);
        [DllImport(Lib)] internal static extern int kvb_secret_client_list_secrets(out IntPtr pager, SecretClientHandle client);
        [DllImport(Lib)] internal static extern int kvb_secret_pager_next(ref KvbString name, IntPtr pager);
        [DllImport(Lib)] internal static extern void kvb_secret_pager_free(IntPtr pager);
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
            return Encoding.UTF8.GetString(bytes);
        }

        internal static string Take(ref KvbString s)
        {
            try
            {
                if (s.ptr == IntPtr.Zero) return "";
                var bytes = new byte[(int)s.size];
                Marshal.Copy(s.ptr, bytes, 0, bytes.Length);
                return Encoding.UTF8.GetString(bytes);
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
            var ca = Marshal.StringToCoTaskMemUTF8(options?.CaFile);
            var authority = Marshal.StringToCoTaskMemUTF8(options?.AuthorityHost);
            try
            {
                o.ca_file = options?.CaFile == null ? IntPtr.Zero : ca;
                o.authority_host = options?.AuthorityHost == null ? IntPtr.Zero : authority;
                o.max_retries = options?.MaxRetries ?? -1;
                o.total_timeout_ms = options?.TotalTimeoutMs ?? 0;
                o.http2 = (options?.Http2 ?? true) ? 1 : 0;
                return call(ref o);
            }
            finally
            {
                Marshal.FreeCoTaskMem(ca);
                Marshal.FreeCoTaskMem(authority);
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
                default: throw new KvbException(e.status, e.http_status, code, msg, rid, crid);
            }
        }
    }

    /// <summary>Owns a kvb_credential*; freed exactly once.</summary>
    public sealed class CredentialHandle : SafeHandle
    {
        public CredentialHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            Native.kvb_credential_free(handle);
            return true;
        }
    }

    /// <summary>Library facts and PKI helpers.</summary>
    public static class Library
    {
        public const int AbiVersion = 0;
        public static string Version => Native.Text(Native.kvb_version_string());

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

    /// <summary>Transport options for credentials and clients.</summary>
    public sealed class ClientOptions
    {
        public string CaFile { get; set; }
        public string AuthorityHost { get; set; }
        public int MaxRetries { get; set; } = -1;
        /// <summary>Stop retrying this long after the first try; 0: no limit.</summary>
        public uint TotalTimeoutMs { get; set; }
        /// <summary>Use HTTP/2 when the server offers it (default).</summary>
        public bool Http2 { get; set; } = true;
    }

    /// <summary>Entra ID client secret credential.</summary>
    public sealed class ClientSecretCredential : Credential
    {
        public ClientSecretCredential(string tenantId, string clientId, string clientSecret, ClientOptions options = null)
        {
            CredentialHandle h = null;
            Native.Check(Native.WithOptions(options, (ref Native.ClientOptions o) =>
                Native.kvb_credential_new_client_secret(out h, Native.Utf8(tenantId), Native.Utf8(clientId),
                                                        Native.Utf8(clientSecret), ref o)));
            Handle = h;
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
    public sealed class SecretClientHandle : SafeHandle
    {
        public SecretClientHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            Native.kvb_secret_client_free(handle);
            return true;
        }
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

        // Copies everything out of the native secret, then frees (and so wipes) it.
        internal Secret(IntPtr native)
        {
            try
            {
                Id = Native.Text(Native.kvb_secret_id(native));
                Name = Native.Text(Native.kvb_secret_name(native));
                Version = Native.Text(Native.kvb_secret_version(native));
                Value = Native.Text(Native.kvb_secret_value(native));
                ContentType = Native.Text(Native.kvb_secret_content_type(native));
            }
            finally
            {
                Native.kvb_secret_free(native);
            }
        }
    }

    /// <summary>Reads and writes the secrets of one vault. Thread-safe.</summary>
    public sealed partial class SecretClient : IDisposable
    {
        private readonly SecretClientHandle handle;

        public SecretClient(string vaultUrl, Credential credential, ClientOptions options = null)
        {
            SecretClientHandle h = null;
            Native.Check(Native.WithOptions(options, (ref Native.ClientOptions o) =>
                Native.kvb_secret_client_new(out h, Native.Utf8(vaultUrl), credential.Handle, ref o)));
            handle = h;
        }

        public Secret SetSecret(string name, string value, string contentType = null)
        {
            Native.Check(Native.kvb_secret_client_set_secret(out IntPtr s, handle, Native.Utf8(name), Native.Utf8(value),
                                                             Native.Utf8(contentType)));
            return new Secret(s);
        }

        /// <summary>The latest version when <paramref name="version"/> is null.</summary>
        public Secret GetSecret(string name, string version = null)
        {
            Native.Check(Native.kvb_secret_client_get_secret(out IntPtr s, handle, Native.Utf8(name), Native.Utf8(version)));
            return new Secret(s);
        }

        /// <summary>Delete and wait until the deletion is done.</summary>
        public void DeleteSecret(string name) =>
            Native.Check(Native.kvb_secret_client_delete_secret(handle, Native.Utf8(name)));

        public void PurgeDeletedSecret(string name) =>
            Native.Check(Native.kvb_secret_client_purge_deleted_secret(handle, Native.Utf8(name)));

        /// <summary>The names of the vault's secrets, fetched page by page as enumeration goes.</summary>
        public System.Collections.Generic.IEnumerable<string> ListSecretNames()
        {
            Native.Check(Native.kvb_secret_client_list_secrets(out IntPtr pager, handle));
            try
            {
                while (true)
                {
                    var s = new Native.KvbString();
                    if (Native.Check(Native.kvb_secret_pager_next(ref s, pager)) != 0) yield break;
                    yield return Native.Take(ref s);
                }
            }
            finally
            {
                Native.kvb_secret_pager_free(pager);
            }
        }

        public void Dispose() => handle.Dispose();
    }
}
