// SPDX-License-Identifier: MIT
#pragma once

// JSON pieces shared by the report and the inventory output.

#include <kvbridge/migrate/models.hpp>

#include "core/json.hpp"

#include <vector>

namespace kvb::detail {

/** "references": [{"kind","id","storeLocation","storeName","visibility"}, ...] */
void writeUses(kvb::detail::JsonWriter& w, const std::vector<migrate::CertificateUse>& uses);

/** "files": [{"path","problem","detail","thumbprint","listedByBatch"[,"duplicateOf"]}, ...] */
void writeFileFindings(kvb::detail::JsonWriter& w, const std::vector<migrate::KeyFileFinding>& findings);

} // namespace kvb::detail
