// SPDX-License-Identifier: MIT
// How the C calls that wait for a long-running operation poll: kvb_operation_wait_options.

#include <kvbridge/operation.hpp>

#include <cstdint>

#include "capi_internal.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

// The C header spells the defaults out for KVB_OPERATION_WAIT_OPTIONS_INIT; they must stay the
// C++ ones.
constexpr kvb_operation_wait_options kInit = KVB_OPERATION_WAIT_OPTIONS_INIT;
static_assert(std::chrono::milliseconds(kInit.interval_ms) == PollOptions{}.interval);
static_assert(std::chrono::milliseconds(kInit.timeout_ms) == PollOptions{}.timeout);

} // namespace

PollOptions pollOptions(const kvb_operation_wait_options* options) {
    const auto& o = optionsOrDefaults(options);
    PollOptions out;
    out.interval = std::chrono::milliseconds(o.interval_ms);
    out.timeout = o.timeout_ms == UINT32_MAX ? std::chrono::milliseconds::max()
                                             : std::chrono::milliseconds(o.timeout_ms);
    return out;
}

} // namespace kvb::capi

using namespace kvb::capi;

extern "C" {

int kvb_operation_wait_options_init(kvb_operation_wait_options* options, unsigned int version) {
    return initOptions(options, version);
}

} // extern "C"
