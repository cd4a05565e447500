// SPDX-License-Identifier: MIT
// Entra ID token responses (access_token, expires_in / expires_on in every form, refresh_in)
// and token error bodies: a token or a typed AuthenticationError, nothing else.

#include <chrono>

#include "fuzz_support.hpp"
#include "identity/token_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = kvb::fuzz::asText(data, size);
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    kvb::fuzz::tolerateTypedErrors([&] {
        const auto token = kvb::identity::parseTokenResponse(text, now, "fuzz");
        if (token.token.empty()) __builtin_trap(); // an empty access_token must be refused
    });
    return 0;
}
