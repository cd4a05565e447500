// SPDX-License-Identifier: MIT
// Key Vault challenge parsing, the resource check, and the challenge and bearer policies over a
// FakeTransport.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "fake_credential.hpp"
#include "fake_transport.hpp"
#include "identity/auth_policies.hpp"
#include "identity/challenge.hpp"

using namespace kvb;
using identity::challengeMatchesHost;
using identity::parseChallenge;

namespace {

constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

http::Headers challengeHeader(const std::string& value) {
    http::Headers h;
    h.set("WWW-Authenticate", value);
    return h;
}

std::string resourceChallenge(const std::string& resource = "https://vault.azure.net") {
    return std::string("Bearer authorization=\"https://login.windows.net/") + kTenant + "\", resource=\"" +
           resource + "\"";
}

} // namespace

TEST_CASE("challenge: resource form gives scope resource/.default and the tenant") {
    auto c = parseChallenge(resourceChallenge("https://vault.azure.net/"));
    REQUIRE(c);
    CHECK(c->scope == "https://vault.azure.net/.default");
    CHECK(c->tenantId == kTenant);
}

TEST_CASE("challenge: scope form and authorization_uri") {
    auto c = parseChallenge(std::string("Bearer authorization_uri=\"https://login.microsoftonline.com/") +
                            kTenant + "/oauth2/authorize\", scope=\"https://vault.azure.net/.default\"");
    REQUIRE(c);
    CHECK(c->scope == "https://vault.azure.net/.default");
    CHECK(c->tenantId == kTenant);
    // Unquoted values and mixed-case parameter names are read too.
    auto d =
        parseChallenge("bearer Authorization=https://login.windows.net/t1, Resource=https://vault.azure.cn");
    REQUIRE(d);
    CHECK(d->scope == "https://vault.azure.cn/.default");
    CHECK(d->tenantId == "t1");
}

TEST_CASE("challenge: garbage is not a challenge") {
    CHECK_FALSE(parseChallenge(""));
    CHECK_FALSE(parseChallenge("Basic realm=\"x\""));
    CHECK_FALSE(parseChallenge("Bearer authorization=\"https://login.windows.net/t\""));
    CHECK_FALSE(parseChallenge("Bearer ,,,==\"\""));
    CHECK_FALSE(parseChallenge("Bearer authorization=\"not a url\", resource=\"https://vault.azure.net\""));
    CHECK_FALSE(parseChallenge("Bearer"));
}

TEST_CASE("challenge: resource host must be a dot-suffix of the vault host, case-insensitive") {
    auto c = parseChallenge(resourceChallenge());
    REQUIRE(c);
    CHECK(challengeMatchesHost(*c, "myvault.vault.azure.net"));
    CHECK(challengeMatchesHost(*c, "MyVault.Vault.Azure.NET"));
    CHECK_FALSE(challengeMatchesHost(*c, "vault.azure.net"));
    CHECK_FALSE(challengeMatchesHost(*c, "myvaultvault.azure.net"));
    auto evil = parseChallenge(resourceChallenge("https://vault.evil.net"));
    REQUIRE(evil);
    CHECK_FALSE(challengeMatchesHost(*evil, "myvault.vault.azure.net"));
    auto upper = parseChallenge(resourceChallenge("https://VAULT.AZURE.NET"));
    REQUIRE(upper);
    CHECK(challengeMatchesHost(*upper, "myvault.vault.azure.net"));
}

TEST_CASE("challenge policy: probe without body, POST resent intact with the token, cached per host") {
    auto fake = std::make_shared<test::FakeTransport>();
    auto credential = std::make_shared<test::FakeCredential>();
    http::Pipeline pipeline({identity::makeChallengePolicy(credential)}, fake);
    fake->respond(401, "", challengeHeader(resourceChallenge())).respond(200, "{}").respond(200, "{}");

    http::Request post(http::Method::Post,
                       "https://myvault.vault.azure.net/secrets/s?api-version=2026-04-01");
    post.body = R"({"value":"payload"})";
    post.headers.set("Content-Type", "application/json");
    CHECK(pipeline.send(post, {}).status == 200);
    http::Request get(http::Method::Get, "https://myvault.vault.azure.net/secrets/s?api-version=2026-04-01");
    CHECK(pipeline.send(get, {}).status == 200);

    const auto sent = fake->requests();
    REQUIRE(sent.size() == 3);
    CHECK(sent[0].body.empty());
    CHECK_FALSE(sent[0].headers.contains("Authorization"));
    CHECK(sent[1].body == R"({"value":"payload"})");
    CHECK(sent[1].method == http::Method::Post);
    CHECK(sent[1].headers.get("Authorization") == "Bearer token-1");
    CHECK(sent[2].headers.get("Authorization") == "Bearer token-2"); // no second probe
    const auto asked = credential->requests();
    REQUIRE(asked.size() == 2);
    CHECK(asked[0].scopes == std::vector<std::string>{"https://vault.azure.net/.default"});
    CHECK(asked[0].tenantId == kTenant);
}

TEST_CASE("challenge policy: a foreign resource sends no token anywhere") {
    auto fake = std::make_shared<test::FakeTransport>();
    auto credential = std::make_shared<test::FakeCredential>();
    http::Pipeline pipeline({identity::makeChallengePolicy(credential)}, fake);
    fake->respond(401, "", challengeHeader(resourceChallenge("https://vault.evil.net")));
    http::Request get(http::Method::Get, "https://myvault.vault.azure.net/secrets/s");
    CHECK_THROWS_AS(pipeline.send(get, {}), identity::AuthenticationError);
    CHECK(fake->count() == 1);
    CHECK(credential->requests().empty());

    // With the check off (Azure Stack, emulators) the same challenge is accepted.
    auto relaxed = std::make_shared<test::FakeTransport>();
    http::Pipeline lenient({identity::makeChallengePolicy(credential, {.verifyChallengeResource = false})},
                           relaxed);
    relaxed->respond(401, "", challengeHeader(resourceChallenge("https://vault.evil.net"))).respond(200);
    http::Request again(http::Method::Get, "https://myvault.vault.azure.net/secrets/s");
    CHECK(lenient.send(again, {}).status == 200);
    CHECK(relaxed->requests().at(1).headers.contains("Authorization"));
}

TEST_CASE("challenge policy: refuses http before sending anything") {
    auto fake = std::make_shared<test::FakeTransport>();
    auto credential = std::make_shared<test::FakeCredential>();
    http::Pipeline pipeline({identity::makeChallengePolicy(credential)}, fake);
    http::Request get(http::Method::Get, "http://myvault.vault.azure.net/secrets/s");
    CHECK_THROWS_AS(pipeline.send(get, {}), identity::AuthenticationError);
    CHECK(fake->count() == 0);
}

TEST_CASE("bearer policy: https only (loopback http when allowed); on 401 one retry with a fresh token") {
    auto fake = std::make_shared<test::FakeTransport>();
    auto credential = std::make_shared<test::FakeCredential>();
    const std::vector<std::string> scopes{"https://batch.core.windows.net//.default"};
    http::Pipeline strict({identity::makeBearerPolicy(credential, scopes)}, fake);
    http::Request plain(http::Method::Get, "http://127.0.0.1:8080/pools");
    CHECK_THROWS_AS(strict.send(plain, {}), identity::AuthenticationError);
    CHECK(fake->count() == 0);

    http::Pipeline loopback({identity::makeBearerPolicy(credential, scopes, {.allowHttpLoopback = true})},
                            fake);
    http::Request remote(http::Method::Get, "http://example.com/pools");
    CHECK_THROWS_AS(loopback.send(remote, {}), identity::AuthenticationError);
    fake->respond(401).respond(200);
    http::Request local(http::Method::Get, "http://127.0.0.1:8080/pools");
    CHECK(loopback.send(local, {}).status == 200);
    const auto sent = fake->requests();
    REQUIRE(sent.size() == 2);
    CHECK(sent[0].headers.get("Authorization") == "Bearer token-1");
    CHECK(sent[1].headers.get("Authorization") == "Bearer token-2");
    const auto asked = credential->requests();
    REQUIRE(asked.size() == 2);
    CHECK_FALSE(asked[0].forceRefresh);
    CHECK(asked[1].forceRefresh);

    fake->respond(401).respond(401);
    http::Request twice(http::Method::Get, "http://127.0.0.1:8080/pools");
    CHECK(loopback.send(twice, {}).status == 401); // only one retry
    CHECK(fake->count() == 4);
}
