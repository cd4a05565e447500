// SPDX-License-Identifier: MIT
// The service error body reader behind every failed call: Key Vault {"error":{...}}, Batch
// {"code","message":{"lang","value"},"values":[...]} and Entra ID {"error","error_description"}.
// The first input byte picks the HTTP status, so each typed error class is reached.

#include <kvbridge/http/request.hpp>

#include "core/call.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr int kStatuses[] = {400, 401, 403, 404, 409, 429, 500, 503};
    kvb::http::RawResponse response;
    response.status = size > 0 ? kStatuses[data[0] % std::size(kStatuses)] : 500;
    response.reason = "Reason";
    response.body = std::string(kvb::fuzz::asText(data, size));
    const kvb::http::Request request(kvb::http::Method::Get, "https://myvault.vault.azure.net/secrets/s");
    try {
        kvb::detail::throwForResponse(response, request);
    } catch (const kvb::ServiceError& e) {
        // The message is bounded however large the body is.
        if (std::string_view(e.what()).size() > 4 * 1024 + 512) __builtin_trap();
    }
    return 0;
}
