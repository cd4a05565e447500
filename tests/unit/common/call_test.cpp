// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "core/call.hpp"
#include "fake_transport.hpp"

using namespace kvb;
using namespace kvb::detail;

namespace {

std::shared_ptr<const http::Pipeline> pipelineOver(std::shared_ptr<test::FakeTransport> fake) {
    http::ClientOptions options;
    options.transport = fake;
    options.retry.maxRetries = 0;
    return http::buildPipeline(options, nullptr);
}

http::Headers withRequestId(const char* id) {
    http::Headers h;
    h.set("x-ms-request-id", id);
    return h;
}

} // namespace

TEST_SUITE("detail::call") {
    TEST_CASE("Key Vault error body maps to NotFoundError with code, message and request id") {
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(
            404, R"({"error":{"code":"SecretNotFound","message":"A secret with (name/id) x was not found"}})",
            withRequestId("req-1"));
        http::Request request(http::Method::Get, "https://v.vault.azure.net/secrets/x");
        try {
            sendExpecting(*pipelineOver(fake), request, {200}, {});
            FAIL("no exception");
        } catch (const NotFoundError& e) {
            CHECK(e.httpStatus() == 404);
            CHECK(e.serviceCode() == "SecretNotFound");
            CHECK(e.serviceMessage() == "A secret with (name/id) x was not found");
            CHECK(e.requestId() == "req-1");
            CHECK_FALSE(e.clientRequestId().empty());
            CHECK(std::string(e.what()).find("req-1") != std::string::npos);
        }
    }

    TEST_CASE("Batch error body maps code, message.value and values; CertificateRetired is its own type") {
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(400,
                      R"({"code":"CertificateRetired","message":{"lang":"en-US","value":"retired"},)"
                      R"("values":[{"key":"Reason","value":"gone"}]})",
                      [] {
                          http::Headers h;
                          h.set("request-id", "b-1");
                          return h;
                      }());
        http::Request request(http::Method::Get, "https://a.eastus.batch.azure.com/certificates");
        try {
            sendExpecting(*pipelineOver(fake), request, {200}, {});
            FAIL("no exception");
        } catch (const CertificateRetiredError& e) {
            CHECK(e.kind() == ErrorKind::CertificateRetired);
            CHECK(e.serviceMessage() == "retired");
            CHECK(e.info().values.at("Reason") == "gone");
            CHECK(e.requestId() == "b-1");
        }
    }

    TEST_CASE("statuses map to ConflictError, ThrottledError and ServiceError; bodies never in what()") {
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(409, R"({"error":{"code":"ObjectIsDeletedButRecoverable","message":"m"}})");
        fake->respond(429, "");
        fake->respond(500, "secret-body-text");
        auto p = pipelineOver(fake);
        http::Request r1(http::Method::Put, "https://v.vault.azure.net/secrets/x");
        CHECK_THROWS_AS(sendExpecting(*p, r1, {200}, {}), ConflictError);
        http::Request r2(http::Method::Get, "https://v.vault.azure.net/secrets/x");
        CHECK_THROWS_AS(sendExpecting(*p, r2, {200}, {}), ThrottledError);
        http::Request r3(http::Method::Get, "https://v.vault.azure.net/secrets/x");
        try {
            sendExpecting(*p, r3, {200}, {});
            FAIL("no exception");
        } catch (const ServiceError& e) {
            CHECK(e.httpStatus() == 500);
            CHECK(std::string(e.what()).find("secret-body-text") == std::string::npos);
        }
    }

    TEST_CASE("sendAndParse parses once into the model; malformed or empty 200 is a ParseError") {
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(200, R"({"value":"v"})");
        fake->respond(200, "");
        fake->respond(200, R"({"value":)");
        auto p = pipelineOver(fake);
        auto parse = [](const JsonValue& root) { return requireString(root, "value"); };
        http::Request r1(http::Method::Get, "https://v.vault.azure.net/x");
        CHECK(sendAndParse<std::string>(*p, r1, {200}, parse, {}, "x").value == "v");
        http::Request r2(http::Method::Get, "https://v.vault.azure.net/x");
        CHECK_THROWS_AS(sendAndParse<std::string>(*p, r2, {200}, parse, {}, "x"), ParseError);
        http::Request r3(http::Method::Get, "https://v.vault.azure.net/x");
        CHECK_THROWS_AS(sendAndParse<std::string>(*p, r3, {200}, parse, {}, "x"), ParseError);
    }

    TEST_CASE("pager follows nextLink lazily and refuses a link to another host") {
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(
            200,
            R"({"value":[{"id":"a"},{"id":"b"}],"nextLink":"https://v.vault.azure.net/secrets?$skiptoken=2"})");
        fake->respond(200, R"({"value":[],"nextLink":"https://v.vault.azure.net/secrets?$skiptoken=3"})");
        fake->respond(200, R"({"value":[{"id":"c"}]})");
        auto pager =
            makePager<std::string>(pipelineOver(fake), "https://v.vault.azure.net/secrets",
                                   [](const JsonValue& v) { return requireString(v, "id"); }, {}, {});
        CHECK(fake->count() == 0);
        std::vector<std::string> ids;
        for (const auto& id : pager) ids.push_back(id);
        CHECK(ids == std::vector<std::string>{"a", "b", "c"});
        CHECK(fake->count() == 3);

        auto evil = std::make_shared<test::FakeTransport>();
        evil->respond(200, R"({"value":[],"nextLink":"https://evil.example.com/steal"})");
        auto bad = makePager<std::string>(pipelineOver(evil), "https://v.vault.azure.net/secrets",
                                          [](const JsonValue& v) { return requireString(v, "id"); }, {}, {});
        CHECK_THROWS_AS(bad.collect(), ParseError);
        CHECK(evil->count() == 1);
    }
}
