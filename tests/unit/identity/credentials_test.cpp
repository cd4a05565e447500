// SPDX-License-Identifier: MIT
// Credentials over a FakeTransport: what goes on the wire, how answers and refusals are read.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/identity/azure_cli_credential.hpp>
#include <kvbridge/identity/chained_token_credential.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/identity/managed_identity_credential.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_credential.hpp"
#include "fake_transport.hpp"
#include "identity/token_request.hpp"

using namespace kvb;
using namespace kvb::identity;

namespace {

constexpr const char* kSecret = "s3cr3t+&=value";
const TokenRequestContext kVault{{"https://vault.azure.net/.default"}, {}};

CredentialOptions fakeOptions(std::shared_ptr<test::FakeTransport> fake) {
    CredentialOptions o;
    o.authorityHost = "https://login.example.test/";
    o.client.transport = std::move(fake);
    o.client.retry.maxRetries = 0;
    return o;
}

} // namespace

TEST_CASE("client secret: form-encoded client credentials POST, token read, then cached") {
    auto fake = std::make_shared<test::FakeTransport>();
    fake->respond(200, R"({"token_type":"Bearer","expires_in":3600,"access_token":"at-1"})");
    ClientSecretCredential credential("tenant-1", "client-1", SecretString(kSecret), fakeOptions(fake));
    const auto before = std::chrono::system_clock::now();
    auto token = credential.getToken(kVault, {});
    CHECK(token.token.reveal() == "at-1");
    CHECK(token.expiresOn >= before + std::chrono::seconds(3590));
    CHECK(credential.getToken(kVault, {}).token.reveal() == "at-1");
    const auto sent = fake->requests();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].method == http::Method::Post);
    CHECK(sent[0].url == "https://login.example.test/tenant-1/oauth2/v2.0/token");
    CHECK(sent[0].headers.get("Content-Type") == "application/x-www-form-urlencoded");
    CHECK(sent[0].body ==
          "grant_type=client_credentials&client_id=client-1&scope=https%3A%2F%2Fvault.azure.net%2F."
          "default&client_secret=s3cr3t%2B%26%3Dvalue");
    CHECK(sent[0].sensitiveBody);
}

TEST_CASE("client secret: an Entra refusal is an AuthenticationError with the AADSTS code, no secret") {
    auto fake = std::make_shared<test::FakeTransport>();
    fake->respond(
        401,
        R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x","error_codes":[7000215]})");
    ClientSecretCredential credential("tenant-1", "client-1", SecretString(kSecret), fakeOptions(fake));
    try {
        credential.getToken(kVault, {});
        FAIL("no error");
    } catch (const AuthenticationError& e) {
        const std::string what = e.what();
        CHECK(what.find("invalid_client") != std::string::npos);
        CHECK(what.find("AADSTS7000215") != std::string::npos);
        CHECK(what.find("Trace ID") == std::string::npos);
        CHECK(what.find("s3cr3t") == std::string::npos);
    }
}

TEST_CASE("client secret: bad arguments") {
    CHECK_THROWS_AS(ClientSecretCredential("", "c", SecretString("s")), InvalidArgument);
    CHECK_THROWS_AS(ClientSecretCredential("t/../x", "c", SecretString("s")), InvalidArgument);
    CHECK_THROWS_AS(ClientSecretCredential("t", "", SecretString("s")), InvalidArgument);
    CHECK_THROWS_AS(ClientSecretCredential("t", "c", SecretString("")), InvalidArgument);
    CredentialOptions http;
    http.authorityHost = "http://login.example.test";
    CHECK_THROWS_AS(ClientSecretCredential("t", "c", SecretString("s"), http), InvalidArgument);
    ClientSecretCredential ok("t", "c", SecretString("s"),
                              fakeOptions(std::make_shared<test::FakeTransport>()));
    CHECK_THROWS_AS(ok.getToken({}, {}), InvalidArgument);
}

TEST_CASE("token response: expires_on as a string, refresh_in, and malformed answers") {
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    auto t = identity::parseTokenResponse(
        R"({"access_token":"a","expires_on":"1700003600","refresh_in":1800})", now, "X");
    CHECK(t.expiresOn == now + std::chrono::seconds(3600));
    REQUIRE(t.refreshOn);
    CHECK(*t.refreshOn == now + std::chrono::seconds(1800));
    auto s = identity::parseTokenResponse(R"({"access_token":"a","expires_in":"60"})", now, "X");
    CHECK(s.expiresOn == now + std::chrono::seconds(60));
    CHECK_THROWS_AS(identity::parseTokenResponse("not json", now, "X"), AuthenticationError);
    CHECK_THROWS_AS(identity::parseTokenResponse(R"({"expires_in":60})", now, "X"), AuthenticationError);
    CHECK_THROWS_AS(identity::parseTokenResponse(R"({"access_token":"a"})", now, "X"), AuthenticationError);
    CHECK_THROWS_AS(identity::parseTokenResponse(R"({"access_token":"a","expires_on":"soon"})", now, "X"),
                    AuthenticationError);
}

TEST_CASE("managed identity: IMDS request shape, user-assigned ids, string expires_on") {
    auto fake = std::make_shared<test::FakeTransport>();
    fake->fallback([](const http::Request&) {
        http::RawResponse r;
        r.status = 200;
        r.body = R"({"access_token":"mi","expires_on":"4102444800","resource":"https://vault.azure.net"})";
        return r;
    });
    ManagedIdentityCredentialOptions options;
    options.imdsEndpoint = "https://127.0.0.1:1/metadata/identity/oauth2/token";
    options.identityEndpoint = "";
    options.clientId = "uami-1";
    options.client.transport = fake;
    ManagedIdentityCredential credential(options);
    auto token = credential.getToken(kVault, {});
    CHECK(token.token.reveal() == "mi");
    CHECK(token.expiresOn == std::chrono::system_clock::time_point(std::chrono::seconds(4102444800)));
    auto sent = fake->requests().at(0);
    CHECK(sent.method == http::Method::Get);
    CHECK(sent.url == "https://127.0.0.1:1/metadata/identity/oauth2/token?api-version=2018-02-01&resource="
                      "https%3A%2F%2Fvault.azure.net&client_id=uami-1");
    CHECK(sent.headers.get("Metadata") == "true");

    options.clientId.clear();
    options.resourceId = "/subscriptions/s/rg/r";
    ManagedIdentityCredential byResource(options);
    byResource.getToken(kVault, {});
    CHECK(fake->requests().back().url.find("&msi_res_id=%2Fsubscriptions%2Fs%2Frg%2Fr") != std::string::npos);

    options.resourceId.clear();
    options.identityEndpoint = "https://127.0.0.1:1/msi/token";
    options.identityHeader = SecretString("hdr");
    options.objectId = "oid-1";
    ManagedIdentityCredential appService(options);
    appService.getToken(kVault, {});
    sent = fake->requests().back();
    CHECK(sent.url ==
          "https://127.0.0.1:1/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net"
          "&principal_id=oid-1");
    CHECK(sent.headers.get("X-IDENTITY-HEADER") == "hdr");
    CHECK_FALSE(sent.headers.contains("Metadata"));

    ManagedIdentityCredentialOptions two;
    two.clientId = "a";
    two.objectId = "b";
    CHECK_THROWS_AS(ManagedIdentityCredential{two}, InvalidArgument);
    CHECK_THROWS_AS(credential.getToken({{"a/.default", "b/.default"}, {}}, {}), InvalidArgument);
}

TEST_CASE("azure cli: missing az is a clear AuthenticationError") {
    AzureCliCredentialOptions options;
    options.executable = "kvb-no-such-az-program";
    AzureCliCredential credential(options);
    try {
        credential.getToken(kVault, {});
        FAIL("no error");
    } catch (const AuthenticationError& e) {
        CHECK(std::string(e.what()).find("not installed") != std::string::npos);
    }
}

TEST_CASE("azure cli: runs az without a shell, passes scope and tenant, reads the token") {
    char dir[] = "/tmp/kvb-az-XXXXXX";
    REQUIRE(mkdtemp(dir));
    const std::string script = std::string(dir) + "/az";
    const std::string argsFile = std::string(dir) + "/args";
    {
        std::ofstream out(script);
        // The fake az records its arguments one per line and prints what the real one prints.
        out << "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " << argsFile
            << "\necho '{\"accessToken\":\"cli-token\",\"expiresOn\":\"2099-01-01 00:00:00.000000\","
               "\"expires_on\":4070908800,\"tenant\":\"t\",\"tokenType\":\"Bearer\"}'\n";
    }
    chmod(script.c_str(), 0700);
    AzureCliCredentialOptions options;
    options.executable = script;
    options.tenantId = "tenant-9";
    AzureCliCredential credential(options);
    auto token = credential.getToken(kVault, {});
    CHECK(token.token.reveal() == "cli-token");
    CHECK(token.expiresOn == std::chrono::system_clock::time_point(std::chrono::seconds(4070908800)));
    std::ifstream in(argsFile);
    std::string args((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(args == "account\nget-access-token\n--output\njson\n--scope\nhttps://vault.azure.net/.default\n"
                  "--tenant\ntenant-9\n");

    {
        std::ofstream out(script);
        out << "#!/bin/sh\necho 'ERROR: Please run az login to setup account.' >&2\nexit 1\n";
    }
    AzureCliCredential loggedOut(options);
    CHECK_THROWS_WITH_AS(loggedOut.getToken(kVault, {}), doctest::Contains("az login"), AuthenticationError);
    {
        std::ofstream out(script);
        out << "#!/bin/sh\nexec sleep 5\n";
    }
    options.timeout = std::chrono::milliseconds(200);
    AzureCliCredential slow(options);
    CHECK_THROWS_WITH_AS(slow.getToken(kVault, {}), doctest::Contains("did not answer"), AuthenticationError);
    std::remove(script.c_str());
    std::remove(argsFile.c_str());
    rmdir(dir);
}

namespace {
class FailingCredential final : public TokenCredential {
public:
    explicit FailingCredential(std::string why) : why_(std::move(why)) {}
    AccessToken getToken(const TokenRequestContext&, const Context&) const override {
        ++calls;
        throw AuthenticationError(why_);
    }
    std::string name() const override { return "Failing"; }
    mutable int calls = 0;

private:
    std::string why_;
};
} // namespace

TEST_CASE("chained: first working credential wins and is remembered; the error lists every reason") {
    auto first = std::make_shared<FailingCredential>("first is not configured");
    auto second = std::make_shared<test::FakeCredential>();
    ChainedTokenCredential chain({first, second});
    CHECK(chain.getToken(kVault, {}).token.reveal() == "token-1");
    CHECK(chain.getToken(kVault, {}).token.reveal() == "token-2");
    CHECK(first->calls == 1);
    CHECK(chain.selectedCredential() == "FakeCredential");

    ChainedTokenCredential none(
        {std::make_shared<FailingCredential>("reason A"), std::make_shared<FailingCredential>("reason B")});
    CHECK_THROWS_WITH_AS(none.getToken(kVault, {}), doctest::Contains("reason A"), AuthenticationError);
    CHECK_THROWS_WITH_AS(none.getToken(kVault, {}), doctest::Contains("reason B"), AuthenticationError);
    CHECK_THROWS_AS(ChainedTokenCredential({}), InvalidArgument);
}

namespace {
// Sets one environment variable for the scope of a test, restoring the old value after.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value, 1);
    }
    ~EnvVar() {
        if (old_)
            setenv(name_, old_->c_str(), 1);
        else
            unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};
} // namespace

TEST_CASE("environment: AZURE_AUTHORITY_HOST and KVB_IMDS_ENDPOINT are honoured when options are empty") {
    auto fake = std::make_shared<test::FakeTransport>();
    fake->fallback([](const http::Request&) {
        http::RawResponse r;
        r.status = 200;
        r.body = R"({"access_token":"t","expires_in":3600})";
        return r;
    });
    EnvVar authority("AZURE_AUTHORITY_HOST", "https://login.sovereign.test");
    CredentialOptions options;
    options.client.transport = fake;
    ClientSecretCredential credential("tenant-1", "client-1", SecretString(kSecret), options);
    credential.getToken(kVault, {});
    CHECK(fake->requests().back().url == "https://login.sovereign.test/tenant-1/oauth2/v2.0/token");

    EnvVar imds("KVB_IMDS_ENDPOINT", "https://127.0.0.1:2/metadata/identity/oauth2/token");
    EnvVar noAppService("IDENTITY_ENDPOINT", "");
    ManagedIdentityCredentialOptions mi;
    mi.client.transport = fake;
    ManagedIdentityCredential managed(mi);
    managed.getToken(kVault, {});
    CHECK(fake->requests().back().url.rfind("https://127.0.0.1:2/metadata/identity/oauth2/token?", 0) == 0);
}
