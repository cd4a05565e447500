// SPDX-License-Identifier: MIT
#pragma once

// In-memory BatchSource and VaultStore for engine tests.

#include <kvbridge/migrate/batch_source.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace kvb::test {

class FakeBatch : public migrate::BatchSource {
public:
    bool retired = false;
    std::vector<migrate::BatchCertificateRecord> certificates;
    std::vector<migrate::BatchEntityRecord> pools;
    std::vector<migrate::BatchEntityRecord> jobSchedules;
    mutable std::mutex mutex;
    mutable std::vector<std::string> clearedPools;
    mutable std::vector<std::string> deleted;

    /** Add a pool referencing @p thumbprints (storeLocation/storeName given per pool). */
    void addPool(const std::string& id, const std::vector<std::string>& thumbprints, bool windows = false);
    void addJobSchedule(const std::string& id, const std::vector<std::string>& thumbprints);

    std::string accountName() const override { return "fakebatch"; }
    std::vector<migrate::BatchCertificateRecord> listCertificates(const Context&) const override;
    std::vector<migrate::BatchEntityRecord> listPools(const Context&) const override { return pools; }
    std::vector<migrate::BatchEntityRecord> listJobSchedules(const Context&) const override {
        return jobSchedules;
    }
    void clearPoolCertificateReferences(const std::string& poolId, const Context&) const override;
    void deleteCertificate(const std::string& thumbprint, const Context&) const override;
    std::string certificateState(const std::string& thumbprint, const Context&) const override;
};

class FakeVault : public migrate::VaultStore {
public:
    struct Version {
        migrate::VaultObject object;
        std::string keyPem; ///< PKCS#8 key from the import, for downloads
        std::string value;
        bool pem = false;
    };
    mutable std::mutex mutex;
    mutable std::map<std::string, std::vector<Version>> certificates; // by lower-case name
    mutable std::map<std::string, migrate::VaultObject> deleted;      // by lower-case name
    mutable std::map<std::string, std::vector<migrate::VaultObject>> secrets;
    mutable std::atomic<int> writes{0};
    /** Names whose import fails with a 500 ServiceError. */
    std::set<std::string> failImports;
    /** Names whose next import is carried out, but its reply is lost (a TransportError). */
    mutable std::set<std::string> loseReply;
    /** Names whose import "succeeds" but reports this x5t. */
    std::map<std::string, std::string> lieAboutX5t;
    /** Throw this from every call (an unusable vault). */
    std::string brokenReason;
    /** What writeWindow() answers: zero, so a write of unknown outcome is looked for once. */
    migrate::WriteWindow window{};
    mutable std::atomic<int> disables{0};

    std::size_t versionCount(const std::string& name) const;

    std::vector<migrate::VaultObject> listCertificates(const Context&) const override;
    std::optional<migrate::VaultObject> getCertificate(const std::string& name,
                                                       const Context&) const override;
    std::optional<migrate::VaultObject> getDeletedCertificate(const std::string& name,
                                                              const Context&) const override;
    std::optional<migrate::VaultObject> getSecretProperties(const std::string& name,
                                                            const Context&) const override;
    migrate::VaultObject importCertificate(const migrate::ImportRequest& request,
                                           const Context&) const override;
    migrate::VaultObject recoverDeletedCertificate(const std::string& name, const Context&) const override;
    migrate::VaultObject setSecret(const migrate::SecretRequest& request, const Context&) const override;
    SecretBytes downloadCertificate(const std::string& name, bool& pem, const Context&) const override;
    std::vector<migrate::VaultObject> listVersions(migrate::VaultObjectKind kind, const std::string& name,
                                                   const Context&) const override;
    void disableVersion(migrate::VaultObjectKind kind, const std::string& name, const std::string& version,
                        const Context&) const override;
    migrate::WriteWindow writeWindow() const override { return window; }

private:
    void checkBroken() const;
};

} // namespace kvb::test
