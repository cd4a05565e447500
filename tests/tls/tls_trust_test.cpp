// SPDX-License-Identifier: MIT
// Trust failures stop a client before any token or secret leaves it: an untrusted or expired
// server certificate, a host name the certificate does not cover, a plain-http vault URL, and a
// Key Vault challenge naming a foreign resource or authority. Counted at the emulator and at the
// credential.

#include "credentials.hpp"
#include "emulator.hpp"
#include "openssl_certificates.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>

using kvb::test::Emulator;

namespace {

// Counts how often a client asked for a token.
class CountingCredential final : public kvb::identity::TokenCredential {
public:
    explicit CountingCredential(std::shared_ptr<const kvb::identity::TokenCredential> inner)
        : inner_(std::move(inner)) {}
    kvb::identity::AccessToken getToken(const kvb::identity::TokenRequestContext& request,
                                        const kvb::Context& context) const override {
        ++calls;
        return inner_->getToken(request, context);
    }
    std::string name() const override { return "CountingCredential"; }
    mutable std::atomic<int> calls{0};

private:
    std::shared_ptr<const kvb::identity::TokenCredential> inner_;
};

struct Snapshot {
    long requests, tokenRequests, vaultWithToken;
    explicit Snapshot(const Emulator& emu)
        : requests(emu.counter("requests")), tokenRequests(emu.counter("tokenRequests")),
          vaultWithToken(emu.counter("vaultRequestsWithToken")) {}
};

// Nothing at all reached @p emu since @p before: the TLS handshake failed first.
void checkNothingSent(const Emulator& emu, const Snapshot& before) {
    const Snapshot now(emu);
    CHECK(now.requests == before.requests);
    CHECK(now.tokenRequests == before.tokenRequests);
    CHECK(now.vaultWithToken == before.vaultWithToken);
}

kvb::keyvault::KeyVaultClientOptions vaultOptions(const kvb::http::TransportOptions& transport) {
    kvb::keyvault::KeyVaultClientOptions o;
    o.client = kvb::test::emulatorClientOptions();
    o.client.retry.maxRetries = 0;
    o.client.transportOptions = transport;
    return o;
}

kvb::identity::CredentialOptions credentialOptions(const std::string& authority,
                                                   const kvb::http::TransportOptions& transport) {
    auto o = kvb::test::emulatorCredentialOptions();
    o.authorityHost = authority;
    o.client.retry.maxRetries = 0;
    o.client.transportOptions = transport;
    return o;
}

// A token request with the emulator's real client secret over @p transport to @p authority.
void requestToken(const std::string& authority, const kvb::http::TransportOptions& transport) {
    kvb::identity::ClientSecretCredential credential(Emulator::kTenant, Emulator::kClientId,
                                                     kvb::SecretString(Emulator::kClientSecret),
                                                     credentialOptions(authority, transport));
    credential.getToken({{"https://vault.localhost/.default"}, "", false}, {});
}

// getSecret through a vault client over @p transport; returns the error kind.
kvb::ErrorKind vaultFailure(const std::string& vaultUrl, const kvb::http::TransportOptions& transport,
                            const CountingCredential& counting) {
    auto cred = std::shared_ptr<const kvb::identity::TokenCredential>(&counting, [](auto*) {});
    kvb::keyvault::SecretClient client(vaultUrl, cred, vaultOptions(transport));
    try {
        client.getSecret("anything");
    } catch (const kvb::Error& e) {
        return e.kind();
    }
    FAIL("the call succeeded");
    return kvb::ErrorKind::InvalidArgument;
}

std::string tempCaFile() {
    static const std::string path = [] {
        const std::string p = "/tmp/kvb-tls-foreign-ca-" + std::to_string(::getpid()) + ".pem";
        std::ofstream(p) << kvb::test::makeTestCertificate("not the emulator CA").certPem;
        return p;
    }();
    return path;
}

} // namespace

TEST_SUITE("tls") {
    TEST_CASE("an untrusted server certificate: nothing is sent, not the token, not the client secret") {
        auto& emu = Emulator::shared();
        auto wrongCa = emu.transportOptions();
        wrongCa.caFile = tempCaFile();
        CountingCredential counting(kvb::test::emulatorCredential());
        const Snapshot before(emu);
        CHECK(vaultFailure(emu.vaultUrl("tlsuntrusted"), wrongCa, counting) == kvb::ErrorKind::Transport);
        CHECK_THROWS_AS(requestToken(emu.authorityHost(), wrongCa), kvb::identity::AuthenticationError);
        checkNothingSent(emu, before);
        CHECK(counting.calls == 0);
        std::remove(tempCaFile().c_str());
    }

    TEST_CASE("an expired server certificate: nothing is sent") {
        Emulator expired({"--tls-expired"});
        CountingCredential counting(kvb::test::emulatorCredential());
        const Snapshot before(expired);
        CHECK(vaultFailure(expired.vaultUrl("tlsexpired"), expired.transportOptions(), counting) ==
              kvb::ErrorKind::Transport);
        CHECK_THROWS_AS(requestToken(expired.authorityHost(), expired.transportOptions()),
                        kvb::identity::AuthenticationError);
        checkNothingSent(expired, before);
        CHECK(counting.calls == 0);
        // The same calls against a valid certificate from the same kind of emulator do get through.
        CHECK_NOTHROW(
            requestToken(Emulator::shared().authorityHost(), Emulator::shared().transportOptions()));
    }

    TEST_CASE("a host name the certificate does not cover: nothing is sent") {
        auto& emu = Emulator::shared();
        auto transport = emu.transportOptions();
        // Real loopback connection, names outside the certificate's subjectAltNames.
        transport.connectTo = {"::127.0.0.1:" + std::to_string(emu.port())};
        CountingCredential counting(kvb::test::emulatorCredential());
        const Snapshot before(emu);
        CHECK(vaultFailure("https://kv.vault.notinsans.test", transport, counting) ==
              kvb::ErrorKind::Transport);
        CHECK_THROWS_AS(requestToken("https://login.notinsans.test", transport),
                        kvb::identity::AuthenticationError);
        checkNothingSent(emu, before);
        CHECK(counting.calls == 0);
    }

    TEST_CASE("a plain-http vault URL or authority with a bearer credential is refused before sending") {
        auto& emu = Emulator::shared();
        CountingCredential counting(kvb::test::emulatorCredential());
        const Snapshot before(emu);
        auto cred = std::shared_ptr<const kvb::identity::TokenCredential>(&counting, [](auto*) {});
        const std::string http = "http://tlsplain.vault.localhost:" + std::to_string(emu.port());
        CHECK_THROWS_AS(kvb::keyvault::SecretClient(http, cred, vaultOptions(emu.transportOptions())),
                        kvb::InvalidArgument);
        CHECK_THROWS_AS(
            requestToken("http://login.localhost:" + std::to_string(emu.port()), emu.transportOptions()),
            kvb::InvalidArgument);
        checkNothingSent(emu, before);
        CHECK(counting.calls == 0);
    }

    TEST_CASE("a challenge naming a foreign resource is refused before a token is requested") {
        auto& emu = Emulator::shared();
        emu.control("POST", "config", R"({"challengeResource":"https://vault.evil.test"})");
        CountingCredential counting(kvb::test::emulatorCredential());
        const Snapshot before(emu);
        const auto kind = vaultFailure(emu.vaultUrl("tlsforeign"), emu.transportOptions(), counting);
        emu.control("POST", "config", R"({"challengeResource":""})");
        CHECK(kind == kvb::ErrorKind::Authentication);
        const Snapshot after(emu);
        CHECK(after.requests == before.requests + 1); // the unauthenticated probe only
        CHECK(after.tokenRequests == before.tokenRequests);
        CHECK(after.vaultWithToken == before.vaultWithToken);
        CHECK(counting.calls == 0);
    }

    TEST_CASE("a challenge naming a foreign authority never sends the client secret there") {
        auto& emu = Emulator::shared();
        const std::string vault = emu.vaultUrl("tlsauthority");
        kvb::keyvault::SecretClient(vault, kvb::test::emulatorCredential(),
                                    vaultOptions(emu.transportOptions()))
            .setSecret("s", kvb::SecretString("authority-test-value"));
        // A tripwire: any request that reaches the foreign authority's host trips a fault.
        emu.control("POST", "faults", R"({"host":"login.evil.localhost","count":1000,"status":500})");
        emu.control("POST", "config",
                    R"({"challengeAuthority":"https://login.evil.localhost:)" + std::to_string(emu.port()) +
                        R"(/"})");
        const long faults = emu.counter("faultsInjected");
        auto transport = emu.transportOptions();
        transport.connectTo = {"login.evil.localhost:" + std::to_string(emu.port()) +
                               ":127.0.0.1:" + std::to_string(emu.port())};
        std::string value;
        try {
            // The challenge's authority only names the tenant; the credential keeps its own
            // authority host, so the secret goes where it was configured to go.
            kvb::keyvault::SecretClient client(vault, kvb::test::emulatorCredential(),
                                               vaultOptions(transport));
            value = std::string(client.getSecret("s")->value.reveal());
        } catch (const kvb::identity::AuthenticationError&) {
            // Refusing the challenge outright is as good.
        }
        emu.control("POST", "config", R"({"challengeAuthority":""})");
        emu.control("POST", "faults/clear");
        CHECK(emu.counter("faultsInjected") == faults);
        CHECK((value.empty() || value == "authority-test-value"));
    }
}
