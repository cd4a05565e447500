// SPDX-License-Identifier: MIT
#include "cli_services.hpp"

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/error.hpp>
#include <kvbridge/identity/default_azure_credential.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/batch_client_source.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>

#include <cstdlib>

namespace kvbcli {

using namespace kvb;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? std::string() : std::string(v);
}

} // namespace

http::ClientOptions clientOptions(const Options& o) {
    http::ClientOptions c;
    c.transportOptions.caFile = o.caFile;
    c.transportOptions.connectTo = o.connectTo;
    c.transportOptions.timeout = std::chrono::seconds(o.timeoutSeconds);
    c.applicationId = "kvbridge-cli";
    return c;
}

std::shared_ptr<const identity::TokenCredential> credential(const Options& o) {
    identity::DefaultAzureCredentialOptions options;
    options.credential.client = clientOptions(o);
    options.managedIdentity.client = clientOptions(o);
    options.managedIdentity.clientId = env("AZURE_CLIENT_ID");
    return std::make_shared<identity::DefaultAzureCredential>(std::move(options));
}

namespace {

// Every call fails with the reason the real store could not be made.
class UnavailableVault : public migrate::VaultStore {
public:
    explicit UnavailableVault(std::string reason) : reason_(std::move(reason)) {}
    std::vector<migrate::VaultObject> listCertificates(const Context&) const override { fail(); }
    std::optional<migrate::VaultObject> getCertificate(const std::string&, const Context&) const override {
        fail();
    }
    std::optional<migrate::VaultObject> getDeletedCertificate(const std::string&,
                                                              const Context&) const override {
        fail();
    }
    std::optional<migrate::VaultObject> getSecretProperties(const std::string&,
                                                            const Context&) const override {
        fail();
    }
    migrate::VaultObject importCertificate(const migrate::ImportRequest&, const Context&) const override {
        fail();
    }
    migrate::VaultObject recoverDeletedCertificate(const std::string&, const Context&) const override {
        fail();
    }
    migrate::VaultObject setSecret(const migrate::SecretRequest&, const Context&) const override { fail(); }
    SecretBytes downloadCertificate(const std::string&, bool&, const Context&) const override { fail(); }
    std::vector<migrate::VaultObject> listVersions(migrate::VaultObjectKind, const std::string&,
                                                   const Context&) const override {
        fail();
    }
    void disableVersion(migrate::VaultObjectKind, const std::string&, const std::string&,
                        const Context&) const override {
        fail();
    }
    migrate::WriteWindow writeWindow() const override { return {}; }

private:
    [[noreturn]] void fail() const { throw InvalidArgument(reason_); }
    std::string reason_;
};

} // namespace

std::shared_ptr<const migrate::BatchSource> makeBatchSource(const Options& o) {
    batch::BatchClientOptions options;
    options.client = clientOptions(o);
    if (!o.batchSharedKeyEnv.empty()) {
        const char* key = std::getenv(o.batchSharedKeyEnv.c_str());
        if (key == nullptr)
            throw InvalidArgument("environment variable " + o.batchSharedKeyEnv + " is not set");
        std::string account = o.batchAccountName;
        if (account.empty()) {
            // https://<account>.<region>.batch.azure.com
            const auto start = o.batchAccountUrl.find("://");
            const auto host = o.batchAccountUrl.substr(start == std::string::npos ? 0 : start + 3);
            account = host.substr(0, host.find_first_of(".:/"));
        }
        auto shared = std::make_shared<identity::SharedKeyCredential>(account, SecretString(key));
        return std::make_shared<migrate::BatchClientSource>(
            batch::BatchClient(o.batchAccountUrl, shared, options), o.batchAccountName);
    }
    return std::make_shared<migrate::BatchClientSource>(
        batch::BatchClient(o.batchAccountUrl, credential(o), options), o.batchAccountName);
}

std::shared_ptr<const migrate::VaultStore> makeVaultStore(const Options& o) {
    if (o.vaultUrl.empty()) return std::make_shared<UnavailableVault>("no --vault given");
    try {
        keyvault::KeyVaultClientOptions options;
        options.client = clientOptions(o);
        options.verifyChallengeResource = !o.disableChallengeResourceVerification;
        return std::make_shared<migrate::KeyVaultStore>(o.vaultUrl, credential(o), options);
    } catch (const InvalidArgument& e) {
        return std::make_shared<UnavailableVault>(std::string("vault ") + o.vaultUrl + ": " + e.what());
    }
}

} // namespace kvbcli
