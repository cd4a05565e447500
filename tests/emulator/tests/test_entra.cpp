// SPDX-License-Identifier: MIT
// Entra ID token endpoint, managed identity endpoints and the Key Vault 401 challenge.

#include "emulator_client.hpp"
#include "test_files.hpp"

#include "../crypto_util.hpp"
#include "../json_util.hpp"
#include "../time_util.hpp"

#include <algorithm>

#include <doctest/doctest.h>

using namespace emutest;

namespace {

constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
constexpr const char* kClient = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
const std::string kTokenUrl =
    std::string("https://login.microsoftonline.com/") + kTenant + "/oauth2/v2.0/token";

Reply postForm(const EmulatorProcess& emu, const std::string& url, const std::string& form) {
    return request(emu, "POST", url, {"Content-Type: application/x-www-form-urlencoded"}, form);
}

// A client assertion JWT for clientId signed by cert; header uses x5t#S256 unless useSha1.
std::string makeAssertion(const kvb::test::TestCertificate& cert, const std::string& clientId,
                          const std::string& aud, long expOffsetSeconds, bool useSha1 = false) {
    const std::string der = bytesText(cert.der);
    const std::string header =
        useSha1
            ? R"({"alg":"RS256","typ":"JWT","x5t":")" + emu::base64UrlEncode(emu::sha1(der)) + "\"}"
            : R"({"alg":"RS256","typ":"JWT","x5t#S256":")" + emu::base64UrlEncode(emu::sha256(der)) + "\"}";
    const long now = static_cast<long>(emu::nowSeconds());
    const std::string payload = "{\"aud\":\"" + aud + "\",\"iss\":\"" + clientId + "\",\"sub\":\"" +
                                clientId + "\",\"jti\":\"" + std::to_string(now) +
                                "\",\"nbf\":" + std::to_string(now - 10) +
                                ",\"exp\":" + std::to_string(now + expOffsetSeconds) + "}";
    const std::string input = emu::base64UrlEncode(header) + "." + emu::base64UrlEncode(payload);
    return input + "." + emu::base64UrlEncode(bytesText(cert.sign(input)));
}

std::string field(const Reply& r, const char* name) {
    auto doc = emu::parseJsonObject(r.body);
    if (!doc) return {};
    auto s = emu::getString(*doc, name);
    return s ? *s : std::string();
}

std::int64_t errorCode(const Reply& r) {
    auto doc = emu::parseJsonObject(r.body);
    if (!doc || !doc->HasMember("error_codes") || !(*doc)["error_codes"].IsArray() ||
        (*doc)["error_codes"].Empty())
        return 0;
    return (*doc)["error_codes"][0].GetInt64();
}

} // namespace

TEST_CASE("entra: client secret flow issues a token; wrong inputs get AADSTS errors") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string base = std::string("grant_type=client_credentials&client_id=") + kClient +
                             "&scope=https%3A%2F%2Fvault.azure.net%2F.default";
    Reply ok = postForm(emu, kTokenUrl, base + "&client_secret=emulator-client-secret");
    REQUIRE(ok.status == 200);
    auto doc = emu::parseJsonObject(ok.body);
    REQUIRE(doc);
    CHECK(emu::getString(*doc, "token_type") == std::optional<std::string>("Bearer"));
    CHECK(emu::getInt(*doc, "expires_in") == std::optional<std::int64_t>(3600));
    CHECK(emu::getInt(*doc, "ext_expires_in") == std::optional<std::int64_t>(3600));
    const std::string accessToken = field(ok, "access_token");
    CHECK(std::count(accessToken.begin(), accessToken.end(), '.') == 2);

    Reply wrongSecret = postForm(emu, kTokenUrl, base + "&client_secret=nope");
    CHECK(wrongSecret.status == 401);
    CHECK(field(wrongSecret, "error") == "invalid_client");
    CHECK(errorCode(wrongSecret) == 7000215);
    CHECK(field(wrongSecret, "error_description").rfind("AADSTS7000215:", 0) == 0);
    CHECK(!field(wrongSecret, "trace_id").empty());
    CHECK(!field(wrongSecret, "correlation_id").empty());
    CHECK(wrongSecret.body.find("nope") == std::string::npos);

    Reply badTenant = postForm(
        emu, "https://login.microsoftonline.com/99999999-2222-3333-4444-555555555555/oauth2/v2.0/token",
        base + "&client_secret=emulator-client-secret");
    CHECK(badTenant.status == 400);
    CHECK(field(badTenant, "error") == "invalid_request");
    CHECK(errorCode(badTenant) == 90002);

    Reply badClient = postForm(emu, kTokenUrl,
                               "grant_type=client_credentials&client_id=00000000-0000-0000-0000-000000000009"
                               "&scope=https%3A%2F%2Fvault.azure.net%2F.default&client_secret=x");
    CHECK(badClient.status == 400);
    CHECK(field(badClient, "error") == "unauthorized_client");
    CHECK(errorCode(badClient) == 700016);

    // login.localhost is the same token service.
    CHECK(postForm(emu, std::string("https://login.localhost/") + kTenant + "/oauth2/v2.0/token",
                   base + "&client_secret=emulator-client-secret")
              .status == 200);

    auto counters = emu::parseJsonObject(controlGet(emu, "counters").body);
    REQUIRE(counters);
    CHECK(emu::getInt(*counters, "tokenRequests") == std::optional<std::int64_t>(2));
    CHECK((*counters)["tokenRequestsByClient"][kClient].GetInt() == 2);
}

TEST_CASE("entra: client assertion signed by a registered certificate") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const auto cert = makeCertificate("assertion-client");
    const auto other = makeCertificate("unregistered");
    const std::string clientId = "aaaaaaaa-bbbb-cccc-dddd-000000000042";
    std::string pem = cert.certPem;
    std::string escaped;
    for (char c : pem) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    REQUIRE(control(emu, "entra/clients",
                    "{\"clientId\":\"" + clientId + "\",\"certificatePem\":\"" + escaped + "\"}")
                .status == 200);
    CHECK(control(emu, "entra/clients", R"({"clientId":"x","certificatePem":"not a pem"})").status == 400);

    auto form = [&](const std::string& assertion) {
        return "grant_type=client_credentials&client_id=" + clientId +
               "&scope=https%3A%2F%2Fvault.azure.net%2F.default"
               "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-"
               "bearer"
               "&client_assertion=" +
               assertion;
    };
    CHECK(postForm(emu, kTokenUrl, form(makeAssertion(cert, clientId, kTokenUrl, 600))).status == 200);
    CHECK(postForm(emu, kTokenUrl, form(makeAssertion(cert, clientId, kTokenUrl, 600, true))).status == 200);

    Reply otherCert = postForm(emu, kTokenUrl, form(makeAssertion(other, clientId, kTokenUrl, 600)));
    CHECK(otherCert.status == 401);
    CHECK(field(otherCert, "error") == "invalid_client");
    CHECK(errorCode(otherCert) == 700027);
    CHECK(postForm(emu, kTokenUrl, form(makeAssertion(cert, clientId, "https://elsewhere/x", 600))).status ==
          401);
    CHECK(postForm(emu, kTokenUrl, form(makeAssertion(cert, clientId, kTokenUrl, -600))).status == 401);
    CHECK(postForm(emu, kTokenUrl, form(makeAssertion(cert, "someone-else", kTokenUrl, 600))).status == 401);
    // Signature bytes altered.
    std::string forged = makeAssertion(cert, clientId, kTokenUrl, 600);
    forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
    CHECK(postForm(emu, kTokenUrl, form(forged)).status == 401);
}

TEST_CASE("managed identity: IMDS and App Service endpoints") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string imds = "https://127.0.0.1:" + std::to_string(emu.port()) +
                             "/metadata/identity/oauth2/"
                             "token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net";
    Reply noHeader = request(emu, "GET", imds);
    CHECK(noHeader.status == 400);
    CHECK(field(noHeader, "error_description") == "Required metadata header not specified");
    Reply sys = request(emu, "GET", imds, {"Metadata: true"});
    REQUIRE(sys.status == 200);
    CHECK(field(sys, "resource") == "https://vault.azure.net");
    CHECK(field(sys, "token_type") == "Bearer");
    CHECK(field(sys, "expires_in") == "3600");
    CHECK(std::stoll(field(sys, "expires_on")) > 1700000000);
    Reply user =
        request(emu, "GET", imds + "&client_id=cccccccc-0000-0000-0000-000000000001", {"Metadata: true"});
    CHECK(field(user, "client_id") == "cccccccc-0000-0000-0000-000000000001");

    // The managed identity token opens a vault.
    Reply secret = request(emu, "GET", "https://mi.vault.azure.net/secrets?api-version=7.5",
                           {"Authorization: Bearer " + field(sys, "access_token")});
    CHECK(secret.status != 401);

    const std::string app =
        "https://localhost/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net";
    CHECK(request(emu, "GET", app).status == 401);
    CHECK(request(emu, "GET", app, {"X-IDENTITY-HEADER: wrong"}).status == 401);
    Reply appOk = request(emu, "GET", app, {"X-IDENTITY-HEADER: emulator-identity-header"});
    CHECK(appOk.status == 200);
    CHECK(field(appOk, "resource") == "https://vault.azure.net");
}

TEST_CASE("key vault challenge: 401 in resource and scope forms; wrong audience or tenant refused") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    Reply azure = request(emu, "GET", "https://myvault.vault.azure.net/secrets/s?api-version=7.5");
    CHECK(azure.status == 401);
    CHECK(azure.body.empty());
    CHECK(azure.header("www-authenticate") ==
          std::string("Bearer authorization=\"https://login.microsoftonline.com/") + kTenant +
              "\", resource=\"https://vault.azure.net\"");
    Reply local = request(emu, "GET", "https://myvault.vault.localhost/secrets/s?api-version=7.5");
    CHECK(local.header("www-authenticate") == std::string("Bearer authorization=\"https://login.localhost/") +
                                                  kTenant + "\", resource=\"https://vault.localhost\"");

    REQUIRE(control(emu, "config", R"({"challengeForm":"scope"})").status == 200);
    Reply scoped = request(emu, "GET", "https://myvault.vault.azure.net/secrets/s?api-version=7.5");
    CHECK(scoped.header("www-authenticate") ==
          std::string("Bearer authorization=\"https://login.microsoftonline.com/") + kTenant +
              "\", scope=\"https://vault.azure.net/.default\"");
    CHECK(control(emu, "config", R"({"challengeForm":"other"})").status == 400);

    const std::string vaultToken = token(emu, "https://vault.azure.net/.default");
    const std::string slashToken = token(emu, "https://vault.azure.net//.default");
    const std::string batchToken = token(emu, "https://batch.core.windows.net//.default");
    const std::string localToken = token(emu, "https://vault.localhost/.default");
    CHECK(request(emu, "GET", "https://myvault.vault.azure.net/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + vaultToken})
              .status != 401);
    CHECK(request(emu, "GET", "https://myvault.vault.azure.net/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + slashToken})
              .status != 401);
    CHECK(request(emu, "GET", "https://myvault.vault.azure.net/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + batchToken})
              .status == 401);
    CHECK(request(emu, "GET", "https://myvault.vault.localhost/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + vaultToken})
              .status == 401);
    CHECK(request(emu, "GET", "https://myvault.vault.localhost/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + localToken})
              .status != 401);
    CHECK(request(emu, "GET", "https://myvault.vault.azure.net/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + vaultToken + "x"})
              .status == 401);

    auto counters = emu::parseJsonObject(controlGet(emu, "counters").body);
    REQUIRE(counters);
    CHECK(emu::getInt(*counters, "vaultRequestsWithToken") == std::optional<std::int64_t>(6));
    CHECK(emu::getInt(*counters, "vaultRequests") == std::optional<std::int64_t>(9));
}

TEST_CASE("key vault auth: a token from another tenant is refused") {
    const kvb::test::TempDir tmp;
    const std::string dir = tmp.path().string();
    kvb::test::writeText(dir + "/config.json",
                         R"({"additionalTenants":["99999999-8888-7777-6666-555555555555"]})");
    EmulatorProcess emu({"--config", dir + "/config.json"});
    const std::string form =
        std::string("grant_type=client_credentials&client_id=") + kClient +
        "&client_secret=emulator-client-secret&scope=https%3A%2F%2Fvault.azure.net%2F.default";
    Reply other = postForm(
        emu, "https://login.microsoftonline.com/99999999-8888-7777-6666-555555555555/oauth2/v2.0/token",
        form);
    REQUIRE(other.status == 200);
    Reply refused = request(emu, "GET", "https://v.vault.azure.net/secrets/s?api-version=7.5",
                            {"Authorization: Bearer " + field(other, "access_token")});
    CHECK(refused.status == 401);
    CHECK(refused.header("www-authenticate").find(kTenant) != std::string::npos);
    Reply home = postForm(emu, kTokenUrl, form);
    REQUIRE(home.status == 200);
    CHECK(request(emu, "GET", "https://v.vault.azure.net/secrets/s?api-version=7.5",
                  {"Authorization: Bearer " + field(home, "access_token")})
              .status != 401);
    CHECK(emu.stop() == 0);
}
