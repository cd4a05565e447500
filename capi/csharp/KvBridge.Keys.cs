// SPDX-License-Identifier: MIT
// KeyClient, Key, CryptographyClient and CryptoResult of the C# binding. Options are classes
// (KvBridge.Options.cs); documents are JSON text with the schemas of keys.h.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    internal static partial class Native
    {
        [DllImport(Lib)]
        internal static extern int kvb_key_client_new(out IntPtr c, byte[] url, CredentialHandle cred, ref ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_key_client_free(IntPtr c);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_create_key(out IntPtr k, SafeHandle c, byte[] name, byte[] type,
                                                             KeyCreateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_import_key(out IntPtr k, SafeHandle c, byte[] name, byte[] jwk,
                                                             KeyImportNative o);
        [DllImport(Lib)] internal static extern int kvb_key_client_get_key(out IntPtr k, SafeHandle c, byte[] name, byte[] version);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_update_key_properties(out IntPtr k, SafeHandle c, byte[] name,
                                                                        byte[] version, KeyUpdateNative o);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_list_keys(out IntPtr p, SafeHandle c, ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_list_key_versions(out IntPtr p, SafeHandle c, byte[] name,
                                                                    ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_delete_key(ref KvbString json, SafeHandle c, byte[] name, WaitOptions w);
        [DllImport(Lib)] internal static extern int kvb_key_client_get_deleted_key(ref KvbString json, SafeHandle c, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_list_deleted_keys(out IntPtr p, SafeHandle c, ref KeyVaultListOptions o);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_recover_deleted_key(out IntPtr k, SafeHandle c, byte[] name, WaitOptions w);
        [DllImport(Lib)] internal static extern int kvb_key_client_purge_deleted_key(SafeHandle c, byte[] name);
        [DllImport(Lib)] internal static extern int kvb_key_client_backup_key(ref KvbString b, SafeHandle c, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_restore_key_backup(out IntPtr k, SafeHandle c, byte[] b, UIntPtr size);
        [DllImport(Lib)] internal static extern int kvb_key_client_rotate_key(out IntPtr k, SafeHandle c, byte[] name);
        [DllImport(Lib)] internal static extern int kvb_key_client_get_rotation_policy(ref KvbString j, SafeHandle c, byte[] name);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_update_rotation_policy(ref KvbString j, SafeHandle c, byte[] name, byte[] p);
        [DllImport(Lib)] internal static extern int kvb_key_client_get_random_bytes(ref KvbString b, SafeHandle c, int count);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_release_key(ref KvbString jws, SafeHandle c, byte[] name, byte[] version,
                                                              byte[] target, KeyReleaseNative o);
        [DllImport(Lib)]
        internal static extern int kvb_key_client_get_key_attestation(out IntPtr k, SafeHandle c, byte[] name, byte[] version);
        [DllImport(Lib)] internal static extern IntPtr kvb_key_id(IntPtr k);
        [DllImport(Lib)] internal static extern IntPtr kvb_key_name(IntPtr k);
        [DllImport(Lib)] internal static extern IntPtr kvb_key_version(IntPtr k);
        [DllImport(Lib)] internal static extern IntPtr kvb_key_type(IntPtr k);
        [DllImport(Lib)] internal static extern IntPtr kvb_key_curve(IntPtr k);
        [DllImport(Lib)] internal static extern int kvb_key_to_json(ref KvbString json, IntPtr k);
        [DllImport(Lib)] internal static extern void kvb_key_free(IntPtr k);
        [DllImport(Lib)] internal static extern int kvb_key_attribute(out long value, out int present, IntPtr k, int which);
        [DllImport(Lib)] internal static extern IntPtr kvb_key_recovery_level(IntPtr k);
        [DllImport(Lib)] internal static extern UIntPtr kvb_key_tag_count(IntPtr k);
        [DllImport(Lib)] internal static extern int kvb_key_tag(out IntPtr name, out IntPtr value, IntPtr k, UIntPtr index);

        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_new(out IntPtr c, byte[] keyId, CredentialHandle cred,
                                                               CryptographyNative cryptography, ref ClientOptions o);
        [DllImport(Lib)] internal static extern void kvb_cryptography_client_free(IntPtr c);
        [DllImport(Lib)] internal static extern int kvb_cryptography_client_get_key(out IntPtr k, SafeHandle c);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_encrypt(out IntPtr r, SafeHandle c, byte[] alg, byte[] p,
            UIntPtr n, byte[] iv, UIntPtr ivn, byte[] aad, UIntPtr aadn);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_decrypt(out IntPtr r, SafeHandle c, byte[] alg, byte[] p,
            UIntPtr n, byte[] iv, UIntPtr ivn, byte[] aad, UIntPtr aadn, byte[] tag, UIntPtr tagn);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_wrap_key(out IntPtr r, SafeHandle c, byte[] alg, byte[] k, UIntPtr n);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_unwrap_key(out IntPtr r, SafeHandle c, byte[] alg, byte[] k, UIntPtr n);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_secure_wrap_key(out IntPtr r, SafeHandle c, byte[] alg);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_secure_unwrap_key(out IntPtr r, SafeHandle c, byte[] alg,
                                                                             byte[] k, UIntPtr n, byte[] target);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_sign(out IntPtr r, SafeHandle c, byte[] alg, byte[] d, UIntPtr n);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_verify(out IntPtr r, SafeHandle c, byte[] alg, byte[] d, UIntPtr n,
                                                                  byte[] sig, UIntPtr sign);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_sign_data(out IntPtr r, SafeHandle c, byte[] alg, byte[] d, UIntPtr n);
        [DllImport(Lib)]
        internal static extern int kvb_cryptography_client_verify_data(out IntPtr r, SafeHandle c, byte[] alg, byte[] d,
                                                                       UIntPtr n, byte[] sig, UIntPtr sign);
        [DllImport(Lib)]
        internal static extern int kvb_crypto_result_bytes(out IntPtr data, out UIntPtr size, IntPtr r, int which);
        [DllImport(Lib)] internal static extern IntPtr kvb_crypto_result_key_id(IntPtr r);
        [DllImport(Lib)] internal static extern IntPtr kvb_crypto_result_algorithm(IntPtr r);
        [DllImport(Lib)] internal static extern int kvb_crypto_result_is_valid(IntPtr r);
        [DllImport(Lib)] internal static extern void kvb_crypto_result_free(IntPtr r);

        /// <summary>Run a call that hands out a kvb_key and copy it into a <see cref="Key"/>.</summary>
        internal static Key KeyOf(HandleCall call) => ModelOf(call, n => new Key(n));
    }

    /// <summary>A key, copied out of the native model (which is freed at once).</summary>
    public sealed class Key
    {
        public string Id { get; }
        public string Name { get; }
        public string Version { get; }
        public string KeyType { get; }
        public string Curve { get; }
        public ObjectAttributes Attributes { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }
        /// <summary>True for the key behind a certificate (Key Vault manages its lifetime).</summary>
        public bool Managed { get; }
        /// <summary>The "key" JSON document (public JWK under "key").</summary>
        public string Json { get; }

        internal Key(IntPtr native)
        {
            using (var m = new ModelReader(native, Native.kvb_key_free))
            {
                Id = m.Text(Native.kvb_key_id);
                Name = m.Text(Native.kvb_key_name);
                Version = m.Text(Native.kvb_key_version);
                KeyType = m.Text(Native.kvb_key_type);
                Curve = m.Text(Native.kvb_key_curve);
                var properties = m.Properties(Native.kvb_key_attribute, Native.kvb_key_recovery_level,
                                              Native.kvb_key_tag_count, Native.kvb_key_tag);
                Attributes = properties.Attributes;
                Tags = properties.Tags;
                Managed = properties.Managed == true;
                Json = m.Json(Native.kvb_key_to_json);
            }
        }
    }

    /// <summary>The keys of one vault. Thread-safe.</summary>
    public sealed class KeyClient : VaultClient
    {
        public KeyClient(string vaultUrl, Credential credential, ClientOptions options = null)
            : base(Native.kvb_key_client_new, Native.kvb_key_client_free, vaultUrl, credential, options) { }

        public Key CreateKey(string name, string keyType, KeyCreateOptions options = null) =>
            Native.WithNative(options.ToNative, o => Native.KeyOf((out IntPtr k) =>
                Native.kvb_key_client_create_key(out k, handle, Native.Utf8(name), Native.Utf8(keyType), o)));
        /// <summary>Import a "jwk" document (keys.h; private parts included, wiped after the call).</summary>
        public Key ImportKey(string name, string jwkJson, KeyImportOptions options = null) =>
            Native.WithSecret(jwkJson, jwk => Native.WithNative(options.ToNative, o => Native.KeyOf((out IntPtr k) =>
                Native.kvb_key_client_import_key(out k, handle, Native.Utf8(name), jwk, o))));
        public Key GetKey(string name, string version = null) =>
            Native.KeyOf((out IntPtr k) => Native.kvb_key_client_get_key(out k, handle, Native.Utf8(name), Native.Utf8(version)));
        public Key UpdateKeyProperties(string name, string version, KeyUpdateOptions update) =>
            Native.WithNative(update.ToNative, o => Native.KeyOf((out IntPtr k) =>
                Native.kvb_key_client_update_key_properties(out k, handle, Native.Utf8(name), Native.Utf8(version), o)));
        /// <summary>Every key's latest properties; <paramref name="maxResults"/> per page (0: the service's).</summary>
        public IEnumerable<string> ListKeys(int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) => Native.kvb_key_client_list_keys(out p, handle, ref o));
        }
        public IEnumerable<string> ListKeyVersions(string name, int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) =>
                Native.kvb_key_client_list_key_versions(out p, handle, Native.Utf8(name), ref o));
        }
        /// <summary>Delete and wait (at most <paramref name="timeout"/>; null: 10 minutes); returns the "deleted key" JSON.</summary>
        public string DeleteKey(string name, TimeSpan? timeout = null) =>
            Native.TextOf((ref Native.KvbString s) => Native.kvb_key_client_delete_key(ref s, handle, Native.Utf8(name),
                                                                                          Native.Wait(timeout)));
        public string GetDeletedKey(string name) =>
            Native.TextOf((ref Native.KvbString s) => Native.kvb_key_client_get_deleted_key(ref s, handle, Native.Utf8(name)));
        public IEnumerable<string> ListDeletedKeys(int maxResults = 0)
        {
            var o = Native.ListOptions(maxResults);
            return Native.JsonItems((out IntPtr p) =>
                Native.kvb_key_client_list_deleted_keys(out p, handle, ref o));
        }
        /// <summary>Recover and wait (at most <paramref name="timeout"/>; null: 10 minutes) until it can be read.</summary>
        public Key RecoverDeletedKey(string name, TimeSpan? timeout = null) =>
            Native.KeyOf((out IntPtr k) => Native.kvb_key_client_recover_deleted_key(out k, handle, Native.Utf8(name),
                                                                                    Native.Wait(timeout)));
        public void PurgeDeletedKey(string name) =>
            Native.Check(Native.kvb_key_client_purge_deleted_key(handle, Native.Utf8(name)));
        public byte[] BackupKey(string name) =>
            Native.BytesOf((ref Native.KvbString s) => Native.kvb_key_client_backup_key(ref s, handle, Native.Utf8(name)));
        public Key RestoreKeyBackup(byte[] backup) =>
            Native.KeyOf((out IntPtr k) => Native.kvb_key_client_restore_key_backup(out k, handle, backup, Native.Size(backup)));
        public Key RotateKey(string name) =>
            Native.KeyOf((out IntPtr k) => Native.kvb_key_client_rotate_key(out k, handle, Native.Utf8(name)));
        public string GetRotationPolicy(string name) =>
            Native.TextOf((ref Native.KvbString s) => Native.kvb_key_client_get_rotation_policy(ref s, handle, Native.Utf8(name)));
        /// <summary>Replace the rotation policy with a "rotation policy" document (keys.h); returns the stored one.</summary>
        public string UpdateRotationPolicy(string name, string policyJson) =>
            Native.TextOf((ref Native.KvbString s) => Native.kvb_key_client_update_rotation_policy(
                ref s, handle, Native.Utf8(name), Native.Utf8(policyJson)));
        public byte[] GetRandomBytes(int count) =>
            Native.BytesOf((ref Native.KvbString s) => Native.kvb_key_client_get_random_bytes(ref s, handle, count));
        /// <summary>The released key as the vault's signed JWS (secret).</summary>
        public string ReleaseKey(string name, string targetAttestationToken, string version = null, string nonce = null,
                                 string encryptionAlgorithm = null) =>
            Native.WithNative(text =>
            {
                var o = Native.Defaults<Native.KeyReleaseNative>(Native.kvb_key_release_options_init);
                o.nonce = text.Add(nonce);
                o.encryption_algorithm = text.Add(encryptionAlgorithm);
                return o;
            }, o => Native.TextOf((ref Native.KvbString s) => Native.kvb_key_client_release_key(
                ref s, handle, Native.Utf8(name), Native.Utf8(version), Native.Utf8(targetAttestationToken), o)));
        public Key GetKeyAttestation(string name, string version = null) =>
            Native.KeyOf((out IntPtr k) => Native.kvb_key_client_get_key_attestation(out k, handle, Native.Utf8(name),
                                                                                     Native.Utf8(version)));
    }

    /// <summary>The result of one cryptographic operation, copied out of the native result.</summary>
    public sealed class CryptoResult
    {
        public string KeyId { get; }
        public string Algorithm { get; }
        public byte[] Output { get; }
        public byte[] Iv { get; }
        public byte[] Tag { get; }
        public byte[] Aad { get; }
        public bool IsValid { get; }

        internal CryptoResult(IntPtr native)
        {
            using (var m = new ModelReader(native, Native.kvb_crypto_result_free))
            {
                KeyId = m.Text(Native.kvb_crypto_result_key_id);
                Algorithm = m.Text(Native.kvb_crypto_result_algorithm);
                IsValid = m.Get(Native.kvb_crypto_result_is_valid) == 1;
                Output = Part(m, 0);
                Iv = Part(m, 1);
                Tag = Part(m, 2);
                Aad = Part(m, 3);
            }
        }

        private static byte[] Part(ModelReader m, int which) =>
            m.Bytes((out IntPtr data, out UIntPtr size, IntPtr r) => Native.kvb_crypto_result_bytes(out data, out size, r, which));
    }

    /// <summary>Operations with one vault key. Thread-safe.</summary>
    public sealed class CryptographyClient : IDisposable
    {
        private readonly OwnedHandle handle;

        public CryptographyClient(string keyId, Credential credential, ClientOptions options = null,
                                  bool localPublicOperations = false, string publicKeyJwk = null)
        {
            handle = Native.WithNative(text =>
            {
                var cryptography = Native.Defaults<Native.CryptographyNative>(Native.kvb_cryptography_options_init);
                cryptography.local_public_operations = localPublicOperations ? 1 : 0;
                cryptography.public_key_jwk = text.Add(publicKeyJwk);
                return cryptography;
            }, cryptography => Native.NewClient(options, (out IntPtr c, ref Native.ClientOptions o) =>
                Native.kvb_cryptography_client_new(out c, Native.Utf8(keyId), credential.Handle, cryptography, ref o),
                Native.kvb_cryptography_client_free));
        }

        private static CryptoResult Result(Native.HandleCall call) => Native.ModelOf(call, r => new CryptoResult(r));

        public Key GetKey() => Native.KeyOf((out IntPtr k) => Native.kvb_cryptography_client_get_key(out k, handle));
        public CryptoResult Encrypt(string algorithm, byte[] plaintext, byte[] iv = null, byte[] aad = null) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_encrypt(out r, handle, Native.Utf8(algorithm), plaintext,
                Native.Size(plaintext), iv, Native.Size(iv), aad, Native.Size(aad)));
        public CryptoResult Decrypt(string algorithm, byte[] ciphertext, byte[] iv = null, byte[] aad = null,
                                    byte[] tag = null) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_decrypt(out r, handle, Native.Utf8(algorithm),
                ciphertext, Native.Size(ciphertext), iv, Native.Size(iv), aad, Native.Size(aad), tag, Native.Size(tag)));
        public CryptoResult WrapKey(string algorithm, byte[] key) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_wrap_key(out r, handle, Native.Utf8(algorithm), key,
                                                                             Native.Size(key)));
        public CryptoResult UnwrapKey(string algorithm, byte[] encryptedKey) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_unwrap_key(out r, handle, Native.Utf8(algorithm),
                                                                               encryptedKey, Native.Size(encryptedKey)));
        /// <summary>A fresh AES-256 key made in the vault's TEE, returned wrapped (api-version 2026-04-01).</summary>
        public CryptoResult SecureWrapKey(string algorithm) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_secure_wrap_key(out r, handle, Native.Utf8(algorithm)));
        public CryptoResult SecureUnwrapKey(string algorithm, byte[] encryptedKey, string targetAttestationToken) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_secure_unwrap_key(out r, handle, Native.Utf8(algorithm),
                encryptedKey, Native.Size(encryptedKey), Native.Utf8(targetAttestationToken)));
        public CryptoResult Sign(string algorithm, byte[] digest) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_sign(out r, handle, Native.Utf8(algorithm), digest,
                                                                         Native.Size(digest)));
        public CryptoResult Verify(string algorithm, byte[] digest, byte[] signature) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_verify(out r, handle, Native.Utf8(algorithm), digest,
                Native.Size(digest), signature, Native.Size(signature)));
        public CryptoResult SignData(string algorithm, byte[] data) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_sign_data(out r, handle, Native.Utf8(algorithm), data,
                                                                              Native.Size(data)));
        public CryptoResult VerifyData(string algorithm, byte[] data, byte[] signature) =>
            Result((out IntPtr r) => Native.kvb_cryptography_client_verify_data(out r, handle, Native.Utf8(algorithm), data,
                Native.Size(data), signature, Native.Size(signature)));

        public void Dispose() => handle.Dispose();
    }
}
