// SPDX-License-Identifier: MIT
// SecretClient calls beyond the basics. Options are classes (KvBridge.Options.cs); results are the
// JSON documents of secrets.h.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    internal static partial class Native
    {
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_update_secret_properties(ref KvbString json, SecretClientHandle c,
            byte[] name, byte[] version, SecretSetNative update);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_list_secrets(out IntPtr p, SecretClientHandle c, ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_list_secret_versions(out IntPtr p, SecretClientHandle c, byte[] name,
                                                                          ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_get_deleted_secret(ref KvbString json, SecretClientHandle c, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_list_deleted_secrets(out IntPtr p, SecretClientHandle c,
                                                                          ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_recover_deleted_secret(ref KvbString json, SecretClientHandle c,
                                                                            byte[] name, WaitOptions w);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_backup_secret(ref KvbString backup, SecretClientHandle c, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_secret_client_restore_secret_backup(ref KvbString json, SecretClientHandle c,
                                                                           byte[] backup, UIntPtr size);
    }

    public sealed partial class SecretClient
    {
        /// <summary>Set with a content type, attributes and tags.</summary>
        public Secret SetSecretWithOptions(string name, string value, SecretSetOptions options) =>
            Native.WithSecret(value, v => Native.WithNative(options.ToNative, o =>
                Secret.Of((out IntPtr s) => Native.kvb_secret_client_set_secret(out s, handle, Native.Utf8(name), v, o))));

        /// <summary>Get, optionally converting a certificate's PFX secret ("application/x-pem-file").</summary>
        public Secret GetSecret(string name, string version, string outContentType) =>
            Native.WithNative(text =>
            {
                var o = Native.Defaults<Native.SecretGetNative>(Native.kvb_secret_get_options_init);
                o.out_content_type = text.Add(outContentType);
                return o;
            }, o => Secret.Of((out IntPtr s) =>
                Native.kvb_secret_client_get_secret(out s, handle, Native.Utf8(name), Native.Utf8(version), o)));

        /// <summary>Change properties; returns the "secret properties" JSON.</summary>
        public string UpdateSecretProperties(string name, string version, SecretUpdateOptions update) =>
            Native.WithNative(update.ToNative, o => Native.TextOf((ref Native.KvbString s) =>
                Native.kvb_secret_client_update_secret_properties(ref s, handle, Native.Utf8(name), Native.Utf8(version), o)));

        /// <summary>The latest properties of every secret; <paramref name="maxResults"/> per page (0: the service's).</summary>
        public IEnumerable<string> ListSecretProperties(int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) => Native.kvb_secret_client_list_secrets(out p, handle, ref o));
        }

        public IEnumerable<string> ListSecretVersions(string name, int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) =>
                Native.kvb_secret_client_list_secret_versions(out p, handle, Native.Utf8(name), ref o));
        }

        public string GetDeletedSecret(string name) =>
            Native.TextOf((ref Native.KvbString s) => Native.kvb_secret_client_get_deleted_secret(ref s, handle, Native.Utf8(name)));

        public IEnumerable<string> ListDeletedSecrets(int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) => Native.kvb_secret_client_list_deleted_secrets(out p, handle, ref o));
        }

        /// <summary>Recover and wait (at most <paramref name="timeout"/>; null: 10 minutes); returns the "secret properties" JSON.</summary>
        public string RecoverDeletedSecret(string name, TimeSpan? timeout = null) =>
            Native.TextOf((ref Native.KvbString s) =>
                Native.kvb_secret_client_recover_deleted_secret(ref s, handle, Native.Utf8(name), Native.Wait(timeout)));

        public byte[] BackupSecret(string name) =>
            Native.BytesOf((ref Native.KvbString s) => Native.kvb_secret_client_backup_secret(ref s, handle, Native.Utf8(name)));

        public string RestoreSecretBackup(byte[] backup) =>
            Native.TextOf((ref Native.KvbString s) =>
                Native.kvb_secret_client_restore_secret_backup(ref s, handle, backup, Native.Size(backup)));
    }
}
