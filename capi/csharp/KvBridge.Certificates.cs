// SPDX-License-Identifier: MIT
// CertificateClient and Certificate of the C# binding. Options are classes (KvBridge.Options.cs);
// policies, issuers and contacts are JSON text with the schemas of certificates.h.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    internal static partial class Native
    {
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_new(out IntPtr c, byte[] url, CredentialHandle cred,
                                                              ref ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_certificate_client_free(IntPtr c);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_create_certificate(ref KvbString op, SafeHandle c, byte[] name,
                                                                             byte[] policy, CertificateCreateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_wait_certificate_operation(ref KvbString op, SafeHandle c,
                                                                                     byte[] name, WaitOptions w);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_get_certificate_operation(ref KvbString op, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_cancel_certificate_operation(ref KvbString op, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_delete_certificate_operation(ref KvbString op, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_merge_certificate(out IntPtr cert, SafeHandle c, byte[] n,
            IntPtr[] x5c, UIntPtr[] sizes, UIntPtr count, CertificateMergeNative o);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_import_certificate(out IntPtr cert, SafeHandle c, byte[] n,
            byte[] data, UIntPtr size, byte[] password, CertificateImportNative o);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_get_certificate(out IntPtr cert, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_get_certificate_version(out IntPtr cert, SafeHandle c, byte[] n,
                                                                                  byte[] v);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_update_certificate_properties(out IntPtr cert, SafeHandle c,
            byte[] n, byte[] v, CertificateUpdateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_get_certificate_policy(ref KvbString j, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_update_certificate_policy(ref KvbString j, SafeHandle c, byte[] n,
                                                                                    byte[] p);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_list_certificates(out IntPtr p, SafeHandle c,
                                                                            CertificateListNative o);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_list_certificate_versions(out IntPtr p, SafeHandle c, byte[] n,
                                                                                    ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_download_certificate(ref KvbString content, ref KvbString type,
                                                                               SafeHandle c, byte[] n, byte[] v);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_delete_certificate(ref KvbString j, SafeHandle c, byte[] n,
                                                                             WaitOptions w);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_recover_deleted_certificate(out IntPtr cert, SafeHandle c, byte[] n,
                                                                                      WaitOptions w);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_get_deleted_certificate(ref KvbString j, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_list_deleted_certificates(out IntPtr p, SafeHandle c,
                                                                                    CertificateListNative o);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_purge_deleted_certificate(SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_backup_certificate(ref KvbString b, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_restore_certificate_backup(out IntPtr cert, SafeHandle c,
                                                                                     byte[] b, UIntPtr size);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_create_issuer(ref KvbString j, SafeHandle c, byte[] i);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_get_issuer(ref KvbString j, SafeHandle c, byte[] n);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_update_issuer(ref KvbString j, SafeHandle c, byte[] i);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_delete_issuer(ref KvbString j, SafeHandle c, byte[] n);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_client_list_issuers(out IntPtr p, SafeHandle c, ref KeyVaultListOptions o);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_set_contacts(ref KvbString j, SafeHandle c, byte[] x);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_get_contacts(ref KvbString j, SafeHandle c);
        [DllImport(Lib)] internal static extern int kvb_certificate_client_delete_contacts(ref KvbString j, SafeHandle c);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_id(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_name(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_version(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_x5t(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_secret_id(IntPtr cert);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_key_id(IntPtr cert);
        [DllImport(Lib)] internal static extern int kvb_certificate_cer(out IntPtr data, out UIntPtr size, IntPtr cert);
        [DllImport(Lib)] internal static extern int kvb_certificate_to_json(ref KvbString json, IntPtr cert);
        [DllImport(Lib)] internal static extern void kvb_certificate_free(IntPtr cert);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_attribute(out long value, out int present, IntPtr cert, int which);
        [DllImport(Lib)] internal static extern IntPtr kvb_certificate_recovery_level(IntPtr cert);
        [DllImport(Lib)] internal static extern UIntPtr kvb_certificate_tag_count(IntPtr cert);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_tag(out IntPtr name, out IntPtr value, IntPtr cert, UIntPtr index);

        /// <summary>Run a call that hands out a kvb_certificate and copy it into a <see cref="Certificate"/>.</summary>
        internal static Certificate CertificateOf(HandleCall call) => ModelOf(call, n => new Certificate(n));

        /// <summary>The certificate list options for pending ones and <paramref name="maxResults"/> per page.</summary>
        internal static CertificateListNative CertificateList(bool includePending, int maxResults)
        {
            var o = Defaults<CertificateListNative>(kvb_certificate_list_options_init);
            o.include_pending = includePending ? 1 : 0;
            o.max_results = maxResults;
            return o;
        }
    }

    /// <summary>A certificate version, copied out of the native model (which is freed at once).</summary>
    public sealed class Certificate
    {
        public string Id { get; }
        public string Name { get; }
        public string Version { get; }
        public string X5t { get; }
        public string SecretId { get; }
        public string KeyId { get; }
        /// <summary>The X.509 certificate, DER.</summary>
        public byte[] Cer { get; }
        public ObjectAttributes Attributes { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        /// <summary>The "certificate" JSON document.</summary>
        public string Json { get; }

        internal Certificate(IntPtr native)
        {
            using (var m = new ModelReader(native, Native.kvb_certificate_free))
            {
                Id = m.Text(Native.kvb_certificate_id);
                Name = m.Text(Native.kvb_certificate_name);
                Version = m.Text(Native.kvb_certificate_version);
                X5t = m.Text(Native.kvb_certificate_x5t);
                SecretId = m.Text(Native.kvb_certificate_secret_id);
                KeyId = m.Text(Native.kvb_certificate_key_id);
                Cer = m.Bytes(Native.kvb_certificate_cer);
                var properties = m.Properties(Native.kvb_certificate_attribute, Native.kvb_certificate_recovery_level,
                                              Native.kvb_certificate_tag_count, Native.kvb_certificate_tag);
                Attributes = properties.Attributes;
                Tags = properties.Tags;
                Json = m.Json(Native.kvb_certificate_to_json);
            }
        }
    }

    /// <summary>The certificates, issuers and contacts of one vault. Thread-safe.</summary>
    public sealed class CertificateClient : VaultClient
    {
        public CertificateClient(string vaultUrl, Credential credential, ClientOptions options = null)
            : base(Native.kvb_certificate_client_new, Native.kvb_certificate_client_free, vaultUrl, credential, options) { }

        private string Text(Native.StringCall call) => Native.TextOf(call);

        /// <summary>
        /// Create with a "policy" document (certificates.h; null: self-signed "CN={name}"); with wait, until
        /// done, polling at the service's pace for at most <paramref name="timeout"/> (null: 10 minutes),
        /// then OperationTimeoutException (an "Unknown" issuer never finishes before a merge; the operation
        /// goes on: see GetCertificateOperation). Returns the "operation" JSON.
        /// </summary>
        public string CreateCertificate(string name, string policyJson = null, CertificateCreateOptions options = null,
                                        bool wait = true, TimeSpan? timeout = null)
        {
            var pacing = Native.Wait(timeout); // a bad timeout is refused before the creation starts
            var operation = Native.WithNative(options.ToNative, o => Text((ref Native.KvbString s) =>
                Native.kvb_certificate_client_create_certificate(ref s, handle, Native.Utf8(name), Native.Utf8(policyJson), o)));
            if (!wait) return operation;
            return WaitCertificateOperation(name, pacing);
        }
        /// <summary>Wait until the pending operation of <paramref name="name"/> is done, as CreateCertificate does.</summary>
        public string WaitCertificateOperation(string name, TimeSpan? timeout = null) =>
            WaitCertificateOperation(name, Native.Wait(timeout));
        string WaitCertificateOperation(string name, Native.WaitOptions pacing) =>
            Text((ref Native.KvbString s) =>
                Native.kvb_certificate_client_wait_certificate_operation(ref s, handle, Native.Utf8(name), pacing));
        public string GetCertificateOperation(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_get_certificate_operation(ref s, handle, Native.Utf8(name)));
        public string CancelCertificateOperation(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_cancel_certificate_operation(ref s, handle, Native.Utf8(name)));
        public string DeleteCertificateOperation(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_delete_certificate_operation(ref s, handle, Native.Utf8(name)));
        /// <summary>Finish an "Unknown"-issuer creation with <paramref name="x5c"/>: DER certificates, the signed one first.</summary>
        public Certificate MergeCertificate(string name, IList<byte[]> x5c, CertificateMergeOptions options = null)
        {
            var pinned = new List<GCHandle>();
            try
            {
                var pointers = new IntPtr[Math.Max(1, x5c.Count)];
                var sizes = new UIntPtr[Math.Max(1, x5c.Count)];
                for (int i = 0; i < x5c.Count; ++i)
                {
                    pinned.Add(GCHandle.Alloc(x5c[i], GCHandleType.Pinned));
                    pointers[i] = pinned[i].AddrOfPinnedObject();
                    sizes[i] = Native.Size(x5c[i]);
                }
                return Native.WithNative(options.ToNative, o => Native.CertificateOf((out IntPtr c) =>
                    Native.kvb_certificate_client_merge_certificate(out c, handle, Native.Utf8(name), pointers, sizes,
                                                                    (UIntPtr)x5c.Count, o)));
            }
            finally
            {
                foreach (var p in pinned) p.Free();
            }
        }
        /// <summary>Import PFX bytes (with password) or PEM text as bytes.</summary>
        public Certificate ImportCertificate(string name, byte[] data, string password = null,
                                             CertificateImportOptions options = null) =>
            Native.WithSecret(password, pw => Native.WithNative(options.ToNative, o => Native.CertificateOf((out IntPtr c) =>
                Native.kvb_certificate_client_import_certificate(out c, handle, Native.Utf8(name), data, Native.Size(data),
                                                                 pw, o))));
        public Certificate GetCertificate(string name) =>
            Native.CertificateOf((out IntPtr c) => Native.kvb_certificate_client_get_certificate(out c, handle, Native.Utf8(name)));
        public Certificate GetCertificateVersion(string name, string version) =>
            Native.CertificateOf((out IntPtr c) => Native.kvb_certificate_client_get_certificate_version(
                out c, handle, Native.Utf8(name), Native.Utf8(version)));
        public Certificate UpdateCertificateProperties(string name, string version, CertificateUpdateOptions update) =>
            Native.WithNative(update.ToNative, o => Native.CertificateOf((out IntPtr c) =>
                Native.kvb_certificate_client_update_certificate_properties(out c, handle, Native.Utf8(name),
                                                                            Native.Utf8(version), o)));
        public string GetCertificatePolicy(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_get_certificate_policy(ref s, handle, Native.Utf8(name)));
        public string UpdateCertificatePolicy(string name, string policyJson) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_update_certificate_policy(
                ref s, handle, Native.Utf8(name), Native.Utf8(policyJson)));
        /// <summary>Every certificate's properties; <paramref name="maxResults"/> per page (0: the service's).</summary>
        public IEnumerable<string> ListCertificates(bool includePending = false, int maxResults = 0)
        {
            var o = Native.CertificateList(includePending, maxResults);
            return Native.JsonItems((out IntPtr p) => Native.kvb_certificate_client_list_certificates(out p, handle, o));
        }
        public IEnumerable<string> ListCertificateVersions(string name, int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) => Native.kvb_certificate_client_list_certificate_versions(
                out p, handle, Native.Utf8(name), ref o));
        }
        /// <summary>The certificate with its private key: PFX (no password) or PEM bytes, and the content type.</summary>
        public (byte[] Content, string ContentType) DownloadCertificate(string name, string version = null)
        {
            var content = new Native.KvbString();
            var type = new Native.KvbString();
            Native.Check(Native.kvb_certificate_client_download_certificate(ref content, ref type, handle, Native.Utf8(name),
                                                                            Native.Utf8(version)));
            return (Native.TakeBytes(ref content), Native.Take(ref type));
        }
        /// <summary>Delete every version and wait (at most <paramref name="timeout"/>; null: 10 minutes) until done.</summary>
        public string DeleteCertificate(string name, TimeSpan? timeout = null) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_delete_certificate(ref s, handle, Native.Utf8(name),
                                                                                              Native.Wait(timeout)));
        /// <summary>Recover and wait (at most <paramref name="timeout"/>; null: 10 minutes) until it can be read.</summary>
        public Certificate RecoverDeletedCertificate(string name, TimeSpan? timeout = null) =>
            Native.CertificateOf((out IntPtr c) => Native.kvb_certificate_client_recover_deleted_certificate(
                out c, handle, Native.Utf8(name), Native.Wait(timeout)));
        public string GetDeletedCertificate(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_get_deleted_certificate(ref s, handle, Native.Utf8(name)));
        public IEnumerable<string> ListDeletedCertificates(bool includePending = false, int maxResults = 0)
        {
            var o = Native.CertificateList(includePending, maxResults);
            return Native.JsonItems((out IntPtr p) => Native.kvb_certificate_client_list_deleted_certificates(out p, handle, o));
        }
        public void PurgeDeletedCertificate(string name) =>
            Native.Check(Native.kvb_certificate_client_purge_deleted_certificate(handle, Native.Utf8(name)));
        public byte[] BackupCertificate(string name) =>
            Native.BytesOf((ref Native.KvbString s) => Native.kvb_certificate_client_backup_certificate(ref s, handle, Native.Utf8(name)));
        public Certificate RestoreCertificateBackup(byte[] backup) =>
            Native.CertificateOf((out IntPtr c) => Native.kvb_certificate_client_restore_certificate_backup(
                out c, handle, backup, Native.Size(backup)));
        public string CreateIssuer(string issuerJson) =>
            Native.WithSecret(issuerJson, j =>
                Text((ref Native.KvbString s) => Native.kvb_certificate_client_create_issuer(ref s, handle, j)));
        public string GetIssuer(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_get_issuer(ref s, handle, Native.Utf8(name)));
        public string UpdateIssuer(string issuerJson) =>
            Native.WithSecret(issuerJson, j =>
                Text((ref Native.KvbString s) => Native.kvb_certificate_client_update_issuer(ref s, handle, j)));
        public string DeleteIssuer(string name) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_delete_issuer(ref s, handle, Native.Utf8(name)));
        public IEnumerable<string> ListIssuers(int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) =>
                Native.kvb_certificate_client_list_issuers(out p, handle, ref o));
        }
        public string SetContacts(string contactsJson) =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_set_contacts(ref s, handle, Native.Utf8(contactsJson)));
        public string GetContacts() =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_get_contacts(ref s, handle));
        public string DeleteContacts() =>
            Text((ref Native.KvbString s) => Native.kvb_certificate_client_delete_contacts(ref s, handle));
    }
}
