// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file vault_store.hpp
 * @brief kvb::migrate::VaultStore: the Key Vault operations the migration needs.
 *
 * Implemented over CertificateClient and SecretClient by KeyVaultStore (keyvault_store.hpp);
 * tests use an in-memory fake.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief A certificate or secret as the vault reports it. */
struct VaultObject {
    std::string name;
    std::string id;       ///< full id with version (certificate id, or secret id for secrets)
    std::string secretId; ///< the certificate's "sid", or the secret id
    std::string x5t;      ///< certificates only
    std::map<std::string, std::string> tags;
    std::string version{}; ///< the version part of id
    bool enabled = true;   ///< attributes.enabled
};

/** @brief The two kinds of object the migration writes. */
enum class VaultObjectKind {
    Certificate, ///< imported PFX / PEM
    Secret,      ///< a public certificate stored as a secret
};

/**
 * @brief How long after a write was sent the vault may still carry it out, as far as the
 * client's own timeouts tell: a service that takes longer has outlived the client's wait.
 */
struct WriteWindow {
    /** After any one try was sent: the transport's whole-transfer timeout. */
    std::chrono::milliseconds perTry{0};
    /** After the first try was sent: every try and pause the retry policy allows. */
    std::chrono::milliseconds wholeCall{0};
};

/** @brief What to import as a certificate. */
struct ImportRequest {
    std::string name;
    SecretBytes value;     ///< PFX bytes, or PEM text (chain + PKCS#8 key)
    bool pem = false;      ///< value is PEM (application/x-pem-file) rather than PFX
    SecretString password; ///< PFX password; empty when none
    std::map<std::string, std::string> tags;
};

/** @brief What to store as a secret (a public certificate without key). */
struct SecretRequest {
    std::string name;
    SecretString value;
    std::string contentType;
    std::map<std::string, std::string> tags;
};

/**
 * @brief Read and write one vault. Implementations must be safe to call from several threads.
 * Not-found answers are returned as nullopt; other failures throw kvb::Error subclasses.
 */
class KVB_EXPORT VaultStore {
public:
    virtual ~VaultStore() = default;

    /** @brief The latest version of every (non-deleted) certificate, with x5t and tags. */
    virtual std::vector<VaultObject> listCertificates(const Context& context) const = 0;
    /** @brief The latest version of a certificate, or nullopt. */
    virtual std::optional<VaultObject> getCertificate(const std::string& name,
                                                      const Context& context) const = 0;
    /** @brief A soft-deleted certificate of that name, or nullopt. */
    virtual std::optional<VaultObject> getDeletedCertificate(const std::string& name,
                                                             const Context& context) const = 0;
    /** @brief The latest version of a secret (value not kept), or nullopt. */
    virtual std::optional<VaultObject> getSecretProperties(const std::string& name,
                                                           const Context& context) const = 0;
    /**
     * @brief Import; returns the new version. Sent as @p context says: the migration passes
     * Context::withoutWriteReplay(), since it settles a lost reply itself.
     */
    virtual VaultObject importCertificate(const ImportRequest& request, const Context& context) const = 0;
    /** @brief Recover a soft-deleted certificate and wait until it is readable. */
    virtual VaultObject recoverDeletedCertificate(const std::string& name, const Context& context) const = 0;
    /** @brief Set a secret; returns the new version (x5t empty). Sent as importCertificate(). */
    virtual VaultObject setSecret(const SecretRequest& request, const Context& context) const = 0;
    /**
     * @brief The certificate with its private key as the vault returns it (PFX bytes or PEM
     * text), for deep verification.
     * @param[out] pem  true when the returned value is PEM text.
     */
    virtual SecretBytes downloadCertificate(const std::string& name, bool& pem,
                                            const Context& context) const = 0;
    /** @brief Every version of a certificate or secret (no values), or none when it does not exist. */
    virtual std::vector<VaultObject> listVersions(VaultObjectKind kind, const std::string& name,
                                                  const Context& context) const = 0;
    /** @brief Set attributes.enabled = false on one version: kept, but no longer served to readers. */
    virtual void disableVersion(VaultObjectKind kind, const std::string& name, const std::string& version,
                                const Context& context) const = 0;
    /** @brief The window of this store's writes, from the timeouts and retries it sends them with. */
    virtual WriteWindow writeWindow() const = 0;
};

} // namespace kvb::migrate
