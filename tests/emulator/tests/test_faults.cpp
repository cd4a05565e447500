// SPDX-License-Identifier: MIT
// Fault injection (status, delay, reset, truncate, malformed) and the per-vault throttle.

#include "batch_client.hpp"

#include "../json_util.hpp"
#include "../time_util.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include <curl/curl.h>
#include <doctest/doctest.h>

using namespace emutest;

namespace {

std::int64_t counter(const EmulatorProcess& emu, const char* name) {
    auto d = emu::parseJsonObject(controlGet(emu, "counters").body);
    return d ? emu::getInt(*d, name).value_or(-1) : -1;
}

} // namespace

TEST_CASE("faults: status with Retry-After seconds, HTTP-date and x-ms-retry-after-ms") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string path = std::string("/pools?") + kApi;
    REQUIRE(
        control(
            emu, "faults",
            R"({"method":"GET","path":"/pools*","count":2,"kind":"status","status":503,"retryAfter":"2"})")
            .status == 200);
    Reply first = batchRequest(emu, "GET", path);
    CHECK(first.status == 503);
    CHECK(first.header("retry-after") == "2");
    CHECK(first.body.find("\"code\"") != std::string::npos); // Batch error shape
    CHECK(batchRequest(emu, "GET", path).status == 503);
    CHECK(batchRequest(emu, "GET", path).status == 200); // count exhausted

    REQUIRE(
        control(
            emu, "faults",
            R"({"method":"*","path":"*","host":"*.vault.azure.net","kind":"status","status":429,"retryAfter":"http-date","retryAfterMs":150})")
            .status == 200);
    CHECK(batchRequest(emu, "GET", path).status == 200); // host glob does not match Batch
    Reply throttled = request(emu, "GET", "https://any.vault.azure.net/secrets?api-version=7.5");
    CHECK(throttled.status == 429);
    const auto when = emu::parseHttpDate(throttled.header("retry-after"));
    REQUIRE(when.has_value());
    CHECK(*when >= emu::nowSeconds() - 1);
    CHECK(throttled.header("x-ms-retry-after-ms") == "150");
    CHECK(throttled.header("retry-after-ms") == "150");
    CHECK(emu::parseJsonObject(throttled.body)->HasMember("error"));
    CHECK(counter(emu, "faultsInjected") == 3);
    CHECK(control(emu, "faults", R"({"kind":"explode"})").status == 400);
}

TEST_CASE("faults: delay answers normally after the delay") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(control(emu, "faults", R"({"path":"/pools","kind":"delay","delayMs":300})").status == 200);
    // A client timeout shorter than the delay proves the delay happened; the next one succeeds.
    const std::string date = emu::httpDate(emu::nowSeconds());
    Reply timedOut =
        request(emu, "GET", std::string(kBatchHost) + "/pools?" + kApi, {"ocp-date: " + date}, "", 100);
    CHECK(timedOut.curlCode == CURLE_OPERATION_TIMEDOUT);
    REQUIRE(control(emu, "faults", R"({"path":"/pools","kind":"delay","delayMs":50})").status == 200);
    CHECK(batchRequest(emu, "GET", std::string("/pools?") + kApi).status == 200);
    CHECK(counter(emu, "faultsInjected") == 2);
}

TEST_CASE("faults: reset, truncate and malformed") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string path = std::string("/pools?") + kApi;
    REQUIRE(control(emu, "faults", R"({"path":"/pools","kind":"reset"})").status == 200);
    Reply reset = batchRequest(emu, "GET", path);
    CHECK(reset.curlCode != CURLE_OK);
    CHECK(reset.status == 0);

    REQUIRE(control(emu, "faults", R"({"path":"/pools","kind":"truncate"})").status == 200);
    Reply truncated = batchRequest(emu, "GET", path);
    CHECK(truncated.curlCode == CURLE_PARTIAL_FILE);
    CHECK(std::stoul(truncated.header("content-length")) > truncated.body.size());

    REQUIRE(control(emu, "faults", R"({"path":"/pools","kind":"malformed"})").status == 200);
    Reply malformed = batchRequest(emu, "GET", path);
    CHECK(malformed.status == 200);
    CHECK(emu::parseJson(malformed.body) == nullptr);

    CHECK(batchRequest(emu, "GET", path).status == 200);
    CHECK(counter(emu, "faultsInjected") == 3);
}

TEST_CASE("faults: delayed-write drops the connection, then carries the write out later") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string auth = "Authorization: Bearer " + token(emu, "https://vault.azure.net/.default");
    const std::string url = "https://late.vault.azure.net/secrets/s?api-version=7.5";
    REQUIRE(
        control(emu, "faults", R"({"method":"PUT","path":"/secrets/*","kind":"delayed-write","delayMs":600})")
            .status == 200);
    Reply cut = request(emu, "PUT", url, {auth, "Content-Type: application/json"}, R"({"value":"v1"})");
    CHECK(cut.curlCode != CURLE_OK);
    CHECK(cut.status == 0);
    CHECK(request(emu, "GET", url, {auth}).status == 404); // not yet
    CHECK(counter(emu, "delayedWritesDone") == 0);
    for (int i = 0; i < 300 && counter(emu, "delayedWritesDone") < 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(counter(emu, "delayedWritesDone") == 1);
    Reply landed = request(emu, "GET", url, {auth});
    CHECK(landed.status == 200);
    CHECK(emu::getString(*emu::parseJsonObject(landed.body), "value") == std::optional<std::string>("v1"));

    // A reset drops what is still pending.
    REQUIRE(control(emu, "faults", R"({"method":"PUT","kind":"delayed-write","delayMs":300})").status == 200);
    request(emu, "PUT", url, {auth, "Content-Type: application/json"}, R"({"value":"v2"})");
    REQUIRE(control(emu, "reset").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(counter(emu, "delayedWritesDone") == 0);
    CHECK(control(emu, "faults", R"({"kind":"delayed-write","delayMs":60001})").status == 400);
}

TEST_CASE("throttle: writes over the per-vault budget get 429 with Retry-After") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(control(emu, "throttle", R"({"vault":"busy","writes":3,"windowSeconds":60})").status == 200);
    const std::string token = emutest::token(emu, "https://vault.azure.net/.default");
    const std::vector<std::string> headers = {"Authorization: Bearer " + token,
                                              "Content-Type: application/json"};
    for (int i = 0; i < 3; ++i) {
        Reply r = request(emu, "PUT",
                          "https://busy.vault.azure.net/secrets/s" + std::to_string(i) + "?api-version=7.5",
                          headers, R"({"value":"v"})");
        CHECK(r.status != 429);
    }
    Reply over = request(emu, "PUT", "https://busy.vault.azure.net/secrets/s9?api-version=7.5", headers,
                         R"({"value":"v"})");
    CHECK(over.status == 429);
    CHECK(std::stoi(over.header("retry-after")) >= 1);
    auto body = emu::parseJsonObject(over.body);
    REQUIRE(body);
    CHECK(emu::getString((*body)["error"], "code") == std::optional<std::string>("Throttled"));
    // Reads are not throttled, nor other vaults.
    CHECK(request(emu, "GET", "https://busy.vault.azure.net/secrets?api-version=7.5", headers).status != 429);
    CHECK(request(emu, "PUT", "https://calm.vault.azure.net/secrets/s?api-version=7.5", headers,
                  R"({"value":"v"})")
              .status != 429);
    CHECK(counter(emu, "throttled") == 1);

    REQUIRE(control(emu, "throttle", R"({"vault":"busy","writes":0})").status == 200);
    CHECK(request(emu, "PUT", "https://busy.vault.azure.net/secrets/s9?api-version=7.5", headers,
                  R"({"value":"v"})")
              .status != 429);
}

TEST_CASE("faults: probability with a seed faults a repeatable share; counted by kind") {
    auto& emu = sharedEmulator();
    const std::string path = std::string("/pools?") + kApi;
    auto run = [&] {
        REQUIRE(control(emu, "reset").status == 200);
        REQUIRE(control(emu, "faults",
                        R"({"path":"/pools","count":1000,"status":500,"probability":0.25,"seed":7})")
                    .status == 200);
        std::string pattern;
        for (int i = 0; i < 200; ++i) pattern += batchRequest(emu, "GET", path).status == 500 ? 'F' : '.';
        return pattern;
    };
    const std::string first = run();
    const auto faulted = std::count(first.begin(), first.end(), 'F');
    CHECK(faulted > 20);
    CHECK(faulted < 80);
    CHECK(run() == first); // same seed, same order: same requests faulted
    auto d = emu::parseJsonObject(controlGet(emu, "counters").body);
    REQUIRE(d);
    CHECK(emu::getInt((*d)["faultsInjectedByKind"], "status-500").value_or(-1) == faulted);
    CHECK(control(emu, "faults", R"({"probability":0})").status == 400);
    CHECK(control(emu, "faults", R"({"probability":1.5})").status == 400);
}

TEST_CASE("config: the challenge can name another authority or resource; tokens are checked as before") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(
        control(
            emu, "config",
            R"({"challengeResource":"https://vault.example.test","challengeAuthority":"https://login.example.test/"})")
            .status == 200);
    Reply r = request(emu, "GET", "https://any.vault.azure.net/secrets?api-version=7.5");
    CHECK(r.status == 401);
    CHECK(r.header("www-authenticate").find("authorization=\"https://login.example.test/") !=
          std::string::npos);
    CHECK(r.header("www-authenticate").find("resource=\"https://vault.example.test\"") != std::string::npos);
    CHECK(control(emu, "config", R"({"challengeResource":"http://plain"})").status == 400);
    REQUIRE(control(emu, "reset").status == 200);
    CHECK(request(emu, "GET", "https://any.vault.azure.net/secrets?api-version=7.5")
              .header("www-authenticate")
              .find("resource=\"https://vault.azure.net\"") != std::string::npos);
}

TEST_CASE("faults: echoBody quotes the body as received, one field decoded, a slice, URL-encoded") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string url = "https://quote.vault.azure.net/secrets/quoted?api-version=7.5";
    const std::string body = R"({"value":"line one\nline/two & more","contentType":"text/plain"})";
    const auto messageOf = [&](const std::string& fault) {
        REQUIRE(control(emu, "faults", fault).status == 200);
        const Reply r = request(emu, "PUT", url, {"Content-Type: application/json"}, body);
        CHECK(r.status == 400);
        auto doc = emu::parseJsonObject(r.body);
        REQUIRE(doc);
        return emu::getString((*doc)["error"], "message").value_or("");
    };
    const std::string prefix = "Injected fault: status 400. Request body: ";
    CHECK(messageOf(R"({"path":"/secrets/quoted","status":400,"echoBody":true})") == prefix + body);
    CHECK(messageOf(R"({"path":"/secrets/quoted","status":400,"echoBody":true,"echoField":"value"})") ==
          prefix + "line one\nline/two & more");
    CHECK(messageOf(R"({"path":"/secrets/quoted","status":400,"echoBody":true,"echoField":"value",)"
                    R"("echoStart":5,"echoLength":8})") == prefix + "one\nline");
    CHECK(messageOf(R"({"path":"/secrets/quoted","status":400,"echoBody":true,"echoField":"value",)"
                    R"("echoEncoding":"url"})") == prefix + "line%20one%0Aline%2Ftwo%20%26%20more");
    CHECK(control(emu, "faults", R"({"echoBody":true,"echoEncoding":"base32"})").status == 400);
    CHECK(control(emu, "faults", R"({"echoBody":true,"echoLength":0})").status == 400);
}
