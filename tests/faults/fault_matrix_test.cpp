// SPDX-License-Identifier: MIT
// Every client operation family against every fault kind the emulator injects: the call either
// rides the fault out with the right result (and the fault is seen consumed in the counters) or
// ends in a typed kvb::Error of the right kind. Never a crash, a hang or a wrong result.

#include "credentials.hpp"
#include "emulator.hpp"
#include "openssl_certificates.hpp"

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/cryptography_client.hpp>
#include <kvbridge/keyvault/key_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <optional>

using kvb::test::Emulator;

namespace {

constexpr int kMaxRetries = 2;
constexpr const char* kVault = "faultmatrix";
constexpr const char* kSecretValue = "fault-matrix-value";
constexpr const char* kPoolId = "fault-pool";

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Retries fast; a try that takes over a second is a timeout (the delay fault waits longer).
kvb::http::ClientOptions clientOptions() {
    auto options = kvb::test::emulatorClientOptions();
    options.retry.maxRetries = kMaxRetries;
    options.retry.baseDelay = std::chrono::milliseconds(5);
    options.retry.maxDelay = std::chrono::milliseconds(20);
    options.transportOptions.timeout = std::chrono::milliseconds(1000);
    return options;
}

kvb::keyvault::KeyVaultClientOptions vaultOptions() {
    kvb::keyvault::KeyVaultClientOptions o;
    o.client = clientOptions();
    return o;
}

std::shared_ptr<const kvb::identity::TokenCredential> credential() {
    auto options = kvb::test::emulatorCredentialOptions();
    options.client = clientOptions();
    return std::make_shared<const kvb::identity::ClientSecretCredential>(
        Emulator::kTenant, Emulator::kClientId, kvb::SecretString(Emulator::kClientSecret), options);
}

// What the injected fault should end in when it lasts one try (Recovered: the retry succeeds).
enum class Outcome { Recovered, Parse };

struct FaultKind {
    const char* name;
    std::string spec; // the fault's JSON members besides host/path/method/count
    Outcome once;     // with count 1
};

const std::array<FaultKind, 9> kFaults = {{
    {"429 Retry-After seconds", R"("kind":"status","status":429,"retryAfter":"1")", Outcome::Recovered},
    {"429 Retry-After http-date", R"("kind":"status","status":429,"retryAfter":"http-date")",
     Outcome::Recovered},
    {"429 retry-after-ms", R"("kind":"status","status":429,"retryAfterMs":30)", Outcome::Recovered},
    {"500", R"("kind":"status","status":500)", Outcome::Recovered},
    {"503", R"("kind":"status","status":503)", Outcome::Recovered},
    {"connection reset", R"("kind":"reset")", Outcome::Recovered},
    {"truncated body", R"("kind":"truncate")", Outcome::Recovered},
    {"malformed JSON", R"("kind":"malformed")", Outcome::Parse},
    {"delay past the timeout", R"("kind":"delay","delayMs":2500)", Outcome::Recovered},
}};

// One operation family: where its requests go and a call that checks its own result.
struct Family {
    const char* name;
    const char* host;
    const char* path;
    const char* method;
    bool tokenEndpoint; // errors surface as AuthenticationError
    std::function<void()> call;
};

struct World {
    kvb::keyvault::SecretClient secrets;
    kvb::keyvault::KeyClient keys;
    kvb::keyvault::CertificateClient certificates;
    kvb::batch::BatchClient batch;
    std::string keyId;
    std::string certificateX5t;
    std::string batchThumbprint;

    World()
        : secrets(Emulator::shared().vaultUrl(kVault), credential(), vaultOptions()),
          keys(Emulator::shared().vaultUrl(kVault), credential(), vaultOptions()),
          certificates(Emulator::shared().vaultUrl(kVault), credential(), vaultOptions()),
          batch(Emulator::shared().batchUrl(), kvb::test::emulatorSharedKey(), batchOptions()) {
        auto& emu = Emulator::shared();
        secrets.setSecret("fm-secret", kvb::SecretString(kSecretValue));
        kvb::keyvault::CreateKeyOptions ec;
        ec.curve = "P-256";
        keyId = keys.createEcKey("fm-key", ec)->key.kid;
        const auto cert = kvb::test::makeTestCertificate("fault-matrix");
        const std::string pem = cert.certPem + cert.keyPem;
        auto imported = certificates.importCertificate(
            "fm-cert", kvb::keyvault::ImportCertificateOptions::fromPem(kvb::SecretString(pem)));
        certificateX5t = imported->properties.x5t;
        batchThumbprint = cert.thumbprint;
        emu.control("POST", std::string("batch/accounts/") + Emulator::kBatchAccount + "/certificates",
                    R"({"thumbprint":")" + cert.thumbprint + R"(","thumbprintAlgorithm":"sha1","data":")" +
                        cert.derBase64 + R"(","certificateFormat":"cer"})");
        emu.control("POST", std::string("batch/accounts/") + Emulator::kBatchAccount + "/pools",
                    std::string(R"({"id":")") + kPoolId + R"(","vmSize":"standard_d2s_v3"})");
    }

    static kvb::batch::BatchClientOptions batchOptions() {
        kvb::batch::BatchClientOptions o;
        o.client = clientOptions();
        return o;
    }

    std::vector<Family> families() const {
        const std::vector<std::uint8_t> digest(32, 0x5a);
        return {
            {"Key Vault secrets", "*.vault.localhost", "/secrets/fm-secret*", "GET", false,
             [this] {
                 const auto secret = secrets.getSecret("fm-secret");
                 CHECK(secret->value.reveal() == kSecretValue);
             }},
            {"Key Vault keys", "*.vault.localhost", "/keys/fm-key*", "GET", false,
             [this] {
                 const auto key = keys.getKey("fm-key");
                 CHECK(key->key.kid == keyId);
             }},
            {"Key Vault crypto", "*.vault.localhost", "/keys/fm-key/*/sign", "POST", false,
             [this, digest] {
                 kvb::keyvault::CryptographyClientOptions o;
                 static_cast<kvb::keyvault::KeyVaultClientOptions&>(o) = vaultOptions();
                 kvb::keyvault::CryptographyClient crypto(keyId, credential(), o);
                 const auto signature = crypto.sign("ES256", digest);
                 CHECK(signature.signature.size() == 64);
                 // The signature is the vault's: a fault must not turn into a bogus one.
                 const auto verified = crypto.verify("ES256", digest, signature.signature);
                 CHECK(verified.isValid);
             }},
            {"Key Vault certificates", "*.vault.localhost", "/certificates/fm-cert*", "GET", false,
             [this] {
                 const auto certificate = certificates.getCertificate("fm-cert");
                 CHECK(certificate->properties.x5t == certificateX5t);
             }},
            {"Batch certificates", "*.batch.localhost", "/certificates*", "GET", false,
             [this] {
                 const auto certificate = batch.getCertificate(batchThumbprint);
                 CHECK(upper(certificate->thumbprint) == batchThumbprint);
             }},
            {"Batch pools", "*.batch.localhost", "/pools/*", "GET", false,
             [this] {
                 const auto pool = batch.getPool(kPoolId);
                 CHECK(pool->id == kPoolId);
             }},
            {"identity token requests", "login.localhost", "*/oauth2/v2.0/token", "POST", true,
             [] {
                 // A fresh credential has no cached token: every call reaches the endpoint.
                 const auto token =
                     credential()->getToken({{"https://vault.localhost/.default"}, "", false}, {});
                 CHECK(std::count(token.token.reveal().begin(), token.token.reveal().end(), '.') == 2);
             }},
        };
    }
};

World& world() {
    static World w;
    return w;
}

void inject(const Family& family, const std::string& spec, int count) {
    Emulator::shared().control("POST", "faults",
                               std::string(R"({"host":")") + family.host + R"(","path":")" + family.path +
                                   R"(","method":")" + family.method + R"(","count":)" +
                                   std::to_string(count) + "," + spec + "}");
}

struct FaultedCall {
    std::optional<kvb::ErrorKind> error; // none: the call succeeded (its own checks passed)
    std::optional<int> httpStatus;       // for a ServiceError
    long consumed = 0;                   // faults the emulator injected meanwhile
};

// Run @p family's call with @p count faults pending.
FaultedCall runFaulted(const Family& family, const std::string& spec, int count) {
    auto& emu = Emulator::shared();
    emu.control("POST", "faults/clear");
    const long before = emu.counter("faultsInjected");
    inject(family, spec, count);
    FaultedCall out;
    try {
        family.call();
    } catch (const kvb::ServiceError& e) {
        out.error = e.kind();
        out.httpStatus = e.httpStatus();
        CHECK_FALSE(e.serviceCode().empty());
    } catch (const kvb::Error& e) {
        out.error = e.kind();
    }
    out.consumed = emu.counter("faultsInjected") - before;
    emu.control("POST", "faults/clear");
    return out;
}

} // namespace

TEST_SUITE("faults") {
    TEST_CASE("a fault lasting one try: every family recovers with the right result, or fails typed") {
        std::map<std::string, int> survived, typed;
        for (const auto& family : world().families()) {
            for (const auto& fault : kFaults) {
                const std::string familyName = family.name;
                CAPTURE(familyName);
                const std::string faultName = fault.name;
                CAPTURE(faultName);
                const auto r = runFaulted(family, fault.spec, 1);
                CHECK(r.consumed == 1); // the fault was met, once
                if (fault.once == Outcome::Recovered) {
                    CHECK_FALSE(r.error.has_value());
                    if (!r.error) ++survived[fault.name];
                } else {
                    REQUIRE(r.error.has_value());
                    CHECK(*r.error ==
                          (family.tokenEndpoint ? kvb::ErrorKind::Authentication : kvb::ErrorKind::Parse));
                    ++typed[fault.name];
                }
                // The family still works after the fault (no poisoned connection or cache).
                family.call();
            }
        }
        for (const auto& fault : kFaults) {
            MESSAGE(std::string(fault.name)
                    << ": injected " << world().families().size() << ", retried to success "
                    << survived[fault.name] << ", typed error " << typed[fault.name]);
        }
    }

    TEST_CASE("a fault outlasting the retries ends in the typed error with the HTTP status") {
        struct Persistent {
            const char* name;
            std::string spec;
            kvb::ErrorKind kind;
            int status; // 0: no HTTP response
        };
        const std::array<Persistent, 4> persistent = {{
            {"429", R"("kind":"status","status":429,"retryAfterMs":5)", kvb::ErrorKind::Throttled, 429},
            {"500", R"("kind":"status","status":500)", kvb::ErrorKind::Service, 500},
            {"503", R"("kind":"status","status":503)", kvb::ErrorKind::Service, 503},
            {"connection reset", R"("kind":"reset")", kvb::ErrorKind::Transport, 0},
        }};
        for (const auto& family : world().families()) {
            for (const auto& fault : persistent) {
                const std::string familyName = family.name;
                CAPTURE(familyName);
                const std::string faultName = fault.name;
                CAPTURE(faultName);
                // More faults than tries: libcurl itself may replay a request whose reused
                // connection died, so a try can meet two resets.
                const auto r = runFaulted(family, fault.spec, 4 * (kMaxRetries + 1));
                REQUIRE(r.error.has_value());
                CHECK(r.consumed >= kMaxRetries + 1);
                CHECK(r.consumed <= 2 * (kMaxRetries + 1));
                if (family.tokenEndpoint) {
                    CHECK(*r.error == kvb::ErrorKind::Authentication);
                } else {
                    CHECK(*r.error == fault.kind);
                    if (fault.status != 0) CHECK(r.httpStatus == fault.status);
                }
                family.call();
            }
        }
    }
}
