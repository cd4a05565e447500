// SPDX-License-Identifier: MIT
// The libcurl transport against the emulator over verified TLS on loopback.
#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include <atomic>
#include <functional>
#include <thread>

#include "emulator.hpp"
#include "http/curl_transport.hpp"

using namespace kvb;
using namespace kvb::http;
using kvb::test::Emulator;

namespace {

RawResponse get(Transport& transport, const std::string& url, const Context& ctx = {}) {
    Request request(Method::Get, url);
    return transport.send(request, ctx);
}

std::string vaultPath(const Emulator& emu, const char* vault) {
    return emu.vaultUrl(vault) + "/secrets/some-secret?api-version=2026-04-01";
}

void injectFault(const Emulator& emu, const std::string& json) {
    emu.control("POST", "faults", json);
}

int curlCodeOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const TransportError& e) {
        return e.curlCode();
    }
    return 0;
}

} // namespace

TEST_SUITE("http::CurlTransport") {
    TEST_CASE("many calls reuse one TLS connection") {
        auto& emu = Emulator::shared();
        CurlTransport transport(emu.transportOptions());
        for (int i = 0; i < 20; ++i)
            CHECK(get(transport, emu.baseUrl() + "/_emulator/counters").status == 200);
        CHECK(transport.connectionsOpened() == 1);
    }

    TEST_CASE("a server certificate from an untrusted CA fails the handshake") {
        auto& emu = Emulator::shared();
        TransportOptions options = emu.transportOptions();
        options.caFile.clear(); // the system store does not know the emulator's CA
        CurlTransport transport(options);
        CHECK(curlCodeOf([&] { get(transport, emu.baseUrl() + "/_emulator/counters"); }) == 60);
    }

    TEST_CASE("a host name outside the certificate fails verification") {
        auto& emu = Emulator::shared();
        TransportOptions options = emu.transportOptions();
        options.connectTo = {"::127.0.0.1:" + std::to_string(emu.port())};
        CurlTransport transport(options);
        // example.org is not among the emulator certificate's names.
        const int code = curlCodeOf([&] { get(transport, "https://example.org/_emulator/counters"); });
        CHECK((code == 60 || code == 51));
    }

    TEST_CASE("connect_to sends a real Azure host name to the emulator, TLS verified") {
        auto& emu = Emulator::shared();
        TransportOptions options = emu.transportOptions();
        options.connectTo = {emu.connectToAll()};
        CurlTransport transport(options);
        auto response = get(transport, "https://myvault.vault.azure.net/secrets/x?api-version=2026-04-01");
        CHECK(response.status == 401);
        auto challenge = response.headers.get("WWW-Authenticate");
        REQUIRE(challenge.has_value());
        CHECK(challenge->find("resource=\"https://vault.azure.net\"") != std::string_view::npos);
    }

    TEST_CASE("a response slower than the timeout is a TransportError, not a hang") {
        auto& emu = Emulator::shared();
        injectFault(emu,
                    R"({"method":"GET","path":"/secrets/slow-one","count":1,"kind":"delay","delayMs":3000})");
        TransportOptions options = emu.transportOptions();
        options.timeout = std::chrono::milliseconds(300);
        CurlTransport transport(options);
        CHECK(curlCodeOf([&] {
                  get(transport, emu.vaultUrl("v1") + "/secrets/slow-one?api-version=2026-04-01");
              }) == 28);
    }

    TEST_CASE("the context deadline bounds a call too, as OperationCancelled") {
        auto& emu = Emulator::shared();
        injectFault(emu,
                    R"({"method":"GET","path":"/secrets/slow-two","count":1,"kind":"delay","delayMs":3000})");
        CurlTransport transport(emu.transportOptions());
        const auto ctx = Context{}.withTimeout(std::chrono::milliseconds(300));
        CHECK_THROWS_AS(get(transport, emu.vaultUrl("v1") + "/secrets/slow-two?api-version=2026-04-01", ctx),
                        OperationCancelled);
    }

    TEST_CASE("a reset connection and a truncated body are TransportErrors") {
        auto& emu = Emulator::shared();
        injectFault(emu, R"({"method":"GET","path":"/secrets/reset-me","count":1,"kind":"reset"})");
        injectFault(emu, R"({"method":"GET","path":"/secrets/cut-me","count":1,"kind":"truncate"})");
        CurlTransport transport(emu.transportOptions());
        CHECK(curlCodeOf([&] {
                  get(transport, emu.vaultUrl("v1") + "/secrets/reset-me?api-version=2026-04-01");
              }) != 0);
        CHECK(curlCodeOf([&] {
                  get(transport, emu.vaultUrl("v1") + "/secrets/cut-me?api-version=2026-04-01");
              }) != 0);
        // The pool dropped the broken handles: the next call works.
        CHECK(get(transport, emu.baseUrl() + "/_emulator/counters").status == 200);
    }

    TEST_CASE("a write that must not be replayed is sent once when its reused connection dies") {
        auto& emu = Emulator::shared();
        CurlTransport transport(emu.transportOptions());
        const std::string url = emu.vaultUrl("v1") + "/secrets/cut-write?api-version=2026-04-01";
        auto putsReceived = [&](bool noReplay) {
            get(transport, vaultPath(emu, "v1")); // leaves a connection to reuse
            injectFault(emu, R"({"method":"PUT","path":"/secrets/cut-write","count":2,"kind":"reset"})");
            const long before = emu.counter("requests");
            Request put(Method::Put, url);
            put.body = R"({"value":"v"})";
            put.replayAfterSend = !noReplay;
            CHECK(curlCodeOf([&] { transport.send(put, {}); }) != 0);
            emu.control("POST", "faults/clear");
            return emu.counter("requests") - before;
        };
        // libcurl on its own sends it again on a fresh connection: the server sees it twice.
        CHECK(putsReceived(false) == 2);
        CHECK(putsReceived(true) == 1);
    }

    TEST_CASE("a transport error names the endpoint, scheme://host:port, never the path or query") {
        auto& emu = Emulator::shared();
        injectFault(emu, R"({"method":"GET","path":"/secrets/reset-named","count":1,"kind":"reset"})");
        CurlTransport transport(emu.transportOptions());
        try {
            get(transport,
                emu.vaultUrl("named") + "/secrets/reset-named?api-version=2026-04-01&sig=tok3n-value");
            FAIL("no exception");
        } catch (const TransportError& e) {
            const std::string message = e.what();
            CHECK(message.find(emu.vaultUrl("named")) != std::string::npos);
            CHECK(message.find("reset-named") == std::string::npos);
            CHECK(message.find("tok3n-value") == std::string::npos);
        }
        // The scheme's default port is spelled out: "which endpoint" has one answer.
        TransportOptions quick = emu.transportOptions();
        quick.connectTo = {"::127.0.0.1:9"}; // discard port: nothing listens
        CurlTransport nowhere(quick);
        try {
            get(nowhere, "https://unreachable.vault.azure.net/secrets/x?sig=tok3n-value");
            FAIL("no exception");
        } catch (const TransportError& e) {
            CHECK(std::string(e.what()).find("https://unreachable.vault.azure.net:443") != std::string::npos);
            CHECK(std::string(e.what()).find("tok3n-value") == std::string::npos);
        }
    }

    TEST_CASE("a CA file or folder that cannot be used is named when the transport is made") {
        auto& emu = Emulator::shared();
        TransportOptions options = emu.transportOptions();
        options.caFile = "/nonexistent/kvb-ca.pem";
        CHECK_THROWS_WITH_AS(makeCurlTransport(options), "CA file /nonexistent/kvb-ca.pem does not exist",
                             InvalidArgument);
        options.caFile = "/tmp";
        CHECK_THROWS_WITH_AS(makeCurlTransport(options), "CA file /tmp is a directory, not a file",
                             InvalidArgument);
        options = emu.transportOptions();
        options.caPath = "/nonexistent/certs";
        CHECK_THROWS_WITH_AS(makeCurlTransport(options), "CA folder /nonexistent/certs is not a folder",
                             InvalidArgument);
    }

    TEST_CASE("the proxy option is applied (an unreachable proxy fails the call)") {
        auto& emu = Emulator::shared();
        TransportOptions options = emu.transportOptions();
        options.proxy = "http://127.0.0.1:9"; // discard port: nothing listens
        options.proxyUsername = "user";
        options.proxyPassword = SecretString("proxy-password");
        CurlTransport transport(options);
        try {
            get(transport, emu.baseUrl() + "/_emulator/counters");
            FAIL("no exception");
        } catch (const TransportError& e) {
            CHECK((e.curlCode() == 5 || e.curlCode() == 7 || e.curlCode() == 97));
            CHECK(std::string(e.what()).find("proxy-password") == std::string::npos);
        }
    }

    TEST_CASE("eight threads share one transport") {
        auto& emu = Emulator::shared();
        CurlTransport transport(emu.transportOptions());
        std::atomic<int> ok{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 20; ++i)
                    if (get(transport, vaultPath(emu, "threads")).status == 401) ++ok;
            });
        for (auto& t : threads) t.join();
        CHECK(ok == 160);
        CHECK(transport.connectionsOpened() <= 8);
    }

    TEST_CASE("a cancelled context fails before sending") {
        auto& emu = Emulator::shared();
        CurlTransport transport(emu.transportOptions());
        Context ctx;
        ctx.cancel();
        CHECK_THROWS_AS(get(transport, emu.baseUrl() + "/_emulator/counters", ctx), OperationCancelled);
    }
}
