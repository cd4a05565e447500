// SPDX-License-Identifier: MIT
// Regressions for what fuzzing and the sanitizers found (tests/fuzz): values at the edges of
// the time range, huge numbers and hostile error bodies end in a defined value or a typed error.
#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/http/headers.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "core/call.hpp"
#include "core/json.hpp"
#include "core/time_format.hpp"
#include "http/policies.hpp"
#include "identity/token_request.hpp"

using namespace kvb;
using namespace kvb::detail;
using TimePoint = std::chrono::system_clock::time_point;

TEST_SUITE("fuzz regressions") {
    TEST_CASE("Unix seconds past the time point range saturate instead of overflowing") {
        constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
        constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
        CHECK(fromUnixSeconds(kMax) == TimePoint::max());
        CHECK(fromUnixSeconds(kMin) == TimePoint::min());
        CHECK(fromUnixSeconds(1'700'000'000) == TimePoint(std::chrono::seconds(1'700'000'000)));
        const TimePoint now(std::chrono::seconds(1'700'000'000));
        CHECK(addSeconds(now, 60) == now + std::chrono::seconds(60));
        CHECK(addSeconds(now, kMax) == TimePoint::max());
        CHECK(addSeconds(now, kMin) == TimePoint::min());
        // RFC 5280's "no expiry" date and Key Vault's far-future values.
        CHECK(parseIso8601("9999-12-31T23:59:59Z") == TimePoint::max());
        CHECK(parseRfc1123("Fri, 31 Dec 9999 23:59:59 GMT") == TimePoint::max());
    }

    TEST_CASE("a JSON number outside int64 is a ParseError, not a float-cast overflow") {
        CHECK_FALSE(wholeSeconds(1e300).has_value());
        CHECK_FALSE(wholeSeconds(-1e19).has_value());
        CHECK(wholeSeconds(12.9) == 12);
        auto doc = parseJson(R"({"n":1e300,"t":1e300})", "test");
        CHECK_THROWS_AS(optInt(doc, "n"), ParseError);
        CHECK_THROWS_AS(optUnixTime(doc, "t"), ParseError);
        auto big = parseJson(R"({"t":9223372036854775807})", "test");
        CHECK(optUnixTime(big, "t") == TimePoint::max());
    }

    TEST_CASE("token responses with huge lifetimes saturate or are refused") {
        const TimePoint now(std::chrono::seconds(1'700'000'000));
        const auto token = identity::parseTokenResponse(
            R"({"access_token":"a","expires_in":9223372036854775807})", now, "X");
        CHECK(token.expiresOn == TimePoint::max());
        CHECK_THROWS_AS(identity::parseTokenResponse(R"({"access_token":"a","expires_in":1e300})", now, "X"),
                        identity::AuthenticationError);
    }

    TEST_CASE("huge retry hints are capped at a day") {
        const TimePoint now(std::chrono::seconds(1'700'000'000));
        constexpr auto kDay = std::chrono::milliseconds(24LL * 3600 * 1000);
        for (const char* name : {"retry-after-ms", "Retry-After"}) {
            http::Headers headers;
            headers.set(name, "99999999999999999999999");
            CHECK(detail::RetryPolicy::serverDelay(headers, now) == kDay);
        }
        http::Headers date;
        date.set("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT");
        CHECK(detail::RetryPolicy::serverDelay(date, now) == kDay);
        http::Headers small;
        small.set("Retry-After", "2");
        CHECK(detail::RetryPolicy::serverDelay(small, now) == std::chrono::milliseconds(2000));
    }

    TEST_CASE("a huge error code is bounded in the exception text like the message") {
        http::RawResponse response;
        response.status = 400;
        response.body = R"({"error":{"code":")" + std::string(100'000, 'C') + R"(","message":"m"}})";
        const http::Request request(http::Method::Get, "https://v.vault.azure.net/secrets/x");
        const auto info = errorInfoFromResponse(response, request);
        CHECK(info.serviceCode.size() < 2048);
    }
}
