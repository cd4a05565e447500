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
     * @brief A source over @p client; nothing is sent until the migrator asks.
     * @param[in] client       the account's client (copied; copies share its pipeline).
     * @param[in] accountName  for tags and reports; empty: the first label of the account URL's
     *                         host ("myaccount" for https://myaccount.westeurope.batch.azure.com).
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
