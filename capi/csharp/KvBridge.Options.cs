// SPDX-License-Identifier: MIT
// The options of the Key Vault calls, as the C ABI's kvb_*_options structs take them: a public
// class per struct, and its native form, set up by the struct's _init and filled from the class.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace KvBridge
{
    /// <summary>Whether an object is enabled, and its tags; null leaves each to the service (in an update: as it is).</summary>
    public class TaggedOptions
    {
        public bool? Enabled { get; set; }
        /// <summary>The tags; in an update they replace every tag (empty: none left).</summary>
        public IDictionary<string, string> Tags { get; set; }
    }

    /// <summary>The settable attributes of a secret, key or certificate, and its tags.</summary>
    public class AttributeOptions : TaggedOptions
    {
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? ExpiresOn { get; set; }
    }

    /// <summary>Options of SecretClient.SetSecretWithOptions (kvb_secret_set_options).</summary>
    public sealed class SecretSetOptions : AttributeOptions
    {
        /// <summary>e.g. "text/plain"; null: none.</summary>
        public string ContentType { get; set; }
    }

    /// <summary>What SecretClient.UpdateSecretProperties changes (kvb_secret_update_options); null: as it is.</summary>
    public sealed class SecretUpdateOptions : AttributeOptions
    {
        public string ContentType { get; set; }
    }

    /// <summary>Options of KeyClient.CreateKey (kvb_key_create_options).</summary>
    public sealed class KeyCreateOptions : AttributeOptions
    {
        /// <summary>e.g. "sign", "verify"; null: every operation of the type.</summary>
        public IList<string> KeyOps { get; set; }
        /// <summary>RSA 2048, 3072, 4096; oct 128, 192, 256; 0: the service's.</summary>
        public int KeySize { get; set; }
        /// <summary>RSA; 0: the service's (65537).</summary>
        public int PublicExponent { get; set; }
        /// <summary>EC: "P-256" (default), "P-384", "P-521", "P-256K".</summary>
        public string Curve { get; set; }
        /// <summary>An exportable key needs a release policy.</summary>
        public bool? Exportable { get; set; }
        /// <summary>Make the -HSM type of RSA, EC or oct.</summary>
        public bool HardwareProtected { get; set; }
        /// <summary>A "release policy" document (keys.h); null: none.</summary>
        public string ReleasePolicyJson { get; set; }
    }

    /// <summary>Options of KeyClient.ImportKey (kvb_key_import_options).</summary>
    public sealed class KeyImportOptions : AttributeOptions
    {
        public bool? HardwareProtected { get; set; }
        public bool? Exportable { get; set; }
        /// <summary>A "release policy" document (keys.h); null: none.</summary>
        public string ReleasePolicyJson { get; set; }
    }

    /// <summary>What KeyClient.UpdateKeyProperties changes (kvb_key_update_options); null: as it is.</summary>
    public sealed class KeyUpdateOptions : AttributeOptions
    {
        /// <summary>Replaces the permitted operations.</summary>
        public IList<string> KeyOps { get; set; }
        /// <summary>A "release policy" document (keys.h).</summary>
        public string ReleasePolicyJson { get; set; }
    }

    /// <summary>Options of CertificateClient.CreateCertificate (kvb_certificate_create_options).</summary>
    public sealed class CertificateCreateOptions : TaggedOptions
    {
        /// <summary>api-version 2026-04-01.</summary>
        public bool? PreserveCertOrder { get; set; }
    }

    /// <summary>How CertificateClient.ImportCertificate may re-encode a PFX before sending it.</summary>
    public enum PfxReencode
    {
        /// <summary>As given.</summary>
        None = 0,
        /// <summary>AES-256 and SHA-256.</summary>
        Aes256 = 1,
        /// <summary>3DES and SHA-1, for old readers.</summary>
        Legacy = 2,
    }

    /// <summary>Options of CertificateClient.ImportCertificate (kvb_certificate_import_options).</summary>
    public sealed class CertificateImportOptions : TaggedOptions
    {
        public bool? PreserveCertOrder { get; set; }
        /// <summary>A "policy" document (certificates.h); null: the service's, from the data.</summary>
        public string PolicyJson { get; set; }
        public PfxReencode Reencode { get; set; }
    }

    /// <summary>What CertificateClient.UpdateCertificateProperties changes (kvb_certificate_update_options).</summary>
    public sealed class CertificateUpdateOptions : AttributeOptions
    {
    }

    /// <summary>Options of CertificateClient.MergeCertificate (kvb_certificate_merge_options).</summary>
    public sealed class CertificateMergeOptions : TaggedOptions
    {
    }

    internal static partial class Native
    {
        internal const int Unset = -1; // KVB_UNSET

        internal static int Flag(bool? value) => value.HasValue ? (value.Value ? 1 : 0) : Unset;
        internal static long Seconds(DateTimeOffset? time) => time?.ToUnixTimeSeconds() ?? 0;

        // Classes, so that they travel as pointers and null is the C NULL. Fields as in the C structs.
        [StructLayout(LayoutKind.Sequential)]
        internal sealed class SecretSetNative
        {
            public uint version;
            public IntPtr content_type;
            public int enabled;
            public long not_before, expires_on;
            public IntPtr tags;
            public UIntPtr tag_count;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class SecretGetNative
        {
            public uint version;
            public IntPtr out_content_type;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class KeyCreateNative
        {
            public uint version;
            public int enabled;
            public long not_before, expires_on;
            public IntPtr tags;
            public UIntPtr tag_count;
            public IntPtr key_ops;
            public UIntPtr key_ops_count;
            public int key_size, public_exponent;
            public IntPtr curve;
            public int exportable, hardware_protected;
            public IntPtr release_policy_json;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class KeyImportNative
        {
            public uint version;
            public int enabled;
            public long not_before, expires_on;
            public IntPtr tags;
            public UIntPtr tag_count;
            public int hardware_protected, exportable;
            public IntPtr release_policy_json;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class KeyUpdateNative
        {
            public uint version;
            public int enabled;
            public long not_before, expires_on;
            public IntPtr tags;
            public UIntPtr tag_count;
            public IntPtr key_ops;
            public UIntPtr key_ops_count;
            public IntPtr release_policy_json;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class KeyReleaseNative
        {
            public uint version;
            public IntPtr nonce, encryption_algorithm;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class CryptographyNative
        {
            public uint version;
            public int local_public_operations;
            public IntPtr public_key_jwk;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class CertificateCreateNative
        {
            public uint version;
            public int enabled;
            public IntPtr tags;
            public UIntPtr tag_count;
            public int preserve_cert_order;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class CertificateMergeNative
        {
            public uint version;
            public int enabled;
            public IntPtr tags;
            public UIntPtr tag_count;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class CertificateImportNative
        {
            public uint version;
            public int enabled;
            public IntPtr tags;
            public UIntPtr tag_count;
            public int preserve_cert_order;
            public IntPtr policy_json;
            public int reencode;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class CertificateUpdateNative
        {
            public uint version;
            public int enabled;
            public long not_before, expires_on;
            public IntPtr tags;
            public UIntPtr tag_count;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal sealed class CertificateListNative
        {
            public uint version;
            public int max_results, include_pending;
        }

        [DllImport(Lib)] internal static extern int kvb_secret_set_options_init([In, Out] SecretSetNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_secret_update_options_init([In, Out] SecretSetNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_secret_get_options_init([In, Out] SecretGetNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_key_create_options_init([In, Out] KeyCreateNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_key_import_options_init([In, Out] KeyImportNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_key_update_options_init([In, Out] KeyUpdateNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_key_release_options_init([In, Out] KeyReleaseNative o, uint version);
        [DllImport(Lib)] internal static extern int kvb_cryptography_options_init([In, Out] CryptographyNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_create_options_init([In, Out] CertificateCreateNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_merge_options_init([In, Out] CertificateMergeNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_import_options_init([In, Out] CertificateImportNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_update_options_init([In, Out] CertificateUpdateNative o, uint version);
        [DllImport(Lib)]
        internal static extern int kvb_certificate_list_options_init([In, Out] CertificateListNative o, uint version);

        internal delegate int Init<T>(T native, uint version);

        /// <summary>
        /// Run <paramref name="call"/> with the native options <paramref name="toNative"/> makes; the
        /// strings they point to live (in wiped memory) until the call returns.
        /// </summary>
        internal static R WithNative<T, R>(Func<NativeStrings, T> toNative, Func<T, R> call)
        {
            using (var text = new NativeStrings()) return call(toNative(text));
        }

        /// <summary>A native options struct with the defaults of its _init (version 1).</summary>
        internal static T Defaults<T>(Init<T> init) where T : new()
        {
            var o = new T();
            Check(init(o, 1));
            return o;
        }

        // The fields every Key Vault options struct has: enabled and the tags, and most the times too.
        static void Tagged(TaggedOptions options, NativeStrings text, out int enabled, out IntPtr tags, out UIntPtr count)
        {
            enabled = Flag(options.Enabled);
            tags = text.AddTags(options.Tags, out count);
        }

        static void Attributes(AttributeOptions options, NativeStrings text, out int enabled, out long notBefore,
                               out long expiresOn, out IntPtr tags, out UIntPtr count)
        {
            Tagged(options, text, out enabled, out tags, out count);
            notBefore = Seconds(options.NotBefore);
            expiresOn = Seconds(options.ExpiresOn);
        }

        internal static SecretSetNative ToNative(this SecretSetOptions options, NativeStrings text) =>
            SecretAttributes(Defaults<SecretSetNative>(kvb_secret_set_options_init), options, options?.ContentType, text);

        // A secret's update struct has the fields of its set struct.
        internal static SecretSetNative ToNative(this SecretUpdateOptions options, NativeStrings text) =>
            SecretAttributes(Defaults<SecretSetNative>(kvb_secret_update_options_init), options, options?.ContentType, text);

        static SecretSetNative SecretAttributes(SecretSetNative o, AttributeOptions options, string contentType,
                                                NativeStrings text)
        {
            if (options == null) return o;
            o.content_type = text.Add(contentType);
            Attributes(options, text, out o.enabled, out o.not_before, out o.expires_on, out o.tags, out o.tag_count);
            return o;
        }

        internal static KeyCreateNative ToNative(this KeyCreateOptions options, NativeStrings text)
        {
            var o = Defaults<KeyCreateNative>(kvb_key_create_options_init);
            if (options == null) return o;
            Attributes(options, text, out o.enabled, out o.not_before, out o.expires_on, out o.tags, out o.tag_count);
            o.key_ops = text.AddArray(options.KeyOps);
            o.key_ops_count = (UIntPtr)(options.KeyOps?.Count ?? 0);
            o.key_size = options.KeySize;
            o.public_exponent = options.PublicExponent;
            o.curve = text.Add(options.Curve);
            o.exportable = Flag(options.Exportable);
            o.hardware_protected = options.HardwareProtected ? 1 : 0;
            o.release_policy_json = text.Add(options.ReleasePolicyJson);
            return o;
        }

        internal static KeyImportNative ToNative(this KeyImportOptions options, NativeStrings text)
        {
            var o = Defaults<KeyImportNative>(kvb_key_import_options_init);
            if (options == null) return o;
            Attributes(options, text, out o.enabled, out o.not_before, out o.expires_on, out o.tags, out o.tag_count);
            o.hardware_protected = Flag(options.HardwareProtected);
            o.exportable = Flag(options.Exportable);
            o.release_policy_json = text.Add(options.ReleasePolicyJson);
            return o;
        }

        internal static KeyUpdateNative ToNative(this KeyUpdateOptions options, NativeStrings text)
        {
            var o = Defaults<KeyUpdateNative>(kvb_key_update_options_init);
            if (options == null) return o;
            Attributes(options, text, out o.enabled, out o.not_before, out o.expires_on, out o.tags, out o.tag_count);
            // An empty list replaces the operations with none: it must not read as "unchanged".
            o.key_ops = options.KeyOps == null ? IntPtr.Zero : text.AddArray(options.KeyOps, atLeastOne: true);
            o.key_ops_count = (UIntPtr)(options.KeyOps?.Count ?? 0);
            o.release_policy_json = text.Add(options.ReleasePolicyJson);
            return o;
        }

        internal static CertificateCreateNative ToNative(this CertificateCreateOptions options, NativeStrings text)
        {
            var o = Defaults<CertificateCreateNative>(kvb_certificate_create_options_init);
            if (options == null) return o;
            Tagged(options, text, out o.enabled, out o.tags, out o.tag_count);
            o.preserve_cert_order = Flag(options.PreserveCertOrder);
            return o;
        }

        internal static CertificateMergeNative ToNative(this CertificateMergeOptions options, NativeStrings text)
        {
            var o = Defaults<CertificateMergeNative>(kvb_certificate_merge_options_init);
            if (options == null) return o;
            Tagged(options, text, out o.enabled, out o.tags, out o.tag_count);
            return o;
        }

        internal static CertificateImportNative ToNative(this CertificateImportOptions options, NativeStrings text)
        {
            var o = Defaults<CertificateImportNative>(kvb_certificate_import_options_init);
            if (options == null) return o;
            Tagged(options, text, out o.enabled, out o.tags, out o.tag_count);
            o.preserve_cert_order = Flag(options.PreserveCertOrder);
            o.policy_json = text.Add(options.PolicyJson);
            o.reencode = (int)options.Reencode;
            return o;
        }

        internal static CertificateUpdateNative ToNative(this CertificateUpdateOptions options, NativeStrings text)
        {
            var o = Defaults<CertificateUpdateNative>(kvb_certificate_update_options_init);
            if (options == null) return o;
            Attributes(options, text, out o.enabled, out o.not_before, out o.expires_on, out o.tags, out o.tag_count);
            return o;
        }
    }
}
