// SPDX-License-Identifier: MIT
#pragma once

// The documents of batch.h: certificate, pool, job schedule, job.

#include <kvbridge/batch/certificate.hpp>
#include <kvbridge/batch/job_schedule.hpp>
#include <kvbridge/batch/pool.hpp>

#include "documents/document.hpp"

namespace kvb::capi {

/** "batch certificate". */
void writeBatchCertificate(JsonWriter& w, const batch::BatchCertificate& c);
/** "batch pool". */
void writeBatchPool(JsonWriter& w, const batch::BatchPool& p);
/** "batch job schedule". */
void writeBatchJobSchedule(JsonWriter& w, const batch::BatchJobSchedule& s);
/** "batch job". */
void writeBatchJob(JsonWriter& w, const batch::BatchJob& j);

/** The certificate references of a job schedule's or job's auto-pool specification (none without one). */
template <class JobLike>
const std::vector<batch::CertificateReference>& autoPoolReferences(const JobLike& s) {
    static const std::vector<batch::CertificateReference> none;
    if (!s.poolInfo || !s.poolInfo->autoPoolSpecification || !s.poolInfo->autoPoolSpecification->pool)
        return none;
    return s.poolInfo->autoPoolSpecification->pool->certificateReferences;
}

} // namespace kvb::capi
