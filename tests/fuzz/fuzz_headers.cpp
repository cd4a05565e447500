// SPDX-License-Identifier: MIT
// Response headers the library acts on: the WWW-Authenticate bearer challenge (parser and the
// host check that decides whether a token may go to the challenged scope) and the retry hints
// (retry-after-ms, x-ms-retry-after-ms, Retry-After in seconds or as an HTTP date).

#include <kvbridge/http/headers.hpp>

#include <chrono>

#include "fuzz_support.hpp"
#include "http/policies.hpp"
#include "identity/challenge.hpp"

namespace id = kvb::identity;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto value = kvb::fuzz::asText(data, size);
    kvb::fuzz::tolerateTypedErrors([&] {
        const auto challenge = id::parseChallenge(value);
        if (!challenge) return;
        if (challenge->scope.empty()) __builtin_trap(); // a parsed challenge always names a scope
        id::challengeMatchesHost(*challenge, "myvault.vault.azure.net");
        id::challengeMatchesHost(*challenge, "");
    });
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    for (const char* name : {"retry-after-ms", "Retry-After"}) {
        kvb::http::Headers headers;
        headers.set(name, value);
        kvb::fuzz::tolerateTypedErrors([&] {
            const auto delay = kvb::detail::RetryPolicy::serverDelay(headers, now);
            if (delay && delay->count() < 0) __builtin_trap(); // never a negative wait
        });
    }
    return 0;
}
