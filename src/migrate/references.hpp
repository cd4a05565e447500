// SPDX-License-Identifier: MIT
#pragma once

// Reading certificate references out of Batch pool and job schedule JSON.

#include <kvbridge/migrate/models.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kvb::detail {

/** (upper-case thumbprint, use) for each sha1 reference of a CloudPool or CloudJobSchedule. */
std::vector<std::pair<std::string, migrate::CertificateUse>>
certificateUsesOf(migrate::ReferenceKind kind, const std::string& id, const std::string& json);

/** A CloudPool's certificateReferences array as JSON text ("[]" when it has none). */
std::string certificateReferencesOf(const std::string& poolJson);

/** @p poolJson with its certificateReferences replaced by @p referencesJson (a JSON array). */
std::string withCertificateReferences(const std::string& poolJson, const std::string& referencesJson);

/** A job schedule's jobSpecification.poolInfo.autoPoolSpecification.pool as JSON text, if any. */
std::optional<std::string> autoPoolOf(const std::string& jobScheduleJson);

} // namespace kvb::detail
