// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file certificate_bundle.hpp
 * @brief kvb::pki::CertificateBundle: a certificate, its chain and (optionally) its private key.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/pki/certificate.hpp>
#include <kvbridge/pki/pki_types.hpp>
#include <kvbridge/secret_string.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::detail {
struct CertificateBundleAccess;
}

namespace kvb::pki {

/** @brief Options of CertificateBundle::loadPfx(). */
struct PfxLoadOptions {
    /** Fail with "no private key" when the PFX holds certificates only. */
    bool requirePrivateKey = true;
};

/**
 * @brief Key material as the migration moves it: a leaf certificate, the rest of its chain and
 * the leaf's private key when there is one.
 *
 * Loaders accept PKCS#12 (PFX), PEM (certificates plus a PKCS#1 RSA, SEC1 EC or PKCS#8 key,
 * plain or encrypted) and DER certificates. The chain is always ordered leaf first, then each
 * issuer, whatever the order in the input. Exports that contain the private key return
 * SecretString / SecretBytes so the bytes are wiped when dropped.
 *
 * Error messages name the problem ("wrong password", "not a PKCS#12 file", "no private key",
 * "unsupported algorithm"), never a password or key bytes.
 *
 * Copies share the (immutable) private key. Thread-safe for concurrent const use.
 */
class KVB_EXPORT CertificateBundle {
public:
    /**
     * @brief Read a PKCS#12 / PFX file.
     * @param[in] pfx       the binary PFX.
     * @param[in] password  its password; empty for a PFX without one.
     * @param[in] options   see PfxLoadOptions.
     * @return The bundle, chain ordered leaf first.
     * @throws kvb::CryptoError "not a PKCS#12 file", "wrong password", "no private key",
     *         "unsupported algorithm" (e.g. RC2 without OpenSSL's legacy provider).
     */
    static CertificateBundle loadPfx(std::span<const std::uint8_t> pfx, const SecretString& password = {},
                                     const PfxLoadOptions& options = {});

    /**
     * @brief Read PEM text: any number of certificates and at most one private key (PKCS#1
     * "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY", PKCS#8 "PRIVATE KEY" or "ENCRYPTED PRIVATE
     * KEY", or a legacy encrypted PEM key). Other blocks are ignored.
     * @param[in] pem       the PEM text.
     * @param[in] password  needed only for an encrypted key.
     * @return The bundle, chain ordered leaf first.
     * @throws kvb::CryptoError no certificate, an unreadable block, "password required",
     *         "wrong password".
     */
    static CertificateBundle loadPem(std::string_view pem, const SecretString& password = {});

    /**
     * @brief Read a certificate without a key (.cer / .der / .crt): one DER certificate, or PEM
     * text with one or more certificates. Any private key in PEM input is ignored.
     * @param[in] bytes  the file's content.
     * @return A bundle without a private key.
     * @throws kvb::CryptoError when no certificate can be read.
     */
    static CertificateBundle loadDer(std::span<const std::uint8_t> bytes);

    /**
     * @brief Detect the container of @p bytes and load it (see detectFormat()).
     * @param[in] bytes     the file's content: PFX, PEM or DER.
     * @param[in] password  of the PFX or the encrypted PEM key; empty when none.
     * @return The bundle.
     * @throws kvb::CryptoError as the matching loader, or "unrecognised format".
     */
    static CertificateBundle load(std::span<const std::uint8_t> bytes, const SecretString& password = {});

    /**
     * @brief Read a file and load() it. The file content is wiped from memory after parsing.
     * @param[in] path      the file.
     * @param[in] password  of the PFX or the encrypted PEM key; empty when none.
     * @return The bundle.
     * @throws kvb::InvalidArgument when the file cannot be read.
     * @throws kvb::CryptoError as load().
     */
    static CertificateBundle loadFile(const std::filesystem::path& path, const SecretString& password = {});

    /**
     * @brief Guess the container: PEM text, a DER certificate or a PFX.
     * @param[in] bytes  the file's content.
     * @return The format.
     * @throws kvb::CryptoError "unrecognised format" when it is none of them.
     */
    static ContainerFormat detectFormat(std::span<const std::uint8_t> bytes);

    /**
     * @brief A copy that shares the (immutable) private key.
     * @param[in] other  the bundle to copy.
     */
    CertificateBundle(const CertificateBundle& other);
    /**
     * @brief Takes over @p other's contents; @p other must not be used afterwards except to be
     * assigned to or destroyed.
     * @param[in,out] other  the bundle to move from.
     */
    CertificateBundle(CertificateBundle&& other) noexcept;
    /**
     * @brief Becomes a copy of @p other, sharing its private key.
     * @param[in] other  the bundle to copy.
     * @return This bundle.
     */
    CertificateBundle& operator=(const CertificateBundle& other);
    /**
     * @brief Takes over @p other's contents (see the move constructor).
     * @param[in,out] other  the bundle to move from.
     * @return This bundle.
     */
    CertificateBundle& operator=(CertificateBundle&& other) noexcept;
    /** @brief Frees the private key once no copy holds it. */
    ~CertificateBundle();

    /** @return The leaf (end-entity) certificate; the one the private key belongs to. */
    const Certificate& certificate() const noexcept;
    /** @return Every certificate, leaf first, then its issuer, and so on; [0] is certificate(). */
    const std::vector<Certificate>& chain() const noexcept;

    /** @return True when a private key was loaded. */
    bool hasPrivateKey() const noexcept;
    /** @return Family of the private key, or of the leaf's public key when there is no key. */
    KeyType keyType() const noexcept;
    /** @return Key size in bits (2048 for RSA-2048, 256 for P-256). */
    int keyBits() const noexcept;
    /** @return True when there is a private key and it matches the leaf's public key. */
    bool privateKeyMatchesCertificate() const noexcept;

    /**
     * @brief Write a new PFX with the chain and the key.
     * @param[in] password    may be empty (Key Vault accepts unprotected PFX).
     * @param[in] encryption  algorithms to use; see PfxEncryption.
     * @return The PFX bytes, wiped when dropped.
     * @throws kvb::CryptoError when there is no private key or encoding fails.
     */
    SecretBytes toPfx(const SecretString& password,
                      PfxEncryption encryption = PfxEncryption::Aes256Sha256) const;

    /**
     * @brief The private key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), the only
     * key form Key Vault's PEM import accepts.
     * @return The PEM text, wiped when dropped.
     * @throws kvb::CryptoError when there is no private key.
     */
    SecretString privateKeyPkcs8Pem() const;

    /**
     * @brief The whole chain (leaf first) followed by the PKCS#8 private key, as PEM: the body of
     * a Key Vault PEM import. Without a private key, only the certificates.
     * @return The PEM text, wiped when dropped.
     * @throws kvb::CryptoError when encoding fails.
     */
    SecretString toPem() const;

    /** @return The chain only (leaf first) as PEM; no secret. */
    std::string certificatesPem() const;

private:
    struct Impl;
    explicit CertificateBundle(std::unique_ptr<Impl> impl);
    /** The library's loaders build bundles from OpenSSL objects, which this header cannot name. */
    friend struct kvb::detail::CertificateBundleAccess;

    std::unique_ptr<Impl> impl_;
};

} // namespace kvb::pki
