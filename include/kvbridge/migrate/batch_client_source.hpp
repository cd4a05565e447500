// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file batch_client_source.hpp
 * @brief kvb::migrate::BatchClientSource: BatchSource over a real batch::BatchClient.
 */

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/migrate/batch_source.hpp>

#include <string>

namespace kvb::migrate {

/** @brief Reads and cleans up a Batch account through batch::BatchClient. Thread-safe. */
class KVB_EXPORT BatchClientSource : public BatchSource {
public:
    /**
     * @param[in] client       the account's client.
     * @param[in] accountName  for tags and reports; empty: the first label of the account URL.
     */
    explicit BatchClientSource(batch::BatchClient client, std::string accountName = {});

    std::string accountName() const override { return accountName_; }
    std::vector<BatchCertificateRecord> listCertificates(const Context& context) const override;
    std::vector<BatchEntityRecord> listPools(const Context& context) const override;
    std::vector<BatchEntityRecord> listJobSchedules(const Context& context) const override;
    void clearPoolCertificateReferences(const std::string& poolId, const Context& context) const override;
    void deleteCertificate(const std::string& thumbprint, const Context& context) const override;
    std::string certificateState(const std::string& thumbprint, const Context& context) const override;

private:
    batch::BatchClient client_;
    std::string accountName_;
};

} // namespace kvb::migrate
