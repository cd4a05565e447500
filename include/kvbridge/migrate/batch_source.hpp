// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file batch_source.hpp
 * @brief kvb::migrate::BatchSource: the Batch operations the migration needs.
 *
 * The migrator talks to Batch only through this interface, so it can be driven by the real
 * BatchClient (see batch_client_source.hpp) or by an in-memory fake in tests.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>

#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief A Batch certificate as listed. */
struct BatchCertificateRecord {
    std::string thumbprint; ///< hex, any case
    std::string state;      ///< active / deleting / deletefailed
    std::string publicData; ///< base64 DER
};

/** @brief A pool or a job schedule: its id and the service's JSON (CloudPool / CloudJobSchedule). */
struct BatchEntityRecord {
    std::string id;
    std::string json;
};

/**
 * @brief Read and clean up one Batch account. Implementations must be safe to call from several
 * threads at once.
 */
class KVB_EXPORT BatchSource {
public:
    virtual ~BatchSource() = default;

    /** @brief The account name (used in tags and reports). */
    virtual std::string accountName() const = 0;
    /**
     * @brief Every certificate of the account.
     * @throws kvb::CertificateRetiredError when the certificate API is gone.
     */
    virtual std::vector<BatchCertificateRecord> listCertificates(const Context& context) const = 0;
    /** @brief Every pool, as CloudPool JSON (certificateReferences, virtualMachineConfiguration...). */
    virtual std::vector<BatchEntityRecord> listPools(const Context& context) const = 0;
    /** @brief Every job schedule, as CloudJobSchedule JSON. */
    virtual std::vector<BatchEntityRecord> listJobSchedules(const Context& context) const = 0;
    /** @brief Remove every certificate reference of a pool. */
    virtual void clearPoolCertificateReferences(const std::string& poolId, const Context& context) const = 0;
    /** @brief Start deleting a certificate (Batch answers 202; the state moves to deleting). */
    virtual void deleteCertificate(const std::string& thumbprint, const Context& context) const = 0;
    /** @brief The certificate's current state ("active", "deleting", "deletefailed"). */
    virtual std::string certificateState(const std::string& thumbprint, const Context& context) const = 0;
};

} // namespace kvb::migrate
