// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file keyvault_store.hpp
 * @brief kvb::migrate::KeyVaultStore: VaultStore over CertificateClient and SecretClient.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/vault_store.hpp>

namespace kvb::migrate {

/**
 * @brief One vault through the typed clients (both for the same vault URL). Thread-safe.
 * Imports carry a policy whose secret content type matches the value (PKCS#12 or PEM) and an
 * exportable key, so the VM extension can install the certificate with its key.
 */
class KVB_EXPORT KeyVaultStore : public VaultStore {
public:
    KeyVaultStore(keyvault::CertificateClient certificates, keyvault::SecretClient secrets);

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

private:
    keyvault::CertificateClient certificates_;
    keyvault::SecretClient secrets_;
};

} // namespace kvb::migrate
