// SPDX-License-Identifier: MIT
// What MSAL-based clients fetch before a token request: OpenID Connect discovery (v2.0 and v1),
// the JWK Set it names and instance discovery, each naming the host it was asked on; and the
// managed identity endpoints as MSAL spells them.

#include "emulator_client.hpp"

#include "../json_util.hpp"

#include <doctest/doctest.h>

using namespace emutest;

namespace {

constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";

std::unique_ptr<emu::JsonDoc> json(const Reply& r) {
    auto doc = emu::parseJsonObject(r.body);
    REQUIRE_MESSAGE(doc, r.body);
    return doc;
}

std::string text(const emu::JsonValue& obj, const char* name) {
    return emu::getString(obj, name).value_or("<missing " + std::string(name) + ">");
}

std::int64_t errorCode(const Reply& r) {
    auto doc = json(r);
    if (!doc->HasMember("error_codes") || !(*doc)["error_codes"].IsArray() || (*doc)["error_codes"].Empty())
        return 0;
    return (*doc)["error_codes"][0].GetInt64();
}

bool listed(const emu::JsonValue& array, const std::string& value) {
    if (!array.IsArray()) return false;
    for (const auto& item : array.GetArray()) {
        if (item.IsString() && item.GetString() == value) return true;
    }
    return false;
}

} // namespace

TEST_CASE("discovery: the v2.0 document names the requested host, and its endpoints work") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string base = "https://login.localhost:" + std::to_string(emu.port());
    Reply r = request(emu, "GET", base + "/" + kTenant + "/v2.0/.well-known/openid-configuration");
    REQUIRE(r.status == 200);
    CHECK(r.header("content-type").find("application/json") == 0);
    auto doc = json(r);
    const std::string root = base + "/" + kTenant;
    CHECK(text(*doc, "issuer") == root + "/v2.0");
    CHECK(text(*doc, "authorization_endpoint") == root + "/oauth2/v2.0/authorize");
    CHECK(text(*doc, "token_endpoint") == root + "/oauth2/v2.0/token");
    CHECK(text(*doc, "end_session_endpoint") == root + "/oauth2/v2.0/logout");
    CHECK(text(*doc, "jwks_uri") == root + "/discovery/v2.0/keys");
    CHECK(listed((*doc)["token_endpoint_auth_methods_supported"], "private_key_jwt"));
    CHECK(listed((*doc)["id_token_signing_alg_values_supported"], "RS256"));

    // A client follows the document: its token endpoint issues tokens, its key set is a JWK Set.
    Reply tokenReply = request(
        emu, "POST", text(*doc, "token_endpoint"), {"Content-Type: application/x-www-form-urlencoded"},
        "grant_type=client_credentials&client_id=aaaaaaaa-bbbb-cccc-dddd-000000000001"
        "&scope=https%3A%2F%2Fvault.localhost%2F.default&client_secret=emulator-client-secret");
    CHECK(tokenReply.status == 200);
    Reply keys = request(emu, "GET", text(*doc, "jwks_uri"));
    REQUIRE(keys.status == 200);
    auto keySet = json(keys);
    CHECK((keySet->HasMember("keys") && (*keySet)["keys"].IsArray()));

    // The same document on the public cloud's name (through connect-to) names that host.
    Reply pub = request(emu, "GET",
                        std::string("https://login.microsoftonline.com/") + kTenant +
                            "/v2.0/.well-known/openid-configuration");
    REQUIRE(pub.status == 200);
    CHECK(text(*json(pub), "issuer") ==
          std::string("https://login.microsoftonline.com/") + kTenant + "/v2.0");
}

TEST_CASE("discovery: the v1 document, multi-tenant aliases and unknown tenants") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    Reply v1 = request(emu, "GET",
                       std::string("https://login.microsoftonline.com/") + kTenant +
                           "/.well-known/openid-configuration");
    REQUIRE(v1.status == 200);
    auto doc = json(v1);
    CHECK(text(*doc, "issuer") == std::string("https://sts.windows.net/") + kTenant + "/");
    CHECK(text(*doc, "token_endpoint") ==
          std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/token");
    CHECK(text(*doc, "authorization_endpoint") ==
          std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/authorize");
    CHECK(text(*doc, "jwks_uri") == "https://login.microsoftonline.com/common/discovery/keys");
    CHECK(request(emu, "GET", text(*doc, "jwks_uri")).status == 200);

    Reply local = request(
        emu, "GET", std::string("https://login.localhost/") + kTenant + "/.well-known/openid-configuration");
    REQUIRE(local.status == 200);
    CHECK(text(*json(local), "issuer") == std::string("https://login.localhost/") + kTenant + "/");

    Reply common =
        request(emu, "GET", "https://login.localhost/common/v2.0/.well-known/openid-configuration");
    REQUIRE(common.status == 200);
    auto commonDoc = json(common);
    CHECK(text(*commonDoc, "issuer") == "https://login.localhost/{tenantid}/v2.0");
    CHECK(text(*commonDoc, "token_endpoint") == "https://login.localhost/common/oauth2/v2.0/token");

    Reply unknown = request(emu, "GET",
                            "https://login.localhost/99999999-0000-0000-0000-000000000000/v2.0/.well-known/"
                            "openid-configuration");
    CHECK(unknown.status == 400);
    CHECK(text(*json(unknown), "error") == "invalid_tenant");
    CHECK(errorCode(unknown) == 90002);

    Reply post =
        request(emu, "POST",
                std::string("https://login.localhost/") + kTenant + "/v2.0/.well-known/openid-configuration");
    CHECK(post.status == 405);
}

TEST_CASE("discovery: instance discovery knows the emulator's clouds and refuses other hosts") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string hostPort = "login.localhost:" + std::to_string(emu.port());
    const std::string query = "https://login.microsoftonline.com/common/discovery/instance?api-version=1.1"
                              "&authorization_endpoint=";
    Reply r = request(emu, "GET",
                      query + "https%3A%2F%2F" + hostPort + "%2F" + kTenant + "%2Foauth2%2Fv2.0%2Fauthorize");
    REQUIRE(r.status == 200);
    auto doc = json(r);
    CHECK(text(*doc, "tenant_discovery_endpoint") ==
          "https://" + hostPort + "/" + kTenant + "/v2.0/.well-known/openid-configuration");
    CHECK(text(*doc, "api-version") == "1.1");
    REQUIRE((doc->HasMember("metadata") && (*doc)["metadata"].IsArray()));
    bool publicCloud = false, local = false;
    for (const auto& cloud : (*doc)["metadata"].GetArray()) {
        publicCloud = publicCloud || (listed(cloud["aliases"], "login.microsoftonline.com") &&
                                      listed(cloud["aliases"], "login.windows.net"));
        local = local || (listed(cloud["aliases"], hostPort) && text(cloud, "preferred_network") == hostPort);
    }
    CHECK(publicCloud);
    CHECK(local);

    Reply v1 =
        request(emu, "GET", query + "https://login.microsoftonline.com/" + kTenant + "/oauth2/authorize");
    REQUIRE(v1.status == 200);
    CHECK(text(*json(v1), "tenant_discovery_endpoint") ==
          std::string("https://login.microsoftonline.com/") + kTenant + "/.well-known/openid-configuration");

    Reply foreign =
        request(emu, "GET", query + "https://login.example.org/" + kTenant + "/oauth2/v2.0/authorize");
    CHECK(foreign.status == 400);
    CHECK(text(*json(foreign), "error") == "invalid_instance");
    CHECK(errorCode(foreign) == 50049);

    Reply noVersion = request(emu, "GET", "https://login.localhost/common/discovery/instance");
    CHECK(noVersion.status == 400);
}

TEST_CASE("managed identity: the endpoints with a trailing slash, as MSAL sends a configured one") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string query = "?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net";
    Reply imds =
        request(emu, "GET", "https://localhost/metadata/identity/oauth2/token/" + query, {"Metadata: true"});
    CHECK(imds.status == 200);
    CHECK(emu::getString(*json(imds), "token_type") == std::optional<std::string>("Bearer"));
    Reply appService = request(emu, "GET", "https://localhost/msi/token/" + query,
                               {"X-IDENTITY-HEADER: emulator-identity-header"});
    CHECK(appService.status == 200);
}
