// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file keyvault_store.hpp
 * @brief kvb::migrate::KeyVaultStore: VaultStore over CertificateClient and SecretClient.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <memory>
#include <string>

namespace kvb::migrate {

/**
 * @brief One vault through the typed clients (both for the same vault URL). Thread-safe.
 * Imports carry a policy whose secret content type matches the value (PKCS#12 or PEM) and an
 * exportable key, so the VM extension can install the certificate with its key.
 */
class KVB_EXPORT KeyVaultStore : public VaultStore {
public:
    /**
     * @brief Both clients for @p vaultUrl with @p options, whose transport timeout and retry
     * bounds give writeWindow(). Nothing is sent until the migrator asks.
     * @param[in] vaultUrl    https://{vault}[:port], no path.
     * @param[in] credential  source of Entra ID tokens, shared by both clients.
     * @param[in] options     api-version, transport, retry and logging of both clients.
     * @throws InvalidArgument as the clients' constructors.
     */
    KeyVaultStore(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                  keyvault::KeyVaultClientOptions options = {});
    /**
     * @brief Over clients made elsewhere; writeWindow() assumes they use @p clientOptions' transport
     * timeout and retry bounds (the defaults unless given).
     * @param[in] certificates   a client of the vault (copied; copies share its pipeline).
     * @param[in] secrets        a client of the same vault.
     * @param[in] clientOptions  the options the two clients were made with; only the transport
     *                           timeout and the retry bounds are read.
     */
    KeyVaultStore(keyvault::CertificateClient certificates, keyvault::SecretClient secrets,
                  const http::ClientOptions& clientOptions = {});

    std::vector<VaultObject> listCertificates(const Context& context) const override;
    std::optional<VaultObject> getCertificate(const std::string& name, const Context& context) const override;
    std::optional<VaultObject> getDeletedCertificate(const std::string& name,
                                                     const Context& context) const override;
    std::optional<VaultObject> getSecretProperties(const std::string& name,
                                                   const Context& context) const override;
    VaultObject importCertificate(const ImportRequest& request, const Context& context) const override;
    VaultObject recoverDeletedCertificate(const std::string& name, const Context& context) const override;
    VaultObject setSecret(const SecretRequest& request, const Context& context) const override;
    SecretBytes downloadCertificate(const std::string& name, bool& pem,
                                    const Context& context) const override;
    std::vector<VaultObject> listVersions(VaultObjectKind kind, const std::string& name,
                                          const Context& context) const override;
    void disableVersion(VaultObjectKind kind, const std::string& name, const std::string& version,
                        const Context& context) const override;
    WriteWindow writeWindow() const override { return window_; }

private:
    keyvault::CertificateClient certificates_;
    keyvault::SecretClient secrets_;
    WriteWindow window_;
};

} // namespace kvb::migrate
