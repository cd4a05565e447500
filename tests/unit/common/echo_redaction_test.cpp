// SPDX-License-Identifier: MIT
// A service that quotes a submitted secret back in its error must not put it into the error.
#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/http/request.hpp>

#include <string>

#include "core/call.hpp"

using namespace kvb;
using namespace kvb::detail;

namespace {

http::Request sensitivePut(std::string body) {
    http::Request request(http::Method::Put, "https://v.vault.azure.net/secrets/db");
    request.body = std::move(body);
    request.sensitiveBody = true;
    return request;
}

http::RawResponse echoing(const std::string& quoted) {
    http::RawResponse response;
    response.status = 400;
    response.body = R"({"error":{"code":"BadParameter","message":"Value ')" + quoted +
                    R"(' is not valid (see ')" + quoted + R"(')."}})";
    return response;
}

} // namespace

TEST_SUITE("echo redaction") {
    TEST_CASE("a secret value quoted back is cut out of the message, what() and every value") {
        const auto request = sensitivePut(R"({"value":"hunter2-is-the-value","contentType":"text/plain"})");
        auto response = echoing("hunter2-is-the-value");
        response.body = R"({"code":"BadParameter","message":{"lang":"en","value":"'hunter2-is-the-value'"},)"
                        R"("values":[{"key":"Reason","value":"got hunter2-is-the-value"}]})";
        const auto info = errorInfoFromResponse(response, request);
        CHECK(info.message == "'[redacted]'");
        CHECK(info.values.at("Reason") == "got [redacted]");
        try {
            throwForResponse(response, request);
            FAIL("no error thrown");
        } catch (const ServiceError& e) {
            CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
            CHECK(std::string(e.what()).find("[redacted]") != std::string::npos);
        }
    }

    TEST_CASE("every occurrence goes, nested private key members too, and the rest stays") {
        const auto request = sensitivePut(
            R"({"key":{"kty":"RSA","n":"public-modulus","d":"private-exponent-d"},"tags":{"env":"prod"}})");
        const auto info = errorInfoFromResponse(echoing("private-exponent-d"), request);
        CHECK(info.message == "Value '[redacted]' is not valid (see '[redacted]').");
        const auto publicEcho = errorInfoFromResponse(echoing("public-modulus"), request);
        CHECK(publicEcho.message == "Value 'public-modulus' is not valid (see 'public-modulus').");
    }

    TEST_CASE("form bodies: the client secret is cut out, encoded or decoded") {
        http::Request request(http::Method::Post, "https://login.localhost/t/oauth2/v2.0/token");
        request.body = "grant_type=client_credentials&client_id=app&client_secret=s%2Bcr%26t-42"
                       "&scope=https%3A%2F%2Fvault.azure.net%2F.default";
        request.sensitiveBody = true;
        http::RawResponse response;
        response.status = 401;
        response.body =
            R"({"error":"invalid_client","error_description":"bad secret s+cr&t-42 (s%2Bcr%26t-42) for app"})";
        const auto info = errorInfoFromResponse(response, request);
        CHECK(info.message == "bad secret [redacted] ([redacted]) for app");
    }

    TEST_CASE("requests without secret material keep the service's words") {
        auto request = sensitivePut(R"({"value":"plain-words-here"})");
        request.sensitiveBody = false;
        CHECK(errorInfoFromResponse(echoing("plain-words-here"), request).message ==
              "Value 'plain-words-here' is not valid (see 'plain-words-here').");
        const auto shortValue = sensitivePut(R"({"value":"abc"})");
        CHECK(errorInfoFromResponse(echoing("abc"), shortValue).message ==
              "Value 'abc' is not valid (see 'abc').");
        const auto notJson = sensitivePut("{not json");
        CHECK(errorInfoFromResponse(echoing("not json"), notJson).message ==
              "Value 'not json' is not valid (see 'not json').");
    }
}
