// SPDX-License-Identifier: MIT
// How the Key Vault pollers wait, against the emulator over verified TLS: at the service's pace
// (Retry-After on a create's 202 and on pending GETs), once a second without a hint while a
// delete or recovery takes seconds to show, and never past their timeout. The emulator counts
// the GETs; times are bounds, not speeds. A program of its own: it changes the emulator's pacing.

#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/key_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "credentials.hpp"
#include "emulator.hpp"

using namespace kvb;
using namespace kvb::keyvault;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

test::Emulator& emulator() {
    return test::Emulator::shared();
}

KeyVaultClientOptions vaultOptions() {
    KeyVaultClientOptions o;
    o.client = test::emulatorClientOptions();
    return o;
}

template <class Client>
Client client(std::string_view vault) {
    return Client(emulator().vaultUrl(vault), test::emulatorCredential(), vaultOptions());
}

// Sets the emulator's pacing for one test and puts the defaults back after it.
struct Pacing {
    explicit Pacing(const std::string& config) { emulator().control("POST", "config", config); }
    ~Pacing() {
        emulator().control(
            "POST", "config",
            R"({"certificateRetryAfterSeconds":0,"softDeleteDelayMs":0,"certificateCreateDelayMs":300})");
    }
    Pacing(const Pacing&) = delete;
    Pacing& operator=(const Pacing&) = delete;
};

void resetCounters() {
    emulator().control("POST", "counters/reset");
}

CertificatePolicy unknownIssuer(const std::string& subject) {
    CertificatePolicy p = CertificatePolicy::selfSigned(subject);
    p.issuerName = std::string(kUnknownIssuer);
    return p;
}

// Fails the test rather than hanging when something never finishes.
Context bounded() {
    return Context().withTimeout(std::chrono::minutes(1));
}

// Starts an operation with @p start on fresh counters, waits for it with the default PollOptions
// and checks the GETs counted under @p operation, for a wait on something that takes 3 s to show:
// polls at 0, 1, 2, 3 s and perhaps once more, where 100 ms steps would make 30. Returns the result.
template <class Start>
auto waitPolledOnceASecond(Start start, const char* operation) {
    resetCounters();
    auto result = start().pollUntilDone({}, bounded());
    const long gets = emulator().operationCount(operation);
    CHECK_MESSAGE(gets >= 2, operation);
    CHECK_MESSAGE(gets <= 5, operation);
    return result;
}

milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

} // namespace

TEST_SUITE("e2e keyvault waits") {
    TEST_CASE("an Unknown-issuer create times out with OperationTimeoutError, and the operation goes on") {
        auto c = client<CertificateClient>("waits-unknown");
        auto op = c.startCreateCertificate("forever", unknownIssuer("CN=forever"));
        resetCounters();
        const PollOptions options{.timeout = seconds(3)};
        const auto start = std::chrono::steady_clock::now();
        try {
            op.pollUntilDone(options, bounded());
            FAIL("no timeout");
        } catch (const OperationTimeoutError& e) {
            // Within the deadline and one interval; one GET a second, none after the deadline.
            CHECK(since(start) <= options.timeout + options.interval);
            CHECK(e.polls() == emulator().operationCount("GET /certificates/{}/pending"));
            CHECK(e.polls() <= 4);
            CHECK(std::string(e.what()).find("creation of certificate 'forever' is not done after") == 0);
        }
        // Still pending at the service, and the same poller finishes once the operation does.
        CHECK(c.getCertificateOperation("forever")->status == "inProgress");
        c.cancelCertificateOperation("forever");
        CHECK(op.pollUntilDone({}, bounded()).status == "cancelled");
    }

    TEST_CASE("a create whose 202 says Retry-After: 2 is polled every 2 s, starting 2 s after the 202") {
        Pacing pacing(R"({"certificateRetryAfterSeconds":2,"certificateCreateDelayMs":5000})");
        auto c = client<CertificateClient>("waits-paced");
        resetCounters();
        auto op = c.startCreateCertificate("paced", CertificatePolicy::selfSigned("CN=paced"));
        // An interval of 50 ms would mean ~100 GETs in the 5 s the creation takes.
        CHECK(op.pollUntilDone({.interval = milliseconds(50)}, bounded()).isCompleted());
        // GETs at 2, 4 and 6 s (at 2 and 4 s on a machine slow enough to poll late).
        const long gets = emulator().operationCount("GET /certificates/{}/pending");
        CHECK(gets >= 2);
        CHECK(gets <= 3);
    }

    TEST_CASE("a secret delete and recovery that take 3 s are polled about once a second") {
        Pacing pacing(R"({"softDeleteDelayMs":3000})");
        auto c = client<SecretClient>("waits-secrets");
        c.setSecret("slow", SecretString("v"));
        const auto deleted =
            waitPolledOnceASecond([&] { return c.startDeleteSecret("slow"); }, "GET /deletedsecrets/{}");
        CHECK(deleted.recoveryId.has_value());
        waitPolledOnceASecond([&] { return c.startRecoverDeletedSecret("slow"); }, "GET /secrets/{}");
    }

    TEST_CASE("a key delete that outlasts its timeout stays resumable; its recovery is paced too") {
        Pacing pacing(R"({"softDeleteDelayMs":3000})");
        auto c = client<KeyClient>("waits-keys");
        c.createRsaKey("slow");
        auto del = c.startDeleteKey("slow");
        CHECK_THROWS_AS(del.pollUntilDone({.timeout = seconds(1)}, bounded()), OperationTimeoutError);
        CHECK_FALSE(del.isDone());
        CHECK(del.pollUntilDone({}, bounded()).recoveryId.has_value());

        waitPolledOnceASecond([&] { return c.startRecoverDeletedKey("slow"); }, "GET /keys/{}");
    }

    TEST_CASE("a certificate delete and recovery that take 3 s are polled about once a second") {
        Pacing pacing(R"({"softDeleteDelayMs":3000,"certificateCreateDelayMs":0})");
        auto c = client<CertificateClient>("waits-certificates");
        REQUIRE(c.startCreateCertificate("slow", CertificatePolicy::selfSigned("CN=slow"))
                    .pollUntilDone({.interval = milliseconds(20)}, bounded())
                    .isCompleted());
        waitPolledOnceASecond([&] { return c.startDeleteCertificate("slow"); },
                              "GET /deletedcertificates/{}");
        waitPolledOnceASecond([&] { return c.startRecoverDeletedCertificate("slow"); },
                              "GET /certificates/{}");
    }

    TEST_CASE("cancelling the Context ends a wait on a long Retry-After at once") {
        Pacing pacing(R"({"certificateRetryAfterSeconds":3600})");
        auto c = client<CertificateClient>("waits-cancel");
        auto op = c.startCreateCertificate("held", unknownIssuer("CN=held"));
        Context context = bounded();
        std::thread canceller([context] {
            std::this_thread::sleep_for(milliseconds(300));
            context.cancel();
        });
        const auto start = std::chrono::steady_clock::now();
        CHECK_THROWS_AS(op.pollUntilDone({.timeout = milliseconds::max()}, context), OperationCancelled);
        canceller.join();
        // Not the hour the service asked for (nor the minute of bounded()).
        CHECK(since(start) < seconds(30));
    }
}
