// SPDX-License-Identifier: MIT
// Credentials of the C# binding beyond the client secret.
using System;
using System.Runtime.InteropServices;

namespace KvBridge
{
    /// <summary>What a credential does: Entra ID bearer tokens, or Batch Shared Key signing.</summary>
    public enum CredentialKind
    {
        Token = 0,
        SharedKey = 1,
    }

    internal static partial class Native
    {
        [StructLayout(LayoutKind.Sequential)]
        internal sealed class ClientCertificateNative
        {
            public uint version;
            public IntPtr password;
            public int send_chain;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct ManagedIdentityOptions
        {
            public uint version;
            public IntPtr client_id, object_id, resource_id, imds_endpoint, identity_endpoint, identity_header;
            public uint probe_timeout_ms;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct DefaultOptions
        {
            public uint version;
            public int exclude_environment, exclude_workload_identity, exclude_managed_identity, exclude_azure_cli;
            public IntPtr managed_identity;
            public IntPtr workload_tenant_id, workload_client_id, workload_token_file_path, azure_cli_tenant_id;
            public uint azure_cli_timeout_ms;
        }

        [DllImport(Lib)] internal static extern int kvb_credential_kind(out int kind, CredentialHandle credential);
        [DllImport(Lib)]
        internal static extern int kvb_client_certificate_options_init([In, Out] ClientCertificateNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_credential_new_client_certificate_file(out CredentialHandle h, byte[] tenant,
            byte[] client, byte[] path, ClientCertificateNative certificate, ref ClientOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_credential_new_client_certificate(out CredentialHandle h, byte[] tenant,
            byte[] client, byte[] data, UIntPtr size, ClientCertificateNative certificate, ref ClientOptions o);

        /// <summary>Run <paramref name="create"/> with the client certificate options (the password in wiped memory).</summary>
        internal static CredentialHandle WithCertificate(string password, bool sendChain,
                                                         Func<ClientCertificateNative, CredentialHandle> create) =>
            WithNative(text =>
            {
                var o = Defaults<ClientCertificateNative>(kvb_client_certificate_options_init);
                o.password = text.Add(password);
                o.send_chain = sendChain ? 1 : 0;
                return o;
            }, create);
        [DllImport(Lib)]
        internal static extern int kvb_managed_identity_options_init(ref ManagedIdentityOptions o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_credential_new_managed_identity(out CredentialHandle h,
            ref ManagedIdentityOptions identity, ref ClientOptions o);
        [DllImport(Lib)] internal static extern int kvb_credential_new_environment(out CredentialHandle h, ref ClientOptions o);
        [DllImport(Lib)] internal static extern int kvb_default_credential_options_init(ref DefaultOptions o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_credential_new_default(out CredentialHandle h, ref DefaultOptions chain,
                                                              ref ClientOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_credential_new_shared_key(out CredentialHandle h, byte[] account, byte[] key);
    }

    public abstract partial class Credential
    {
        public CredentialKind Kind
        {
            get
            {
                Native.Check(Native.kvb_credential_kind(out int kind, Handle));
                return (CredentialKind)kind;
            }
        }
    }

    /// <summary>A service principal with a certificate: PEM or PFX, from bytes or a file.</summary>
    public sealed class ClientCertificateCredential : Credential
    {
        public ClientCertificateCredential(string tenantId, string clientId, byte[] certificate, string password = null,
                                           bool sendCertificateChain = false, ClientOptions options = null)
        {
            Handle = Native.WithCertificate(password, sendCertificateChain, c =>
                Native.New(options, (out CredentialHandle h, ref Native.ClientOptions o) =>
                    Native.kvb_credential_new_client_certificate(out h, Native.Utf8(tenantId), Native.Utf8(clientId),
                        certificate, Native.Size(certificate), c, ref o)));
        }

        public ClientCertificateCredential(string tenantId, string clientId, string certificatePath, string password = null,
                                           bool sendCertificateChain = false, ClientOptions options = null)
        {
            Handle = Native.WithCertificate(password, sendCertificateChain, c =>
                Native.New(options, (out CredentialHandle h, ref Native.ClientOptions o) =>
                    Native.kvb_credential_new_client_certificate_file(out h, Native.Utf8(tenantId), Native.Utf8(clientId),
                        Native.Utf8(certificatePath), c, ref o)));
        }
    }

    /// <summary>Which managed identity, and where to ask for its tokens.</summary>
    public sealed class ManagedIdentityOptions
    {
        public string ClientId { get; set; }
        public string ObjectId { get; set; }
        public string ResourceId { get; set; }
        public string ImdsEndpoint { get; set; }
        public string IdentityEndpoint { get; set; }
        public string IdentityHeader { get; set; }
        public uint ProbeTimeoutMs { get; set; }

        /// <summary>The C struct, with its strings held by <paramref name="owned"/>.</summary>
        internal Native.ManagedIdentityOptions ToNative(Native.NativeStrings owned)
        {
            var o = new Native.ManagedIdentityOptions();
            Native.Check(Native.kvb_managed_identity_options_init(ref o, 1));
            o.client_id = owned.Add(ClientId);
            o.object_id = owned.Add(ObjectId);
            o.resource_id = owned.Add(ResourceId);
            o.imds_endpoint = owned.Add(ImdsEndpoint);
            o.identity_endpoint = owned.Add(IdentityEndpoint);
            o.identity_header = owned.Add(IdentityHeader);
            o.probe_timeout_ms = ProbeTimeoutMs;
            return o;
        }
    }

    /// <summary>The host's managed identity (Azure VM metadata service or App Service).</summary>
    public sealed class ManagedIdentityCredential : Credential
    {
        public ManagedIdentityCredential(ManagedIdentityOptions identity = null, ClientOptions options = null)
        {
            using (var owned = new Native.NativeStrings())
            {
                var mi = (identity ?? new ManagedIdentityOptions()).ToNative(owned);
                Handle = Native.New(options, (out CredentialHandle h, ref Native.ClientOptions o) =>
                    Native.kvb_credential_new_managed_identity(out h, ref mi, ref o));
            }
        }
    }

    /// <summary>A service principal from the AZURE_* environment variables.</summary>
    public sealed class EnvironmentCredential : Credential
    {
        public EnvironmentCredential(ClientOptions options = null)
        {
            Handle = Native.New(options, (out CredentialHandle h, ref Native.ClientOptions o) =>
                Native.kvb_credential_new_environment(out h, ref o));
        }
    }

    /// <summary>Environment, workload identity, managed identity, Azure CLI: the first that works.</summary>
    public sealed class DefaultAzureCredential : Credential
    {
        public DefaultAzureCredential(ClientOptions options = null, ManagedIdentityOptions managedIdentity = null,
                                      bool excludeEnvironment = false, bool excludeWorkloadIdentity = false,
                                      bool excludeManagedIdentity = false, bool excludeAzureCli = false)
        {
            var owned = new Native.NativeStrings();
            var mi = (managedIdentity ?? new ManagedIdentityOptions()).ToNative(owned);
            var pinned = GCHandle.Alloc(mi, GCHandleType.Pinned);
            try
            {
                var chain = new Native.DefaultOptions();
                Native.Check(Native.kvb_default_credential_options_init(ref chain, 1));
                chain.exclude_environment = excludeEnvironment ? 1 : 0;
                chain.exclude_workload_identity = excludeWorkloadIdentity ? 1 : 0;
                chain.exclude_managed_identity = excludeManagedIdentity ? 1 : 0;
                chain.exclude_azure_cli = excludeAzureCli ? 1 : 0;
                chain.managed_identity = pinned.AddrOfPinnedObject();
                Handle = Native.New(options, (out CredentialHandle h, ref Native.ClientOptions o) =>
                    Native.kvb_credential_new_default(out h, ref chain, ref o));
            }
            finally
            {
                pinned.Free();
                owned.Dispose();
            }
        }
    }

    /// <summary>Batch Shared Key: account name and base64 key. Only the Batch client takes it.</summary>
    public sealed class SharedKeyCredential : Credential
    {
        public SharedKeyCredential(string accountName, string base64Key)
        {
            Handle = Native.WithSecret(base64Key, key =>
            {
                Native.Check(Native.kvb_credential_new_shared_key(out CredentialHandle h, Native.Utf8(accountName), key));
                return h;
            });
        }
    }
}
