// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <kvbridge/log.hpp>

#include <mutex>

#include "fake_transport.hpp"
#include "http/policies.hpp"

using namespace kvb;
using namespace kvb::http;

namespace {

struct CapturedLog {
    std::mutex mutex;
    std::string text;
    CapturedLog() {
        setLogSink(
            [this](LogLevel, std::string_view line) {
                std::lock_guard lock(mutex);
                text += line;
                text += '\n';
            },
            LogLevel::Verbose);
    }
    ~CapturedLog() { setLogSink({}); }
};

} // namespace

TEST_SUITE("http::Pipeline") {
    TEST_CASE("Authorization headers and sig= query values never reach the log") {
        CapturedLog captured;
        auto fake = std::make_shared<test::FakeTransport>();
        Headers responseHeaders;
        responseHeaders.set("x-ms-request-id", "rid-42");
        responseHeaders.set("Set-Cookie", "session=cookie-secret");
        fake->respond(200, "{\"value\":\"body-secret\"}", responseHeaders);
        ClientOptions options;
        options.transport = fake;
        auto pipeline = buildPipeline(options, nullptr);
        Request r(Method::Put, "https://v.vault.azure.net/secrets/x?api-version=2026-04-01&sig=sig-secret");
        r.headers.set("Authorization", "Bearer token-secret");
        r.body = R"({"value":"body-secret"})";
        pipeline->send(r, {});
        const std::string& log = captured.text;
        CHECK(log.find("api-version=2026-04-01") != std::string::npos);
        CHECK(log.find("sig=REDACTED") != std::string::npos);
        CHECK(log.find("Authorization: REDACTED") != std::string::npos);
        CHECK(log.find("rid-42") != std::string::npos);
        for (const char* secret : {"token-secret", "sig-secret", "body-secret", "cookie-secret"}) {
            CAPTURE(secret);
            CHECK(log.find(secret) == std::string::npos);
        }
    }

    TEST_CASE("User-Agent names kvbridge and the application id") {
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(200);
        ClientOptions options;
        options.transport = fake;
        options.applicationId = "migrator/2";
        auto pipeline = buildPipeline(options, nullptr);
        Request r(Method::Get, "https://v/x");
        pipeline->send(r, {});
        const auto sent = fake->requests();
        auto ua = sent.at(0).headers.get("User-Agent");
        REQUIRE(ua.has_value());
        CAPTURE(*ua);
        CHECK(ua->rfind("migrator/2 kvbridge/0.1.0 (", 0) == 0);
    }

    TEST_CASE("policies run in order and may act after the response") {
        struct Tag final : Policy {
            std::string name;
            explicit Tag(std::string n) : name(std::move(n)) {}
            RawResponse send(Request& request, const NextPolicy& next,
                             const Context& context) const override {
                request.headers.add("x-order", name);
                auto response = next(request, context);
                response.headers.add("x-back", name);
                return response;
            }
        };
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(200);
        Pipeline p({std::make_shared<Tag>("a"), std::make_shared<Tag>("b")}, fake);
        Request r(Method::Get, "https://v/x");
        auto response = p.send(r, {});
        const auto requests = fake->requests();
        const auto& sent = requests.at(0).headers.entries();
        REQUIRE(sent.size() == 2);
        CHECK(sent[0].second == "a");
        CHECK(sent[1].second == "b");
        CHECK(response.headers.entries().at(0).second == "b");
        CHECK(response.headers.entries().at(1).second == "a");
    }

    TEST_CASE("headers compare names case-insensitively; set replaces every copy") {
        Headers h;
        h.add("Content-Type", "a");
        h.add("content-type", "b");
        h.set("CONTENT-TYPE", "c");
        CHECK(h.size() == 1);
        CHECK(h.get("content-type") == "c");
        h.remove("Content-Type");
        CHECK_FALSE(h.contains("content-type"));
    }
}
