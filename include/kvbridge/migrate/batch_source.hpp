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
    std::string id;   ///< the pool id or job schedule id, as Batch spells it
    std::string json; ///< the whole object as the service returned it, one JSON object
};

/**
 * @brief Read and clean up one Batch account. Implementations must be safe to call from several
 * threads at once.
 */
class KVB_EXPORT BatchSource {
public:
    /** @brief Sources are shared with the Migrator and destroyed through this base. */
    virtual ~BatchSource() = default;

    /** @return The account name, put in the tags of migrated objects and in reports. */
    virtual std::string accountName() const = 0;
    /**
     * @brief Every certificate of the account, all pages read.
     * @param[in] context  cancellation and deadline.
     * @return The certificates in the service's order.
     * @throws kvb::CertificateRetiredError when the certificate API is gone (the migrator then
     *         takes the thumbprints from pool and job schedule references); kvb::Error subclasses
     *         for other failures.
     */
    virtual std::vector<BatchCertificateRecord> listCertificates(const Context& context) const = 0;
    /**
     * @brief Every pool, all pages read.
     * @param[in] context  cancellation and deadline.
     * @return Each pool with its CloudPool JSON (certificateReferences, virtualMachineConfiguration...).
     * @throws kvb::Error subclasses when the pools cannot be listed.
     */
    virtual std::vector<BatchEntityRecord> listPools(const Context& context) const = 0;
    /**
     * @brief Every job schedule, all pages read.
     * @param[in] context  cancellation and deadline.
     * @return Each job schedule with its CloudJobSchedule JSON (auto-pool specification included).
     * @throws kvb::Error subclasses when the job schedules cannot be listed.
     */
    virtual std::vector<BatchEntityRecord> listJobSchedules(const Context& context) const = 0;
    /**
     * @brief Remove every certificate reference of a pool; its other settings stay.
     * @param[in] poolId   the pool.
     * @param[in] context  cancellation and deadline.
     * @throws kvb::NotFoundError when there is no such pool; kvb::Error subclasses for other failures.
     */
    virtual void clearPoolCertificateReferences(const std::string& poolId, const Context& context) const = 0;
    /**
     * @brief Start deleting a certificate (Batch answers 202; the state moves to deleting and
     * the deletion may still fail, see certificateState()).
     * @param[in] thumbprint  the SHA-1 thumbprint, hex.
     * @param[in] context     cancellation and deadline.
     * @throws kvb::NotFoundError when it is gone already (the migrator takes that as done);
     *         kvb::ConflictError when it is already being deleted; kvb::Error subclasses for
     *         other failures.
     */
    virtual void deleteCertificate(const std::string& thumbprint, const Context& context) const = 0;
    /**
     * @brief Read the certificate's current state, to follow a deletion.
     * @param[in] thumbprint  the SHA-1 thumbprint, hex.
     * @param[in] context     cancellation and deadline.
     * @return "active", "deleting" or "deletefailed"; empty when the service gives no state.
     * @throws kvb::NotFoundError once the certificate is gone; kvb::Error subclasses for other failures.
     */
    virtual std::string certificateState(const std::string& thumbprint, const Context& context) const = 0;
};

} // namespace kvb::migrate
