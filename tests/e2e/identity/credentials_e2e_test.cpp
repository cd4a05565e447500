// SPDX-License-Identifier: MIT
// Every credential against the emulator over TLS, and the failures that must stay failures.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_assertion_credential.hpp>
#include <kvbridge/identity/client_certificate_credential.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/identity/default_azure_credential.hpp>
#include <kvbridge/identity/environment_credential.hpp>
#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/identity/workload_identity_credential.hpp>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "credentials.hpp"
#include "e2e_support.hpp"
#include "emulator.hpp"
#include "identity/signing_certificate.hpp"
#include "openssl_certificates.hpp"

using namespace kvb;
using namespace kvb::identity;
using test::Emulator;

namespace {
// An application registered with a fresh certificate, and what signs its assertions.
struct Signer {
    std::shared_ptr<const identity::SigningCertificate> certificate;
    std::string audience =
        Emulator::shared().authorityHost() + "/" + Emulator::kTenant + "/oauth2/v2.0/token";

    explicit Signer(const std::string& clientId) {
        const auto cert = test::makeTestCertificate("kvb-" + clientId, {.key = test::KeyType::Rsa2048});
        test::registerCertificateClient(clientId, cert.certPem);
        certificate = identity::SigningCertificate::load(test::secretBytes(cert.certPem + cert.keyPem), {});
    }
};
} // namespace

TEST_CASE("client secret: token from the emulator; a wrong secret is refused with AADSTS7000215") {
    auto& emu = test::freshEmulator();
    auto token = test::emulatorCredential()->getToken(test::vaultScope(), {});
    CHECK_FALSE(token.token.empty());
    CHECK(token.expiresOn > std::chrono::system_clock::now());
    CHECK(emu.counter("tokenRequests") == 1);

    ClientSecretCredential wrong(Emulator::kTenant, Emulator::kClientId, SecretString(test::kWrongSecret),
                                 test::emulatorCredentialOptions());
    CHECK_THROWS_WITH_AS(wrong.getToken(test::vaultScope(), {}), doctest::Contains("AADSTS7000215"),
                         AuthenticationError);
}

TEST_CASE("client secret: a token endpoint that quotes the request back leaves the secret out") {
    auto& emu = test::freshEmulator();
    emu.control("POST", "faults", R"({"method":"POST","path":"*/token","status":401,"echoBody":true})");
    try {
        test::emulatorCredential()->getToken(test::vaultScope(), {});
        FAIL("no exception");
    } catch (const AuthenticationError& e) {
        const std::string text = e.what();
        CHECK(text.find("client_secret=[redacted]") != std::string::npos); // quoted, then cut
        CHECK(text.find(Emulator::kClientSecret) == std::string::npos);
    }
}

TEST_CASE("client certificate: PEM (PKCS#8, PKCS#1, encrypted) and PFX; wrong PFX password") {
    auto& emu = test::freshEmulator();
    // Made once: doctest runs the test case again for every SUBCASE.
    static const auto cert = test::makeTestCertificate("kvb-identity-test", {.key = test::KeyType::Rsa2048});
    const std::string clientId = "aaaaaaaa-bbbb-cccc-dddd-0000000000c1";
    test::registerCertificateClient(clientId, cert.certPem);
    ClientCertificateCredentialOptions options;
    options.credential = test::emulatorCredentialOptions();

    SUBCASE("PKCS#8 PEM with the chain sent") {
        test::TempFile pem(cert.certPem + cert.keyPem);
        options.sendCertificateChain = true;
        ClientCertificateCredential c(Emulator::kTenant, clientId, pem.path(), {}, options);
        CHECK_FALSE(c.getToken(test::vaultScope(), {}).token.empty());
    }
    SUBCASE("PKCS#1 PEM, key first") {
        test::TempFile pem(cert.traditionalKeyPem() + cert.certPem);
        ClientCertificateCredential c(Emulator::kTenant, clientId, pem.path(), {}, options);
        CHECK_FALSE(c.getToken(test::vaultScope(), {}).token.empty());
    }
    SUBCASE("encrypted PKCS#8 PEM") {
        test::TempFile pem(cert.certPem + cert.encryptedKeyPem(test::kPfxPassword));
        ClientCertificateCredential c(Emulator::kTenant, clientId, pem.path(),
                                      SecretString(test::kPfxPassword), options);
        CHECK_FALSE(c.getToken(test::vaultScope(), {}).token.empty());
        CHECK_THROWS_AS(ClientCertificateCredential(Emulator::kTenant, clientId, pem.path(),
                                                    SecretString("wrong"), options),
                        CryptoError);
    }
    SUBCASE("PFX, and a wrong PFX password") {
        test::TempFile pfx(cert.pfx(test::kPfxPassword));
        ClientCertificateCredential c(Emulator::kTenant, clientId, pfx.path(),
                                      SecretString(test::kPfxPassword), options);
        CHECK_FALSE(c.getToken(test::vaultScope(), {}).token.empty());
        CHECK_THROWS_AS(ClientCertificateCredential(Emulator::kTenant, clientId, pfx.path(),
                                                    SecretString(test::kWrongPassword), options),
                        CryptoError);
    }
    SUBCASE("a certificate the application did not register is refused") {
        // A certificate (and key) the application never registered.
        const auto other = test::makeTestCertificate("not-registered", {.key = test::KeyType::Rsa2048});
        test::TempFile pem(other.certPem + other.keyPem);
        ClientCertificateCredential c(Emulator::kTenant, clientId, pem.path(), {}, options);
        CHECK_THROWS_WITH_AS(c.getToken(test::vaultScope(), {}), doctest::Contains("AADSTS700027"),
                             AuthenticationError);
    }
    (void)emu;
}

TEST_CASE("client assertion: a valid assertion works; garbage and expired assertions are refused") {
    test::freshEmulator();
    const std::string clientId = "aaaaaaaa-bbbb-cccc-dddd-0000000000c2";
    const Signer s(clientId);
    const auto& signer = s.certificate;
    const auto& audience = s.audience;

    std::atomic<int> calls{0};
    ClientAssertionCredential good(
        Emulator::kTenant, clientId,
        [&](const Context&) {
            ++calls;
            return signer->makeAssertion(clientId, audience, false, std::chrono::system_clock::now());
        },
        test::emulatorCredentialOptions());
    CHECK_FALSE(good.getToken(test::vaultScope(), {}).token.empty());
    CHECK(calls == 1);

    ClientAssertionCredential garbage(
        Emulator::kTenant, clientId, [](const Context&) { return std::string("a.b.c"); },
        test::emulatorCredentialOptions());
    CHECK_THROWS_AS(garbage.getToken(test::vaultScope(), {}), AuthenticationError);

    ClientAssertionCredential expired(
        Emulator::kTenant, clientId,
        [&](const Context&) {
            return signer->makeAssertion(clientId, audience, false,
                                         std::chrono::system_clock::now() - std::chrono::hours(2));
        },
        test::emulatorCredentialOptions());
    CHECK_THROWS_WITH_AS(expired.getToken(test::vaultScope(), {}), doctest::Contains("expired"),
                         AuthenticationError);

    ClientAssertionCredential throwing(
        Emulator::kTenant, clientId,
        [](const Context&) -> std::string { throw std::runtime_error("no assertion today"); },
        test::emulatorCredentialOptions());
    CHECK_THROWS_WITH_AS(throwing.getToken(test::vaultScope(), {}), doctest::Contains("no assertion today"),
                         AuthenticationError);
}

TEST_CASE("workload identity: the token file is read, and re-read when it changes") {
    test::freshEmulator();
    const std::string clientId = "aaaaaaaa-bbbb-cccc-dddd-0000000000c3";
    const Signer s(clientId);
    const auto& signer = s.certificate;
    const auto& audience = s.audience;

    test::TempFile file("not-a-jwt");
    WorkloadIdentityCredentialOptions options;
    options.tenantId = Emulator::kTenant;
    options.clientId = clientId;
    options.tokenFilePath = file.path();
    options.credential = test::emulatorCredentialOptions();
    WorkloadIdentityCredential credential(options);
    CHECK_THROWS_AS(credential.getToken(test::vaultScope(), {}), AuthenticationError);
    file.rewrite(signer->makeAssertion(clientId, audience, false, std::chrono::system_clock::now()));
    CHECK_FALSE(credential.getToken(test::vaultScope(), {}).token.empty());

    WorkloadIdentityCredentialOptions missing;
    missing.tenantId = Emulator::kTenant;
    missing.clientId = clientId;
    missing.tokenFilePath = "/nonexistent/kvb/token";
    WorkloadIdentityCredential gone(missing);
    CHECK_THROWS_AS(gone.getToken(test::vaultScope(), {}), AuthenticationError);
}

TEST_CASE("managed identity: IMDS and App Service on the emulator; missing IMDS fails fast") {
    auto& emu = test::freshEmulator();
    ManagedIdentityCredential imds(test::imdsOptions());
    CHECK_FALSE(imds.getToken(test::vaultScope(), {}).token.empty());

    auto userAssigned = test::imdsOptions();
    userAssigned.clientId = "cccccccc-0000-0000-0000-0000000000u1";
    ManagedIdentityCredential uami(userAssigned);
    CHECK_FALSE(uami.getToken(test::vaultScope(), {}).token.empty());

    ManagedIdentityCredentialOptions appService;
    appService.identityEndpoint = emu.baseUrl() + "/msi/token";
    appService.identityHeader = SecretString(Emulator::kIdentityHeader);
    appService.client = test::emulatorClientOptions();
    ManagedIdentityCredential app(appService);
    CHECK_FALSE(app.getToken(test::vaultScope(), {}).token.empty());
    CHECK(emu.counter("tokenRequests") == 3);

    appService.identityHeader = SecretString("wrong-identity-header");
    ManagedIdentityCredential wrongHeader(appService);
    CHECK_THROWS_AS(wrongHeader.getToken(test::vaultScope(), {}), AuthenticationError);

    ManagedIdentityCredential nothing(test::closedImdsOptions());
    CHECK_THROWS_WITH_AS(nothing.getToken(test::vaultScope(), {}), doctest::Contains("could not be reached"),
                         AuthenticationError);
}

TEST_CASE("environment credential: secret from AZURE_* variables; unset variables are reported") {
    test::freshEmulator();
    {
        test::ScopedEnv env({{"AZURE_TENANT_ID", Emulator::kTenant},
                             {"AZURE_CLIENT_ID", Emulator::kClientId},
                             {"AZURE_CLIENT_SECRET", Emulator::kClientSecret}});
        EnvironmentCredential credential(test::emulatorCredentialOptions());
        CHECK_FALSE(credential.getToken(test::vaultScope(), {}).token.empty());
    }
    {
        const auto cert = test::makeTestCertificate("kvb-env", {.key = test::KeyType::Rsa2048});
        const std::string clientId = "aaaaaaaa-bbbb-cccc-dddd-0000000000c4";
        test::registerCertificateClient(clientId, cert.certPem);
        test::TempFile pfx(cert.pfx(test::kPfxPassword));
        test::ScopedEnv env({{"AZURE_TENANT_ID", Emulator::kTenant},
                             {"AZURE_CLIENT_ID", clientId},
                             {"AZURE_CLIENT_CERTIFICATE_PATH", pfx.path()},
                             {"AZURE_CLIENT_CERTIFICATE_PASSWORD", test::kPfxPassword}});
        EnvironmentCredential credential(test::emulatorCredentialOptions());
        CHECK_FALSE(credential.getToken(test::vaultScope(), {}).token.empty());
    }
    test::ScopedEnv none({});
    EnvironmentCredential unconfigured(test::emulatorCredentialOptions());
    CHECK_THROWS_WITH_AS(unconfigured.getToken(test::vaultScope(), {}), doctest::Contains("AZURE_CLIENT_ID"),
                         AuthenticationError);
}

TEST_CASE("default credential: falls through to managed identity and remembers it; lists every failure") {
    test::freshEmulator();
    test::ScopedEnv none({});
    DefaultAzureCredentialOptions options;
    options.credential = test::emulatorCredentialOptions();
    options.managedIdentity = test::imdsOptions();
    options.azureCli.executable = "kvb-no-such-az-program";
    DefaultAzureCredential credential(options);
    CHECK_FALSE(credential.getToken(test::vaultScope(), {}).token.empty());
    CHECK(credential.selectedCredential() == "ManagedIdentityCredential");

    options.managedIdentity = test::closedImdsOptions();
    DefaultAzureCredential nothing(options);
    try {
        nothing.getToken(test::vaultScope(), {});
        FAIL("no error");
    } catch (const AuthenticationError& e) {
        const std::string what = e.what();
        CHECK(what.find("DefaultAzureCredential") != std::string::npos);
        for (const char* step : {"EnvironmentCredential", "WorkloadIdentityCredential",
                                 "ManagedIdentityCredential", "AzureCliCredential"})
            CHECK_MESSAGE(what.find(step) != std::string::npos, step);
        CHECK(what.find("not installed") != std::string::npos);
    }

    test::ScopedEnv env({{"AZURE_TENANT_ID", Emulator::kTenant},
                         {"AZURE_CLIENT_ID", Emulator::kClientId},
                         {"AZURE_CLIENT_SECRET", Emulator::kClientSecret}});
    DefaultAzureCredential fromEnvironment(options);
    CHECK_FALSE(fromEnvironment.getToken(test::vaultScope(), {}).token.empty());
    CHECK(fromEnvironment.selectedCredential() == "EnvironmentCredential");
}

TEST_CASE("token refresh: a short-lived token is renewed; 8 threads on a stale cache make one request") {
    auto& emu = test::freshEmulator();
    emu.control("POST", "config", R"({"tokenLifetimeSeconds":4})");
    auto credential = test::emulatorCredential();
    const std::string first(credential->getToken(test::vaultScope(), {}).token.reveal());
    CHECK(std::string(credential->getToken(test::vaultScope(), {}).token.reveal()) == first);
    CHECK(emu.counter("tokenRequests") == 1);
    // A 4 s token is due for refresh half-way through its life.
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    emu.control("POST", "counters/reset");
    std::vector<std::thread> threads;
    std::vector<std::string> got(8);
    for (std::size_t i = 0; i < 8; ++i)
        threads.emplace_back(
            [&, i] { got[i] = std::string(credential->getToken(test::vaultScope(), {}).token.reveal()); });
    for (auto& t : threads) t.join();
    CHECK(emu.counter("tokenRequests") == 1);
    for (const auto& g : got) {
        CHECK(g == got[0]);
        CHECK(g != first);
    }
}
