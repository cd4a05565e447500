// SPDX-License-Identifier: MIT
#pragma once

// What migrate.cpp needs from batch.cpp.

#include <kvbridge/batch/batch_client.hpp>

#include "capi_internal.hpp"

namespace kvb::capi {

/** The client behind @p handle; throws a wrong-handle error for anything else. */
const batch::BatchClient& batchClientOf(const kvb_batch_client* handle);

} // namespace kvb::capi
