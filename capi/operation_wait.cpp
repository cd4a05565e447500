// SPDX-License-Identifier: MIT
// How the C calls that wait for a long-running operation poll: kvb_operation_wait_options.

#include <kvbridge/operation.hpp>

#include <cstdint>

#include "capi_internal.hpp"

namespace kvb::capi {

namespace {

// The C header spells the defaults out for KVB_OPERATION_WAIT_OPTIONS_INIT; they must stay the
// C++ ones.
constexpr kvb_operation_wait_options kInit = KVB_OPERATION_WAIT_OPTIONS_INIT;
static_assert(std::chrono::milliseconds(kInit.interval_ms) == PollOptions{}.interval);
static_assert(std::chrono::milliseconds(kInit.timeout_ms) == PollOptions{}.timeout);

} // namespace

PollOptions pollOptions(const kvb_operation_wait_options* options) {
    requireVersion(options, "kvb_operation_wait_options");
    if (options == nullptr) return {};
    PollOptions out;
    out.interval = std::chrono::milliseconds(options->interval_ms);
    out.timeout = options->timeout_ms == UINT32_MAX ? std::chrono::milliseconds::max()
                                                    : std::chrono::milliseconds(options->timeout_ms);
    return out;
}

} // namespace kvb::capi

using namespace kvb::capi;

extern "C" {

int kvb_operation_wait_options_init(kvb_operation_wait_options* options, unsigned int version) {
    return guard([&] {
        requireOut(options);
        if (version < 1 || version > KVB_OPERATION_WAIT_OPTIONS_VERSION)
            throw kvb::InvalidArgument("unknown kvb_operation_wait_options version");
        *options = kInit;
        options->version = version;
        return KVB_OK;
    });
}

} // extern "C"
