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
    std::string name;     ///< the object name
    std::string id;       ///< full id with version (certificate id, or secret id for secrets)
    std::string secretId; ///< the certificate's "sid", or the secret id
    std::string x5t;      ///< certificates only
    std::map<std::string, std::string> tags; ///< the object's tags
    std::string version{};                   ///< the version part of id
    bool enabled = true;                     ///< attributes.enabled
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
    std::string name;                        ///< the certificate name in the vault
    SecretBytes value;                       ///< PFX bytes, or PEM text (chain + PKCS#8 key)
    bool pem = false;                        ///< value is PEM (application/x-pem-file) rather than PFX
    SecretString password;                   ///< PFX password; empty when none
    std::map<std::string, std::string> tags; ///< tags of the new version
};

/** @brief What to store as a secret (a public certificate without key). */
struct SecretRequest {
    std::string name;                        ///< the secret name in the vault
    SecretString value;                      ///< the secret value (PEM text)
    std::string contentType;                 ///< e.g. application/x-pem-file
    std::map<std::string, std::string> tags; ///< tags of the new version
};

/**
 * @brief Read and write one vault. Implementations must be safe to call from several threads.
 * Not-found answers are returned as nullopt; other failures throw kvb::Error subclasses.
 *
 * Writes are sent as the context given says. The migration passes a
 * Context::withoutWriteReplay() copy to importCertificate() and setSecret(): a write whose reply
 * is lost then reaches it as a TransportError instead of being sent again below it, and the
 * migration looks in the vault before writing again.
 */
class KVB_EXPORT VaultStore {
public:
    /** @brief Stores are shared with the Migrator and destroyed through this base. */
    virtual ~VaultStore() = default;

    /**
     * @brief The latest version of every (non-deleted) certificate, with x5t and tags.
     * @param context  cancellation and deadline.
     * @return the certificates, in no particular order.
     * @throws kvb::Error when the vault cannot be listed.
     */
    virtual std::vector<VaultObject> listCertificates(const Context& context) const = 0;
    /**
     * @brief The latest version of a certificate.
     * @param name  the certificate name.
     * @param context  cancellation and deadline.
     * @return the certificate, or nullopt when the vault has none of that name.
     * @throws kvb::Error for any other failure.
     */
    virtual std::optional<VaultObject> getCertificate(const std::string& name,
                                                      const Context& context) const = 0;
    /**
     * @brief A soft-deleted certificate of that name.
     * @param name  the certificate name.
     * @param context  cancellation and deadline.
     * @return the deleted certificate, or nullopt.
     * @throws kvb::Error for any other failure.
     */
    virtual std::optional<VaultObject> getDeletedCertificate(const std::string& name,
                                                             const Context& context) const = 0;
    /**
     * @brief The latest version of a secret (its value is not kept).
     * @param name  the secret name.
     * @param context  cancellation and deadline.
     * @return the secret's properties, or nullopt.
     * @throws kvb::Error for any other failure.
     */
    virtual std::optional<VaultObject> getSecretProperties(const std::string& name,
                                                           const Context& context) const = 0;
    /**
     * @brief Import a certificate.
     * @param request  name, material, password and tags.
     * @param context  cancellation, deadline and write replay (see the class notes).
     * @return the new version.
     * @throws kvb::http::TransportError when the reply is lost (the import may have been carried
     *         out); kvb::Error for any other failure.
     */
    virtual VaultObject importCertificate(const ImportRequest& request, const Context& context) const = 0;
    /**
     * @brief Recover a soft-deleted certificate and wait until it is readable.
     * @param name  the certificate name.
     * @param context  cancellation and deadline.
     * @return the recovered certificate.
     * @throws kvb::NotFoundError when nothing of that name is deleted; kvb::Error otherwise.
     */
    virtual VaultObject recoverDeletedCertificate(const std::string& name, const Context& context) const = 0;
    /**
     * @brief Set a secret.
     * @param request  name, value, content type and tags.
     * @param context  cancellation, deadline and write replay (see the class notes).
     * @return the new version (x5t empty).
     * @throws kvb::http::TransportError when the reply is lost; kvb::Error otherwise.
     */
    virtual VaultObject setSecret(const SecretRequest& request, const Context& context) const = 0;
    /**
     * @brief The certificate with its private key as the vault returns it (PFX bytes or PEM
     * text), for deep verification.
     * @param name  the certificate name.
     * @param[out] pem  true when the returned value is PEM text.
     * @param context  cancellation and deadline.
     * @return the value, wiped when destroyed.
     * @throws kvb::Error when it cannot be downloaded.
     */
    virtual SecretBytes downloadCertificate(const std::string& name, bool& pem,
                                            const Context& context) const = 0;
    /**
     * @brief Every version of a certificate or secret (no values).
     * @param kind  certificate or secret.
     * @param name  the object name.
     * @param context  cancellation and deadline.
     * @return the versions, none when the object does not exist.
     * @throws kvb::Error for any other failure.
     */
    virtual std::vector<VaultObject> listVersions(VaultObjectKind kind, const std::string& name,
                                                  const Context& context) const = 0;
    /**
     * @brief Set attributes.enabled = false on one version: kept, but no longer served to readers.
     * @param kind  certificate or secret.
     * @param name  the object name.
     * @param version  the version to disable; never empty.
     * @param context  cancellation and deadline.
     * @throws kvb::InvalidArgument for an empty version; kvb::Error when the update fails.
     */
    virtual void disableVersion(VaultObjectKind kind, const std::string& name, const std::string& version,
                                const Context& context) const = 0;
    /**
     * @brief The window of this store's writes, from the timeouts and retries it sends them with.
     * @return the window; zero durations mean one look for a write of unknown outcome.
     */
    virtual WriteWindow writeWindow() const = 0;
};

} // namespace kvb::migrate
