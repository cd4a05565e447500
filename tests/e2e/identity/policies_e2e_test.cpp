// SPDX-License-Identifier: MIT
// The Key Vault challenge flow and Batch Shared Key against the emulator, and a scan of every
// log line and error text for the secrets used.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_certificate_credential.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/log.hpp>

#include <mutex>

#include "credentials.hpp"
#include "e2e_support.hpp"
#include "emulator.hpp"
#include "identity/auth_policies.hpp"
#include "openssl_certificates.hpp"

using namespace kvb;
using namespace kvb::identity;
using test::Emulator;

namespace {

constexpr const char* kApi = "?api-version=2026-04-01";
constexpr const char* kBatchApi = "?api-version=2024-07-01.20.0";
constexpr const char* kSecretValue = "vault-secret-value-1c9d";

std::shared_ptr<const http::Pipeline>
vaultPipeline(std::shared_ptr<const TokenCredential> credential,
              http::ClientOptions options = test::emulatorClientOptions()) {
    return http::buildPipeline(options, identity::makeChallengePolicy(std::move(credential)));
}

http::RawResponse putSecret(const http::Pipeline& pipeline, const std::string& vault,
                            const std::string& name) {
    http::Request put(http::Method::Put, vault + "/secrets/" + name + kApi);
    put.headers.set("Content-Type", "application/json");
    put.body = std::string(R"({"value":")") + kSecretValue + "\"}";
    put.sensitiveBody = true;
    return pipeline.send(put, {});
}

// Passes everything to the real transport, but swaps the challenge's resource for another host,
// as a hostile or misconfigured server would.
class ChallengeRewriter final : public http::Transport {
public:
    explicit ChallengeRewriter(std::shared_ptr<http::Transport> inner) : inner_(std::move(inner)) {}
    http::RawResponse send(const http::Request& request, const Context& context) override {
        auto response = inner_->send(request, context);
        if (auto h = response.headers.get("WWW-Authenticate")) {
            std::string value(*h);
            const auto at = value.find("https://vault.localhost");
            if (at != std::string::npos) value.replace(at, 23, "https://vault.evil.net");
            response.headers.set("WWW-Authenticate", value);
        }
        return response;
    }

private:
    std::shared_ptr<http::Transport> inner_;
};

} // namespace

TEST_CASE(
    "challenge: resource form; the probe has no body, the PUT body arrives intact; one probe per vault") {
    auto& emu = test::freshEmulator();
    auto pipeline = vaultPipeline(test::emulatorCredential());
    const std::string vault = emu.vaultUrl("idvault");
    CHECK(putSecret(*pipeline, vault, "s1").status == 200);
    http::Request get(http::Method::Get, vault + "/secrets/s1" + kApi);
    auto response = pipeline->send(get, {});
    CHECK(response.status == 200);
    CHECK(response.body.find(kSecretValue) != std::string::npos);
    CHECK(emu.counter("vaultRequests") == 3); // probe, PUT, GET
    CHECK(emu.counter("vaultRequestsWithToken") == 2);
    CHECK(emu.counter("tokenRequests") == 1);
}

TEST_CASE("challenge: scope form") {
    auto& emu = test::freshEmulator();
    emu.control("POST", "config", R"({"challengeForm":"scope"})");
    auto pipeline = vaultPipeline(test::emulatorCredential());
    CHECK(putSecret(*pipeline, emu.vaultUrl("scopevault"), "s2").status == 200);
    CHECK(emu.counter("vaultRequestsWithToken") == 1);
}

TEST_CASE("challenge: a foreign resource (vault.evil.net) gets no token; http:// vault URLs are refused") {
    auto& emu = test::freshEmulator();
    http::ClientOptions options = test::emulatorClientOptions();
    options.transport =
        std::make_shared<ChallengeRewriter>(http::makeCurlTransport(options.transportOptions));
    auto pipeline = vaultPipeline(test::emulatorCredential(), options);
    CHECK_THROWS_WITH_AS(putSecret(*pipeline, emu.vaultUrl("myvault"), "s3"),
                         doctest::Contains("vault.evil.net"), AuthenticationError);
    CHECK(emu.counter("vaultRequests") == 1);
    CHECK(emu.counter("vaultRequestsWithToken") == 0);
    CHECK(emu.counter("tokenRequests") == 0);

    auto plain = vaultPipeline(test::emulatorCredential());
    const std::string httpVault = "http://myvault.vault.localhost:" + std::to_string(emu.port());
    CHECK_THROWS_AS(putSecret(*plain, httpVault, "s4"), AuthenticationError);
    CHECK(emu.counter("requests") == 1); // only the control-plane free count above: nothing new sent
}

TEST_CASE(
    "shared key: Batch accepts GET, DELETE and POST signed with the account key; a wrong key is refused") {
    auto& emu = test::freshEmulator();
    auto pipeline = http::buildPipeline(test::emulatorClientOptions(),
                                        identity::makeSharedKeyPolicy(test::emulatorSharedKey()));
    http::Request list(http::Method::Get, emu.batchUrl() + "/certificates" + kBatchApi + "&maxresults=5");
    CHECK(pipeline->send(list, {}).status == 200);
    // Authentication comes before lookup: 404 proves the signature was accepted.
    http::Request del(http::Method::Delete,
                      emu.batchUrl() + "/certificates(thumbprintAlgorithm=sha1,thumbprint=0123456789abcdef)" +
                          kBatchApi);
    CHECK(pipeline->send(del, {}).status == 404);
    http::Request post(http::Method::Post,
                       emu.batchUrl() + "/pools/no-such-pool/updateproperties" + kBatchApi);
    post.body = R"({"certificateReferences":[],"applicationPackageReferences":[],"metadata":[]})";
    CHECK(pipeline->send(post, {}).status == 404);

    auto wrong = std::make_shared<const SharedKeyCredential>(Emulator::kBatchAccount,
                                                             SecretString("d3Jvbmcta2V5LXdyb25nLWtleQ=="));
    auto refused = http::buildPipeline(test::emulatorClientOptions(), identity::makeSharedKeyPolicy(wrong));
    http::Request again(http::Method::Get, emu.batchUrl() + "/certificates" + kBatchApi);
    CHECK(refused->send(again, {}).status == 403);
}

TEST_CASE("no secret, token, key or password in any log line or error text, at Verbose") {
    auto& emu = test::freshEmulator();
    std::mutex mutex;
    std::vector<std::string> lines;
    setLogSink(
        [&](LogLevel, std::string_view line) {
            std::lock_guard lock(mutex);
            lines.emplace_back(line);
        },
        LogLevel::Verbose);
    std::vector<std::string> errors;
    std::vector<std::string> secrets = {
        Emulator::kClientSecret,   test::kWrongSecret,  test::kPfxPassword, test::kWrongPassword,
        Emulator::kIdentityHeader, Emulator::kBatchKey, kSecretValue};
    auto expectFailure = [&](auto&& f) {
        try {
            f();
            errors.emplace_back("<no error>");
        } catch (const std::exception& e) {
            errors.emplace_back(e.what());
        }
    };

    auto credential = test::emulatorCredential();
    secrets.emplace_back(credential->getToken(test::vaultScope(), {}).token.reveal());
    auto pipeline = vaultPipeline(credential);
    putSecret(*pipeline, emu.vaultUrl("scanvault"), "s5");
    ClientSecretCredential wrong(Emulator::kTenant, Emulator::kClientId, SecretString(test::kWrongSecret),
                                 test::emulatorCredentialOptions());
    expectFailure([&] { wrong.getToken(test::vaultScope(), {}); });

    const auto cert = test::makeTestCertificate("kvb-scan", {.key = test::KeyType::Rsa2048});
    test::TempFile pfx(cert.pfx(test::kPfxPassword));
    expectFailure([&] {
        ClientCertificateCredential(Emulator::kTenant, Emulator::kClientId, pfx.path(),
                                    SecretString(test::kWrongPassword));
    });
    ManagedIdentityCredentialOptions app;
    app.identityEndpoint = emu.baseUrl() + "/msi/token";
    app.identityHeader = SecretString(Emulator::kIdentityHeader);
    app.client = test::emulatorClientOptions();
    ManagedIdentityCredential mi(app);
    secrets.emplace_back(mi.getToken(test::vaultScope(), {}).token.reveal());
    auto batch = http::buildPipeline(test::emulatorClientOptions(),
                                     identity::makeSharedKeyPolicy(test::emulatorSharedKey()));
    http::Request list(http::Method::Get, emu.batchUrl() + "/certificates" + kBatchApi);
    batch->send(list, {});
    setLogSink({}, LogLevel::Off);

    CHECK(lines.size() > 5); // the scan saw real traffic
    CHECK(errors.size() == 2);
    for (const auto& secret : secrets) {
        REQUIRE(secret.size() >= 8);
        for (const auto& line : lines) CHECK_MESSAGE(line.find(secret) == std::string::npos, line);
        for (const auto& error : errors) CHECK_MESSAGE(error.find(secret) == std::string::npos, error);
    }
}
