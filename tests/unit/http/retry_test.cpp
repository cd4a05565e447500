// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include <thread>
#include <vector>

#include "core/retry_schedule.hpp"
#include "core/time_format.hpp"
#include "fake_transport.hpp"
#include "http/policies.hpp"

using namespace kvb;
using namespace kvb::http;
namespace hd = kvb::detail;
using namespace std::chrono_literals;

namespace {

// A clock that never sleeps: it records each requested delay and moves time forward by it.
struct FakeClock {
    std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
    std::vector<std::chrono::milliseconds> sleeps;

    hd::RetryClock clock() {
        hd::RetryClock c;
        c.now = [this] { return now; };
        c.sleep = [this](std::chrono::milliseconds d, const Context& ctx) {
            ctx.throwIfCancelled();
            sleeps.push_back(d);
            now += d;
        };
        c.jitter = [] { return 1.0; };
        return c;
    }
};

struct Rig {
    std::shared_ptr<test::FakeTransport> fake = std::make_shared<test::FakeTransport>();
    FakeClock clock;
    RetryOptions options;
    Pipeline pipeline() {
        return Pipeline({std::make_shared<hd::RequestIdPolicy>(),
                         std::make_shared<hd::RetryPolicy>(options, clock.clock())},
                        fake);
    }
};

Headers header(const char* name, const std::string& value) {
    Headers h;
    h.set(name, value);
    return h;
}

} // namespace

TEST_SUITE("http::RetryPolicy") {
    TEST_CASE("each retryable status is retried, then succeeds") {
        for (int status : {408, 429, 500, 502, 503, 504}) {
            CAPTURE(status);
            Rig rig;
            rig.fake->respond(status).respond(200, "ok");
            auto p = rig.pipeline();
            Request r(Method::Get, "https://v/x");
            CHECK(p.send(r, {}).status == 200);
            CHECK(rig.fake->count() == 2);
            CHECK(rig.clock.sleeps == std::vector<std::chrono::milliseconds>{800ms});
        }
    }

    TEST_CASE("backoff doubles up to the cap, and the last response comes back after maxRetries") {
        Rig rig;
        rig.options.maxRetries = 4;
        rig.options.baseDelay = 1000ms;
        rig.options.maxDelay = 3000ms;
        for (int i = 0; i < 5; ++i) rig.fake->respond(503);
        auto p = rig.pipeline();
        Request r(Method::Get, "https://v/x");
        CHECK(p.send(r, {}).status == 503);
        CHECK(rig.fake->count() == 5);
        CHECK(rig.clock.sleeps == std::vector<std::chrono::milliseconds>{1000ms, 2000ms, 3000ms, 3000ms});
    }

    TEST_CASE("Retry-After forms: retry-after-ms, x-ms-retry-after-ms, seconds, HTTP-date") {
        SUBCASE("retry-after-ms, x-ms-retry-after-ms, Retry-After seconds") {
            struct Form {
                int status;
                const char* name;
                const char* value;
                std::chrono::milliseconds wait;
            };
            for (const Form& form :
                 {Form{429, "retry-after-ms", "150", 150ms}, Form{503, "x-ms-retry-after-ms", "75", 75ms},
                  Form{429, "Retry-After", "7", 7000ms}}) {
                CAPTURE(form.name);
                Rig rig;
                rig.fake->respond(form.status, "", header(form.name, form.value)).respond(200);
                auto p = rig.pipeline();
                Request r(Method::Get, "https://v/x");
                p.send(r, {});
                CHECK(rig.clock.sleeps == std::vector<std::chrono::milliseconds>{form.wait});
            }
        }
        SUBCASE("Retry-After HTTP-date") {
            const auto when = std::chrono::system_clock::now() + 30s;
            auto d = hd::RetryPolicy::serverDelay(header("Retry-After", kvb::detail::formatRfc1123(when)),
                                                  std::chrono::system_clock::now());
            REQUIRE(d.has_value());
            CHECK(*d > 28s);
            CHECK(*d <= 30s);
            auto past = hd::RetryPolicy::serverDelay(header("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"),
                                                     std::chrono::system_clock::now());
            CHECK(past == 0ms);
        }
    }

    TEST_CASE("transport failures are retried; the last one is rethrown") {
        Rig rig;
        rig.options.maxRetries = 2;
        rig.fake->fail(56).fail(56).fail(7);
        auto p = rig.pipeline();
        Request r(Method::Get, "https://v/x");
        try {
            p.send(r, {});
            FAIL("no exception");
        } catch (const TransportError& e) {
            CHECK(e.curlCode() == 7);
        }
        CHECK(rig.fake->count() == 3);
    }

    TEST_CASE(
        "a write without replay is not sent again once sent, on whatever thread it is sent; reads are") {
        Rig rig;
        rig.fake->fail(28).fail(28).respond(200);
        auto p = rig.pipeline();
        const Context once = Context{}.withoutWriteReplay();
        // The context is made here and the request sent on another thread, as a worker pool or an
        // asynchronous transport would: the mark travels with the call, not with the thread.
        bool writeFailed = false;
        std::thread sender([&] {
            Request write(Method::Post, "https://v.vault.azure.net/certificates/c/import");
            try {
                p.send(write, once);
            } catch (const TransportError&) {
                writeFailed = true;
            }
        });
        sender.join();
        CHECK(writeFailed);
        CHECK(rig.fake->count() == 1);
        Request read(Method::Get, "https://v.vault.azure.net/certificates/c");
        CHECK(p.send(read, once).status == 200); // retried past the second failure
        CHECK(rig.fake->count() == 3);
        Request write(Method::Put, "https://v.vault.azure.net/secrets/s");
        rig.fake->fail(28).respond(200);
        CHECK(p.send(write, {}).status == 200); // a default context replays writes, as before
        CHECK(rig.fake->count() == 5);
    }

    TEST_CASE("a write without replay is still retried on a retryable answer: the service answered") {
        Rig rig;
        rig.fake->respond(503).respond(429).respond(201);
        auto p = rig.pipeline();
        Request write(Method::Put, "https://v.vault.azure.net/secrets/s");
        CHECK(p.send(write, Context{}.withoutWriteReplay()).status == 201);
        CHECK(rig.fake->count() == 3);
    }

    TEST_CASE("the pipeline moves the mark onto write requests and passes the context on without it") {
        // What the policies after the entry see: the request's flag, and the context a policy
        // hands to its own calls (the bearer policy's token request).
        struct Seen {
            bool replayAfterSend;
            bool contextReplays;
        };
        struct Recorder final : Policy {
            std::vector<Seen>* seen;
            explicit Recorder(std::vector<Seen>* s) : seen(s) {}
            RawResponse send(Request& request, const NextPolicy& next,
                             const Context& context) const override {
                seen->push_back({request.replayAfterSend, context.writeReplayAllowed()});
                return next(request, context);
            }
        };
        std::vector<Seen> seen;
        auto fake = std::make_shared<test::FakeTransport>();
        fake->respond(200).respond(200).respond(200).respond(200);
        Pipeline p({std::make_shared<Recorder>(&seen)}, fake);
        const Context once = Context{}.withoutWriteReplay();
        for (Method m : {Method::Post, Method::Get, Method::Delete}) {
            Request r(m, "https://v/x");
            p.send(r, once);
        }
        Request plain(Method::Patch, "https://v/x");
        p.send(plain, {});
        REQUIRE(seen.size() == 4);
        CHECK_FALSE(seen[0].replayAfterSend); // POST
        CHECK(seen[1].replayAfterSend);       // GET: reads replay
        CHECK(seen[2].replayAfterSend);       // DELETE: replaying it deletes nothing more
        CHECK(seen[3].replayAfterSend);       // default context
        for (const auto& s : seen) CHECK(s.contextReplays);
        CHECK_FALSE(once.writeReplayAllowed()); // the caller's copy keeps its mark
    }

    TEST_CASE("non-retryable 4xx is returned at once") {
        Rig rig;
        rig.fake->respond(400).respond(200);
        auto p = rig.pipeline();
        Request r(Method::Get, "https://v/x");
        CHECK(p.send(r, {}).status == 400);
        CHECK(rig.fake->count() == 1);
    }

    TEST_CASE("the total timeout stops retrying") {
        Rig rig;
        rig.options.totalTimeout = 2000ms;
        rig.fake->respond(503, "", header("Retry-After", "1"))
            .respond(503, "", header("Retry-After", "5"))
            .respond(200);
        auto p = rig.pipeline();
        Request r(Method::Get, "https://v/x");
        CHECK(p.send(r, {}).status == 503);
        CHECK(rig.fake->count() == 2);
    }

    TEST_CASE("longestCall: every try and the longest jittered backoff, capped by the total timeout") {
        RetryOptions options;
        options.maxRetries = 3;
        options.baseDelay = 100ms;
        options.maxDelay = 300ms;
        // 4 tries of 1 s, pauses of 100, 200 and 300 ms (capped) times the largest jitter.
        CHECK(kvb::detail::longestCall(options, 1000ms) == 4000ms + 120ms + 240ms + 360ms);
        options.totalTimeout = 2500ms;
        CHECK(kvb::detail::longestCall(options, 1000ms) == 3500ms);
        options.maxRetries = 0;
        CHECK(kvb::detail::longestCall(options, 1000ms) == 1000ms);
    }

    TEST_CASE("cancellation during the wait ends the call with OperationCancelled") {
        Rig rig;
        rig.fake->respond(503).respond(200);
        Context ctx;
        auto c = rig.clock.clock();
        c.sleep = [&ctx](std::chrono::milliseconds, const Context& inner) {
            ctx.cancel();
            inner.throwIfCancelled();
        };
        Pipeline p({std::make_shared<hd::RetryPolicy>(rig.options, c)}, rig.fake);
        Request r(Method::Get, "https://v/x");
        CHECK_THROWS_AS(p.send(r, ctx), OperationCancelled);
        CHECK(rig.fake->count() == 1);
    }

    TEST_CASE("the client request id stays the same across tries") {
        Rig rig;
        rig.fake->respond(500).respond(500).respond(200);
        auto p = rig.pipeline();
        Request r(Method::Get, "https://v/x");
        p.send(r, {});
        auto sent = rig.fake->requests();
        REQUIRE(sent.size() == 3);
        auto id = sent[0].headers.get("x-ms-client-request-id");
        REQUIRE(id.has_value());
        CHECK(id->size() == 36);
        CHECK(sent[1].headers.get("x-ms-client-request-id") == id);
        CHECK(sent[2].headers.get("x-ms-client-request-id") == id);
    }
}
