// SPDX-License-Identifier: MIT
#pragma once

// The documents of migrate.h that the C ABI writes itself: the plan. The inventory, the report and
// the pool guidance are the library's own JSON (kvb::migrate::toJson), shared with the CLI.

#include <kvbridge/migrate/migrator.hpp>

#include "documents/document.hpp"

namespace kvb::capi {

/** "migration plan". */
void writeMigrationPlan(JsonWriter& w, const migrate::Plan& p);

} // namespace kvb::capi
