// SPDX-License-Identifier: MIT
// Bad input gets the service's error shape, and never changes state.

#include "batch_client.hpp"

#include "../json_util.hpp"

#include <doctest/doctest.h>

using namespace emutest;

namespace {

std::string code(const Reply& r) {
    auto d = emu::parseJsonObject(r.body);
    return d ? emu::getString(*d, "code").value_or("") : "";
}

std::string poolsSnapshot(const EmulatorProcess& emu) {
    auto d = emu::parseJsonObject(
        batchRequest(emu, "GET", std::string("/pools?") + kApi + "&$select=id,metadata,eTag").body);
    REQUIRE(d);
    return emu::toJson((*d)["value"]);
}

} // namespace

TEST_CASE("robustness: unknown routes and wrong methods") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    Reply unknown = batchRequest(emu, "GET", std::string("/nothing/here?") + kApi);
    CHECK(unknown.status == 404);
    CHECK(code(unknown) == "InvalidUri");
    Reply wrong = batchRequest(emu, "PUT", std::string("/certificates?") + kApi, "{}");
    CHECK(wrong.status == 405);
    CHECK(emu::parseJsonObject(wrong.body)->HasMember("message"));

    Reply entra =
        request(emu, "GET",
                "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token");
    CHECK(entra.status == 405);
    CHECK(emu::parseJsonObject(entra.body)->HasMember("error_codes"));
    Reply nowhere = request(emu, "GET", "https://login.microsoftonline.com/common/discovery/xyz");
    CHECK(nowhere.status == 404);
    CHECK(emu::parseJsonObject(nowhere.body)->HasMember("error"));
    CHECK(control(emu, "no/such/thing").status == 404);
    CHECK(request(emu, "DELETE", "https://127.0.0.1:" + std::to_string(emu.port()) + "/_emulator/reset")
              .status == 405);
}

TEST_CASE("robustness: malformed JSON and oversized bodies leave state unchanged") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    REQUIRE(batchRequest(emu, "POST", std::string("/pools?") + kApi,
                         R"({"id":"keep","vmSize":"a1","metadata":[]})")
                .status == 201);
    const std::string before = poolsSnapshot(emu);

    Reply bad = batchRequest(emu, "POST", std::string("/pools?") + kApi, R"({"id":"x","vmSize":)");
    CHECK(bad.status == 400);
    CHECK(code(bad) == "InvalidRequestBody");
    CHECK(batchRequest(emu, "PATCH", "/pools/keep?" + std::string(kApi), "[1,2").status == 400);
    CHECK(batchRequest(emu, "PATCH", "/pools/keep?" + std::string(kApi), "[1,2]").status == 400);
    CHECK(
        batchRequest(emu, "POST", "/pools/keep/updateproperties?" + std::string(kApi), R"({"metadata":"x"})")
            .status == 400);
    CHECK(batchRequest(emu, "POST", std::string("/pools?") + kApi, R"({"vmSize":"a1"})").status == 400);
    CHECK(batchRequest(emu, "POST", std::string("/pools?") + kApi, R"({"id":"keep","vmSize":"a2"})").status ==
          409);

    const std::string big(4 * 1024 * 1024 + 16, 'x');
    Reply huge = batchRequest(emu, "POST", std::string("/pools?") + kApi, big);
    CHECK(huge.status == 413);
    CHECK(code(huge) == "RequestBodyTooLarge");
    Reply hugeVault = request(emu, "PUT", "https://v.vault.azure.net/secrets/s?api-version=7.5",
                              {"Content-Type: application/json"}, big);
    CHECK(hugeVault.status == 413);
    CHECK(emu::parseJsonObject(hugeVault.body)->HasMember("error"));

    CHECK(control(emu, "config", R"({"tokenLifetimeSeconds":"long"})").status == 400);
    CHECK(control(emu, "config", "{nope").status == 400);
    CHECK(control(emu, "config", R"({"challengeForm":"scope","tokenLifetimeSeconds":-5})").status == 400);
    // The rejected config above must not have switched the challenge form.
    Reply challenge = request(emu, "GET", "https://v.vault.azure.net/secrets/s?api-version=7.5");
    CHECK(challenge.header("www-authenticate").find("resource=") != std::string::npos);

    CHECK(control(emu, "batch/accounts/emubatch/pools", R"({"vmSize":"no id"})").status == 400);
    CHECK(control(emu, "batch/accounts/missing/pools", R"({"id":"p"})").status == 404);
    CHECK(poolsSnapshot(emu) == before);

    // Still serving.
    CHECK(batchRequest(emu, "GET", std::string("/pools?") + kApi).status == 200);
}
